//! Benchmarks, printed (no assertions):
//! 1. message round trip through our stack (account task, session, codec, SOCKS, tor) against
//!    a raw socket through the same tor client to the same ngircd, both answered by the same
//!    loopback echo peer;
//! 2. memory per idle connected account (process RSS growth over 20 accounts).
//!
//! Run: `cargo bench -p messenger-irc --bench round_trip`.

// Benchmark scaffolding, like tests: failures may panic.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::{BufRead, BufReader, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

use harness::{Ngircd, TorNetwork};
use messenger_irc::{FloodPolicy, IrcAccountConfig, spawn_account};
use messenger_net::{Isolation, Network, TlsTrust, TorSocks};
use messenger_protocol::accounts::Transport;
use messenger_protocol::{AccountHandle, Command, Conversation, Event, MessageKind, OutgoingId};
use tokio::io::{AsyncBufReadExt, AsyncWriteExt};

const ROUNDS: usize = 40;
const IDLE_ACCOUNTS: usize = 20;

/// A loopback IRC client that sends every PRIVMSG back to its sender.
fn start_echo_peer(ngircd: &Ngircd) {
    let stream = TcpStream::connect(ngircd.addr()).unwrap();
    // Small echoes must not wait for Nagle.
    stream.set_nodelay(true).unwrap();
    let mut writer = stream.try_clone().unwrap();
    writer
        .write_all(b"NICK echo\r\nUSER echo 0 * :echo\r\n")
        .unwrap();
    std::thread::spawn(move || {
        for line in BufReader::new(stream).lines() {
            let Ok(line) = line else { break };
            if let Some(token) = line.strip_prefix("PING ") {
                let _ = writer.write_all(format!("PONG {token}\r\n").as_bytes());
            } else if let Some(rest) = line.strip_prefix(':')
                && let Some((prefix, tail)) = rest.split_once(" PRIVMSG echo :")
            {
                let nick = prefix.split('!').next().unwrap_or("");
                let _ = writer.write_all(format!("PRIVMSG {nick} :{tail}\r\n").as_bytes());
            }
        }
    });
    std::thread::sleep(Duration::from_secs(1));
}

fn account(ngircd: &Ngircd, nick: &str, isolation: Isolation) -> IrcAccountConfig {
    let mut config = IrcAccountConfig::new("irc.test", ngircd.port(), nick, isolation);
    config.transport = Transport::Plaintext;
    // Round trips are sequential; lift the flood pacing so it does not dominate.
    config.flood = FloodPolicy {
        burst: 1000,
        interval: Duration::from_millis(1),
    };
    config
}

async fn wait_for(handle: &mut AccountHandle, predicate: impl Fn(&Event) -> bool) -> Event {
    loop {
        let event = tokio::time::timeout(Duration::from_secs(120), handle.events.recv())
            .await
            .expect("timed out")
            .expect("account ended");
        if predicate(&event) {
            return event;
        }
    }
}

fn summary(label: &str, mut samples: Vec<Duration>) {
    samples.sort();
    let mean = samples.iter().sum::<Duration>() / samples.len() as u32;
    let pick = |q: f64| samples[((samples.len() - 1) as f64 * q) as usize];
    println!(
        "{label:<28} n={:>3}  median {:>8.2} ms  mean {:>8.2} ms  p90 {:>8.2} ms  min {:>8.2} ms",
        samples.len(),
        pick(0.5).as_secs_f64() * 1e3,
        mean.as_secs_f64() * 1e3,
        pick(0.9).as_secs_f64() * 1e3,
        samples[0].as_secs_f64() * 1e3,
    );
}

fn rss_kib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmRSS:"))
                .and_then(|l| l.split_whitespace().nth(1).map(str::to_owned))
        })
        .and_then(|v| v.parse().ok())
        .unwrap_or(0)
}

