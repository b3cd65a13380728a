//! Encrypt + decrypt throughput of 1 KB messages through messenger-otr, against a C loop
//! calling libotr directly (`otr-c-bench`). Prints numbers and ratios; asserts nothing.
//!
//! `cargo bench -p messenger-otr --bench throughput`
#![allow(clippy::unwrap_used)] // a benchmark binary: failing loudly is right

use messenger_otr::{OtrAccount, OtrCore, OtrEngine, OtrEvent, OtrSettings, PeerId};
use messenger_protocol::{OutgoingId, ProtocolKind};
use std::collections::VecDeque;
use std::sync::Arc;
use std::time::{Duration, Instant};

/// Messages per run (`OTR_BENCH_COUNT` overrides it, for profiling).
fn count() -> u32 {
    std::env::var("OTR_BENCH_COUNT")
        .ok()
        .and_then(|c| c.parse().ok())
        .unwrap_or(20_000)
}
const SIZE: usize = 1024;

/// Rounds of C loop, OtrCore and OtrEngine, alternated.
const ROUNDS: usize = 5;
/// Messages the pipelined engine run keeps in flight (a busy conversation, not a backlog of
/// thousands: a deeper queue only measures the allocator growing the heap).
const WINDOW: u32 = 64;

fn text() -> String {
    (0..SIZE)
        .map(|i| char::from(b'a' + (i % 26) as u8))
        .collect()
}

/// Two cores on this thread, like the C loop: no channels, no threads.
struct CorePair {
    alice: OtrCore,
    bob: OtrCore,
    to_bob: PeerId,
    to_alice: PeerId,
    /// Bodies in flight (kept between calls, like the C loop's static ring).
    queue: VecDeque<(bool, String)>,
    _dirs: (tempfile::TempDir, tempfile::TempDir),
}

impl CorePair {
    fn new(protocol: ProtocolKind) -> CorePair {
        let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
        let mut pair = CorePair {
            alice: OtrCore::open(a.path(), OtrSettings::default()).unwrap(),
            bob: OtrCore::open(b.path(), OtrSettings::default()).unwrap(),
            to_bob: PeerId::new(OtrAccount::new("alice", protocol), "bob"),
            to_alice: PeerId::new(OtrAccount::new("bob", protocol), "alice"),
            queue: VecDeque::new(),
            _dirs: (a, b),
        };
        for (core, account) in [(&mut pair.alice, "alice"), (&mut pair.bob, "bob")] {
            core.start_key_generation(&OtrAccount::new(account, protocol));
            core.complete_key_generations_blocking();
            core.take_events();
        }
        pair
    }

    /// Delivers everything pending; returns the number of messages shown to bob.
    fn pump(&mut self) -> u32 {
        let mut shown = 0;
        let mut queue = std::mem::take(&mut self.queue);
        loop {
            for e in self.alice.drain_events() {
                if let OtrEvent::Inject { body, .. } = e {
                    queue.push_back((true, body));
                }
            }
            for e in self.bob.drain_events() {
                match e {
                    OtrEvent::Inject { body, .. } => queue.push_back((false, body)),
                    // Counted only if it arrived encrypted: a plaintext run is no benchmark.
                    OtrEvent::Message {
                        encrypted: true, ..
                    } => shown += 1,
                    _ => {}
                }
            }
            let Some((to_bob, body)) = queue.pop_front() else {
                self.queue = queue;
                return shown;
            };
            if to_bob {
                self.bob.receive(&self.to_alice, body);
            } else {
                self.alice.receive(&self.to_bob, body);
            }
        }
    }

    fn ake(&mut self) -> Duration {
        let start = Instant::now();
        self.alice.start_session(&self.to_bob);
        self.pump();
        start.elapsed()
    }
}

/// CPU time (user + system) of this thread or of the whole process. On a shared machine the
/// wall clock mostly measures the neighbours; CPU time measures our work.
fn cpu(clock: Clock) -> Duration {
    let id = match clock {
        // The C loop's clock: the single-threaded loops are timed alike.
        Clock::Thread => libc::CLOCK_THREAD_CPUTIME_ID,
        Clock::Process => libc::CLOCK_PROCESS_CPUTIME_ID,
    };
    // SAFETY: clock_gettime fills one struct we own.
    let time = unsafe {
        let mut time: libc::timespec = std::mem::zeroed();
        libc::clock_gettime(id, &mut time);
        time
    };
    Duration::new(
        u64::try_from(time.tv_sec).unwrap_or(0),
        u32::try_from(time.tv_nsec).unwrap_or(0),
    )
}

