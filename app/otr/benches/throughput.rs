//! Encrypt + decrypt throughput of 1 KB messages through messenger-otr, against a C loop
//! calling libotr directly (`otr-c-bench`). Prints numbers and ratios; asserts nothing.
//!
//! `cargo bench -p messenger-otr --bench throughput`
#![allow(clippy::unwrap_used)] // a benchmark binary: failing loudly is right

use messenger_otr::{AccountId, OtrCore, OtrEngine, OtrEvent, OtrSettings, PeerId};
use messenger_protocol::{OutgoingId, ProtocolKind};
use std::collections::VecDeque;
use std::sync::Arc;
use std::time::{Duration, Instant};

const COUNT: u32 = 20_000;
const SIZE: usize = 1024;

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
    _dirs: (tempfile::TempDir, tempfile::TempDir),
}

impl CorePair {
    fn new(protocol: ProtocolKind) -> CorePair {
        let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
        let mut pair = CorePair {
            alice: OtrCore::open(a.path(), OtrSettings::default()).unwrap(),
            bob: OtrCore::open(b.path(), OtrSettings::default()).unwrap(),
            to_bob: PeerId::new(AccountId::new("alice", protocol), "bob"),
            to_alice: PeerId::new(AccountId::new("bob", protocol), "alice"),
            _dirs: (a, b),
        };
        for (core, account) in [(&mut pair.alice, "alice"), (&mut pair.bob, "bob")] {
            core.start_key_generation(&AccountId::new(account, protocol));
            core.complete_key_generations_blocking();
            core.take_events();
        }
        pair
    }

    /// Delivers everything pending; returns the number of messages shown to bob.
    fn pump(&mut self) -> u32 {
        let mut shown = 0;
        let mut queue: VecDeque<(bool, String)> = VecDeque::new();
        loop {
            for e in self.alice.take_events() {
                if let OtrEvent::Inject { body, .. } = e {
                    queue.push_back((true, body));
                }
            }
            for e in self.bob.take_events() {
                match e {
                    OtrEvent::Inject { body, .. } => queue.push_back((false, body)),
                    OtrEvent::Message { .. } => shown += 1,
                    _ => {}
                }
            }
            let Some((to_bob, body)) = queue.pop_front() else {
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

fn core_rate(protocol: ProtocolKind) -> (f64, Duration) {
    let mut pair = CorePair::new(protocol);
    let ake = pair.ake();
    let text = text();
    let start = Instant::now();
    let mut shown = 0;
    for i in 0..COUNT {
        pair.alice
            .send(&pair.to_bob, OutgoingId(u64::from(i)), text.clone());
        shown += pair.pump();
    }
    let seconds = start.elapsed().as_secs_f64();
    assert_eq!(shown, COUNT, "every message shown once");
    (f64::from(COUNT) / seconds, ake)
}

/// Two engines (two OTR threads) wired in process; all messages submitted, then awaited.
fn engine_rate(protocol: ProtocolKind, lock_step: bool) -> f64 {
    let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let (alice, mut alice_events) = OtrEngine::start(a.path(), OtrSettings::default()).unwrap();
    let (bob, mut bob_events) = OtrEngine::start(b.path(), OtrSettings::default()).unwrap();
    let (alice, bob) = (Arc::new(alice), Arc::new(bob));
    let to_bob = PeerId::new(AccountId::new("alice", protocol), "bob");
    let to_alice = PeerId::new(AccountId::new("bob", protocol), "alice");
    let (shown_tx, shown) = std::sync::mpsc::channel();
    let (private_tx, private) = std::sync::mpsc::channel();
    {
        let (bob, to_alice) = (bob.clone(), to_alice.clone());
        let private_tx = private_tx.clone();
        std::thread::spawn(move || {
            while let Some(e) = alice_events.blocking_recv() {
                match e {
                    OtrEvent::Inject { body, .. } => bob.receive(to_alice.clone(), body).unwrap(),
                    OtrEvent::SessionChanged { .. } => {
                        let _ = private_tx.send(());
                    }
                    _ => {}
                }
            }
        });
    }
    {
        let (alice, to_bob) = (alice.clone(), to_bob.clone());
        std::thread::spawn(move || {
            while let Some(e) = bob_events.blocking_recv() {
                match e {
                    OtrEvent::Inject { body, .. } => alice.receive(to_bob.clone(), body).unwrap(),
                    OtrEvent::Message { .. } => {
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
    let start = Instant::now();
    for i in 0..COUNT {
        alice
            .send(to_bob.clone(), OutgoingId(u64::from(i)), text.clone())
            .unwrap();
        if lock_step {
            shown.recv_timeout(Duration::from_secs(30)).unwrap();
        }
    }
    if !lock_step {
        for _ in 0..COUNT {
            shown.recv_timeout(Duration::from_secs(30)).unwrap();
        }
    }
    f64::from(COUNT) / start.elapsed().as_secs_f64()
}

fn main() {
    // For profiling: `OTR_BENCH_ONLY=core perf record ...` runs only the OtrCore loop.
    if std::env::var("OTR_BENCH_ONLY").as_deref() == Ok("core") {
        println!("OtrCore only: {:.0} msg/s", core_rate(ProtocolKind::Xmpp).0);
        return;
    }
    println!("OTR throughput: {COUNT} one-way messages of {SIZE} bytes, encrypt + decrypt");
    for (label, protocol, fragment) in [
        ("unfragmented (XMPP)", ProtocolKind::Xmpp, 0u32),
        ("400-byte fragments (IRC)", ProtocolKind::Irc, 400),
    ] {
        // The machine is shared: alternate the two loops and keep the best of three each.
        let mut c: f64 = 0.0;
        let mut core: f64 = 0.0;
        let mut ake = Duration::MAX;
        for _ in 0..3 {
            let seconds =
                otr_c_bench::one_way_seconds(COUNT, SIZE, fragment).expect("C loop lost a message");
            c = c.max(f64::from(COUNT) / seconds);
            let (rate, handshake) = core_rate(protocol);
            core = core.max(rate);
            ake = ake.min(handshake);
        }
        let pipelined = engine_rate(protocol, false);
        let lock_step = engine_rate(protocol, true);
        println!("{label}:");
        println!("  C loop calling libotr:                 {c:>9.0} msg/s");
        println!(
            "  OtrCore (one thread, like the C loop): {core:>9.0} msg/s  ratio {:.3}",
            core / c
        );
        println!(
            "  OtrEngine, pipelined (2 OTR threads):  {pipelined:>9.0} msg/s  ratio {:.3}",
            pipelined / c
        );
        println!(
            "  OtrEngine, lock-step round trips:      {lock_step:>9.0} msg/s  ratio {:.3}",
            lock_step / c
        );
        println!(
            "  AKE through OtrCore:                   {:>9.2} ms",
            ake.as_secs_f64() * 1000.0
        );
    }
}