async fn our_stack(ngircd: &Ngircd, network: Network, isolation: Isolation) -> Vec<Duration> {
    let mut app = spawn_account(account(ngircd, "benchapp", isolation), network);
    app.commands.send(Command::Connect).await.unwrap();
    wait_for(&mut app, |e| matches!(e, Event::Connected { .. })).await;
    let mut samples = Vec::new();
    for round in 0..ROUNDS + 3 {
        let body = format!("round {round} {}", "x".repeat(100));
        let started = Instant::now();
        app.commands
            .send(Command::Send {
                to: Conversation::Direct("echo".into()),
                body: body.clone(),
                kind: MessageKind::Normal,
                id: OutgoingId(round as u64),
            })
            .await
            .unwrap();
        wait_for(
            &mut app,
            |e| matches!(e, Event::Message(m) if m.body == body),
        )
        .await;
        // The first rounds warm the circuit up.
        if round >= 3 {
            samples.push(started.elapsed());
        }
    }
    app.commands.send(Command::Disconnect).await.unwrap();
    samples
}

async fn raw_socket_to(
    socks: TorSocks,
    port: u16,
    isolation: &Isolation,
    nick: &str,
) -> Vec<Duration> {
    let stream = socks.connect("irc.test", port, isolation).await.unwrap();
    let mut stream = tokio::io::BufReader::new(stream);
    stream
        .get_mut()
        .write_all(format!("NICK {nick}\r\nUSER u 0 * :u\r\n").as_bytes())
        .await
        .unwrap();
    let mut line = String::new();
    loop {
        line.clear();
        stream.read_line(&mut line).await.unwrap();
        if line.contains(" 376 ") || line.contains(" 422 ") {
            break;
        }
    }
    let mut samples = Vec::new();
    for round in 0..ROUNDS + 3 {
        let body = format!("round {round} {}", "x".repeat(100));
        let started = Instant::now();
        stream
            .get_mut()
            .write_all(format!("PRIVMSG echo :{body}\r\n").as_bytes())
            .await
            .unwrap();
        loop {
            line.clear();
            stream.read_line(&mut line).await.unwrap();
            if line.trim_end().ends_with(&body) {
                break;
            }
        }
        if round >= 3 {
            samples.push(started.elapsed());
        }
    }
    samples
}

fn main() {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    let client = TorNetwork::shared_client().expect("private tor network");
    let ngircd = Ngircd::start().unwrap();
    start_echo_peer(&ngircd);
    let socks = TorSocks {
        addr: client.socks_addr(),
    };
    let network = Network {
        socks,
        trust: TlsTrust::public_roots().unwrap(),
    };
    runtime.block_on(async {
        println!("IRC message round trip through the private tor network (120-byte messages):");
        // The same SOCKS credentials: both use the same tor circuit.
        let isolation = Isolation::random().unwrap();
        summary(
            "raw socket through tor",
            raw_socket_to(socks, ngircd.port(), &isolation, "benchraw").await,
        );
        summary(
            "our stack (messenger-irc)",
            our_stack(&ngircd, network.clone(), isolation.clone()).await,
        );

        // Again after ours, to show how much of the difference is the circuit warming up.
        summary(
            "raw socket through tor, again",
            raw_socket_to(socks, ngircd.port(), &isolation, "benchraw2").await,
        );

        // Memory per idle connected account.
        tokio::time::sleep(Duration::from_secs(1)).await;
        let before = rss_kib();
        let mut handles = Vec::new();
        for index in 0..IDLE_ACCOUNTS {
            let mut app = spawn_account(
                account(&ngircd, &format!("idle{index}"), Isolation::random().unwrap()),
                network.clone(),
            );
            app.commands.send(Command::Connect).await.unwrap();
            wait_for(&mut app, |e| matches!(e, Event::Connected { .. })).await;
            handles.push(app);
        }
        tokio::time::sleep(Duration::from_secs(3)).await;
        let after = rss_kib();
        println!(
            "memory: {IDLE_ACCOUNTS} idle connected accounts added {} KiB RSS to the process: {:.1} KiB per account (tor's own memory not counted)\n",
            after.saturating_sub(before),
            after.saturating_sub(before) as f64 / IDLE_ACCOUNTS as f64
        );
        for app in &handles {
            let _ = app.commands.send(Command::Disconnect).await;
        }
    });
}