/// Which CPU time a measurement counts.
#[derive(Clone, Copy)]
enum Clock {
    /// The calling thread's (a loop that runs on it alone).
    Thread,
    /// Every thread's (the engine and the threads around it).
    Process,
}

/// A rate per CPU second and per wall second.
#[derive(Clone, Copy, Default)]
struct Rate {
    cpu: f64,
    wall: f64,
}

impl Rate {
    fn measure(clock: Clock, run: impl FnOnce()) -> Rate {
        let (cpu_start, wall_start) = (cpu(clock), Instant::now());
        run();
        Rate {
            cpu: f64::from(count()) / (cpu(clock) - cpu_start).as_secs_f64(),
            wall: f64::from(count()) / wall_start.elapsed().as_secs_f64(),
        }
    }

    fn best(self, other: Rate) -> Rate {
        Rate {
            cpu: self.cpu.max(other.cpu),
            wall: self.wall.max(other.wall),
        }
    }
}

/// The rate through `OtrCore`, and the AKE's wall time.
fn core_rate(protocol: ProtocolKind) -> (Rate, Duration) {
    let mut pair = CorePair::new(protocol);
    let ake = pair.ake();
    let text = text();
    let mut shown = 0;
    let rate = Rate::measure(Clock::Thread, || {
        for i in 0..count() {
            pair.alice
                .send(&pair.to_bob, OutgoingId(u64::from(i)), text.clone());
            shown += pair.pump();
        }
    });
    assert_eq!(shown, count(), "every message shown once");
    (rate, ake)
}

fn c_rate(fragment: u32) -> Rate {
    // The C loop times itself (thread CPU time, AKE and key generation excluded).
    let seconds = otr_c_bench::one_way_seconds(count(), SIZE, fragment)
        .expect("C loop lost a message or sent one unencrypted");
    Rate {
        cpu: f64::from(count()) / seconds,
        wall: f64::NAN,
    }
}

/// Two engines (two OTR threads) wired in process, with at most `window` messages in
/// flight (1: each message waits for the previous one to be shown).
fn engine_rate(protocol: ProtocolKind, window: u32) -> Rate {
    let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let (alice, mut alice_events) = OtrEngine::start(a.path(), OtrSettings::default()).unwrap();
    let (bob, mut bob_events) = OtrEngine::start(b.path(), OtrSettings::default()).unwrap();
    let (alice, bob) = (Arc::new(alice), Arc::new(bob));
    let to_bob = PeerId::new(OtrAccount::new("alice", protocol), "bob");
    let to_alice = PeerId::new(OtrAccount::new("bob", protocol), "alice");
    let (shown_tx, shown) = std::sync::mpsc::channel();
    let (private_tx, private) = std::sync::mpsc::channel();
    // The forwarders hold the other engine weakly: no cycle, so both engines (and these
    // threads) end when this function returns.
    {
        let (bob, to_alice) = (Arc::downgrade(&bob), to_alice.clone());
        let private_tx = private_tx.clone();
        std::thread::spawn(move || {
            while let Some(e) = alice_events.blocking_recv() {
                match e {
                    OtrEvent::Inject { body, .. } => {
                        if let Some(bob) = bob.upgrade() {
                            let _ = bob.receive(to_alice.clone(), body);
                        }
                    }
                    OtrEvent::SessionChanged { .. } => {
                        let _ = private_tx.send(());
                    }
                    _ => {}
                }
            }
        });
    }
    {
        let (alice, to_bob) = (Arc::downgrade(&alice), to_bob.clone());
        std::thread::spawn(move || {
            while let Some(e) = bob_events.blocking_recv() {
                match e {
                    OtrEvent::Inject { body, .. } => {
                        if let Some(alice) = alice.upgrade() {
                            let _ = alice.receive(to_bob.clone(), body);
                        }
                    }
                    OtrEvent::Message {
                        encrypted: true, ..
                    } => {
                        let _ = shown_tx.send(());
                    }
                    _ => {}
                }
            }
        });
    }
    alice.start_session(to_bob.clone()).unwrap();
    private.recv_timeout(Duration::from_secs(30)).unwrap();
    let text = text();
    Rate::measure(Clock::Process, || {
        let mut in_flight = 0;
        for i in 0..count() {
            if in_flight == window {
                shown.recv_timeout(Duration::from_secs(30)).unwrap();
                in_flight -= 1;
            }
            alice
                .send(to_bob.clone(), OutgoingId(u64::from(i)), text.clone())
                .unwrap();
            in_flight += 1;
        }
        for _ in 0..in_flight {
            shown.recv_timeout(Duration::from_secs(30)).unwrap();
        }
    })
}

/// The engine's plumbing alone: the same five threads and channels as [`engine_rate`]
/// (requests on std channels, events in batches on tokio's unbounded ones, the same batching
/// loop), with threads that pass bodies on instead of encrypting them: alice's turns each
/// message into `pieces` wire bodies (as many as OTR makes), bob's turns every `pieces`
/// bodies into one shown message. What this costs per message is the floor for any design
/// that keeps libotr on its own threads.
fn handover_rate(window: u32, pieces: usize) -> Rate {
    use std::sync::mpsc;
    use tokio::sync::mpsc as events;
    /// An "OTR thread": wait for a request, take what else is queued, hand over one batch.
    fn relay(
        inbox: mpsc::Receiver<String>,
        out: events::UnboundedSender<Vec<String>>,
        mut step: impl FnMut(String, &mut Vec<String>),
    ) {
        let mut batch = Vec::new();
        while let Ok(first) = inbox.recv() {
            step(first, &mut batch);
            for _ in 0..64 {
                match inbox.try_recv() {
                    Ok(body) => step(body, &mut batch),
                    Err(_) => break,
                }
            }
            if !batch.is_empty() {
                let _ = out.send(std::mem::take(&mut batch));
            }
        }
    }
    let (to_alice, alice_inbox) = mpsc::channel::<String>();
    let (to_bob, bob_inbox) = mpsc::channel::<String>();
    let (alice_out, mut alice_events) = events::unbounded_channel();
    let (bob_out, mut bob_events) = events::unbounded_channel();
    let (shown_tx, shown) = mpsc::channel::<()>();
    let threads = [
        std::thread::spawn(move || {
            relay(alice_inbox, alice_out, |text, batch| {
                let size = text.len().div_ceil(pieces);
                batch.extend(text.as_bytes().chunks(size).map(|c| {
                    // ASCII text: every chunk is a string.
                    String::from_utf8_lossy(c).into_owned()
                }));
            })
        }),
        std::thread::spawn(move || {
            let mut got = 0;
            relay(bob_inbox, bob_out, |piece, batch| {
                got += 1;
                if got % pieces == 0 {
                    batch.push(piece);
                }
            })
        }),
        std::thread::spawn(move || {
            while let Some(batch) = alice_events.blocking_recv() {
                for piece in batch {
                    let _ = to_bob.send(piece);
                }
            }
        }),
        std::thread::spawn(move || {
            while let Some(batch) = bob_events.blocking_recv() {
                for _ in batch {
                    let _ = shown_tx.send(());
                }
            }
        }),
    ];
    let text = text();
    let rate = Rate::measure(Clock::Process, || {
        let mut in_flight = 0;
        for _ in 0..count() {
            if in_flight == window {
                shown.recv_timeout(Duration::from_secs(30)).unwrap();
                in_flight -= 1;
            }
            to_alice.send(text.clone()).unwrap();
            in_flight += 1;
        }
        for _ in 0..in_flight {
            shown.recv_timeout(Duration::from_secs(30)).unwrap();
        }
    });
    drop(to_alice);
    for thread in threads {
        thread.join().unwrap();
    }
    rate
}

/// How many wire bodies one message becomes (1 unfragmented, more in fragments).
fn wire_pieces(protocol: ProtocolKind) -> usize {
    let mut pair = CorePair::new(protocol);
    pair.ake();
    pair.alice.send(&pair.to_bob, OutgoingId(0), text());
    pair.alice
        .drain_events()
        .filter(|e| matches!(e, OtrEvent::Inject { .. }))
        .count()
}

fn main() {
    // For profiling: `OTR_BENCH_ONLY=core OTR_BENCH_COUNT=100000 perf record ...`.
    // `core`, `c`, `engine`, each with `-irc` for 400-byte fragments: one loop only.
    let only = std::env::var("OTR_BENCH_ONLY").unwrap_or_default();
    let (protocol, fragment) = if only.ends_with("-irc") {
        (ProtocolKind::Irc, 400)
    } else {
        (ProtocolKind::Xmpp, 0)
    };
    match only.trim_end_matches("-irc") {
        "core" => {
            let rate = core_rate(protocol).0.cpu;
            return println!("OtrCore only: {rate:.0} msg per CPU second");
        }
        "c" => {
            let rate = c_rate(fragment).cpu;
            return println!("C loop only: {rate:.0} msg per CPU second");
        }
        "engine" => {
            let rate = engine_rate(protocol, WINDOW).cpu;
            return println!("OtrEngine only: {rate:.0} msg per CPU second");
        }
        _ => {}
    }
    println!(
        "OTR throughput: {} one-way messages of {SIZE} bytes, encrypt + decrypt",
        count()
    );
    for (label, protocol, fragment) in [
        ("unfragmented (XMPP)", ProtocolKind::Xmpp, 0u32),
        ("400-byte fragments (IRC)", ProtocolKind::Irc, 400),
    ] {
        // The machine is shared: alternate the loops back to back, keep the best of each,
        // and show how far the ratio of each back-to-back pair strays.
        let (mut c, mut core, mut engine) = (Rate::default(), Rate::default(), Rate::default());
        let mut ake = Duration::MAX;
        let mut pairs: Vec<f64> = Vec::new();
        for _ in 0..ROUNDS {
            let c_now = c_rate(fragment);
            let (rate, handshake) = core_rate(protocol);
            pairs.push(rate.cpu / c_now.cpu);
            c = c.best(c_now);
            core = core.best(rate);
            ake = ake.min(handshake);
            engine = engine.best(engine_rate(protocol, WINDOW));
        }
        let lock_step = engine_rate(protocol, 1);
        let pieces = wire_pieces(protocol);
        let plumbing = handover_rate(WINDOW, pieces);
        let plumbing_lock_step = handover_rate(1, pieces);
        println!("{label}:   (messages per CPU second, ratio to C; messages per wall second)");
        for (name, rate) in [
            ("C loop calling libotr", c),
            ("OtrCore (one thread, like the C loop)", core),
            ("OtrEngine, 64 in flight (4 threads)", engine),
            ("OtrEngine, lock-step round trips", lock_step),
        ] {
            let wall = if rate.wall > 0.0 {
                format!("{:>9.0} /s", rate.wall)
            } else {
                "        - /s".into()
            };
            println!(
                "  {name:<38} {:>9.0} /CPU s  ratio {:.3}   {wall}",
                rate.cpu,
                rate.cpu / c.cpu
            );
        }
        for (name, rate) in [
            ("hand-overs only, no OTR, 64 in flight", plumbing),
            ("hand-overs only, no OTR, lock-step", plumbing_lock_step),
        ] {
            println!(
                "  {name:<38} {:>9.0} /CPU s  (wire bodies per message: {pieces})",
                rate.cpu
            );
        }
        let micros = |rate: f64| 1e6 / rate;
        println!(
            "  CPU per message: C {:.2} us, OtrCore {:.2} us, OtrEngine {:.2} us; hand-overs\n\
             \x20   alone {:.2} us when every thread stays busy, {:.2} us when each wakes a sleeper;\n\
             \x20   OtrCore + busy hand-overs = {:.2} us, the floor for the engine's four threads",
            micros(c.cpu),
            micros(core.cpu),
            micros(engine.cpu),
            micros(plumbing.cpu),
            micros(plumbing_lock_step.cpu),
            micros(core.cpu) + micros(plumbing.cpu),
        );
        pairs.sort_by(f64::total_cmp);
        println!(
            "  OtrCore/C per back-to-back pair: {}",
            pairs
                .iter()
                .map(|r| format!("{r:.3}"))
                .collect::<Vec<_>>()
                .join(" ")
        );
        println!(
            "  AKE through OtrCore:                   {:>9.2} ms",
            ake.as_secs_f64() * 1000.0
        );
    }
    println!(
        "OtrCore is our layer doing the C loop's work, on one thread like it: the goal (ratio\n\
         >= 0.9) is measured there. OtrEngine is OtrCore on its own thread (libotr is not\n\
         thread-safe and must stay off the UI thread): each message is handed over four times\n\
         (sender -> alice's OTR thread -> network stand-in -> bob's OTR thread -> reader).\n\
         Hand-overs cost about a microsecond while every thread stays busy (first hand-over\n\
         line), but a thread that has gone to sleep costs a futex wake-up and context\n\
         switches (second line). The engine hands its events over in one batch per wake-up,\n\
         so a message wakes each next thread about once; unfragmented, the engine then costs\n\
         what OtrCore plus busy hand-overs cost. With fragments each wire body is its own\n\
         request to bob's thread, which often sleeps between them. perf on the engine runs:\n\
         OtrCore's send and receive (libotr included) take about 83% of its CPU unfragmented,\n\
         72% with fragments (futex 15%); the rest is threads parking and waking and the\n\
         channels. That is why the engine stays below 0.9 of a single-threaded loop (and far\n\
         below it in lock-step, where every hop sleeps)."
    );
}
