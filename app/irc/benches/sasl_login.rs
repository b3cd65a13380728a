//! Connect-to-joined time against InspIRCd 3 linked to Atheme, through the private Tor
//! network, in one run: TLS without SASL, TLS with SASL PLAIN, TLS with SASL EXTERNAL (a
//! generated certificate registered with NickServ CERT ADD). Printed, no assertions.
//!
//! Run: `cargo bench -p messenger-irc --bench sasl_login`.

// Benchmark scaffolding, like tests: failures may panic.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::time::{Duration, Instant};

use harness::{Inspircd, InspircdOptions, TorNetwork};
use messenger_irc::{IrcAccountConfig, spawn_account};
use messenger_net::{Isolation, Network, Sensitive, TlsTrust, TorSocks};
use messenger_protocol::accounts::{SaslChoice, Transport};
use messenger_protocol::{Command, Event};

const ROUNDS: usize = 5;
const WAIT: Duration = Duration::from_secs(120);

#[derive(Clone, Copy, Debug)]
enum Login {
    None,
    Plain,
    External,
}

async fn connect_to_joined(config: IrcAccountConfig, network: Network) -> Duration {
    let started = Instant::now();
    let mut handle = spawn_account(config, network);
    handle.commands.send(Command::Connect).await.unwrap();
    let mut joined = false;
    while !joined {
        let event = tokio::time::timeout(WAIT, handle.events.recv())
            .await
            .expect("in time")
            .expect("the account runs");
        match event {
            Event::Joined { member, .. } if member.starts_with("tmbench") => joined = true,
            Event::Disconnected { reason, .. } => panic!("{reason:?}"),
            _ => {}
        }
    }
    let elapsed = started.elapsed();
    handle.commands.send(Command::Disconnect).await.unwrap();
    while let Some(event) = handle.events.recv().await {
        if matches!(event, Event::Disconnected { .. }) {
            break;
        }
    }
    elapsed
}

fn main() {
    let client = TorNetwork::shared_client().expect("tor client");
    let irc = Inspircd::with_atheme(InspircdOptions::default()).expect("inspircd + atheme");
    irc.register_account("tmbench", "bench-password").unwrap();
    let file = messenger_irc::certificate::generate().unwrap();
    irc.add_certificate(
        "tmbench",
        "bench-password",
        &file.fingerprints().unwrap().sha256,
    )
    .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let certificate = dir.path().join("cert.pem");
    std::fs::write(&certificate, &file.pem).unwrap();
    let network = Network {
        socks: TorSocks {
            addr: client.socks_addr(),
        },
        trust: TlsTrust::public_roots().unwrap().with_pin(
            irc.server_name(),
            irc.tls_port(),
            irc.cert_sha256(),
        ),
    };
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    println!("connect to joined, InspIRCd 3 + Atheme 7.2 through tor, TLS, {ROUNDS} rounds each:");
    for login in [Login::None, Login::Plain, Login::External] {
        let mut times = Vec::new();
        for _ in 0..ROUNDS {
            let mut config = IrcAccountConfig::new(
                irc.server_name(),
                irc.tls_port(),
                "tmbench",
                Isolation::random().unwrap(),
            );
            config.transport = Transport::Tls;
            config.rooms = vec!["#bench".to_owned()];
            match login {
                Login::None => config.sasl = SaslChoice::Off,
                Login::Plain => {
                    config.sasl = SaslChoice::Plain;
                    config.password = Some(Sensitive::new("bench-password".to_owned()));
                }
                Login::External => {
                    config.sasl = SaslChoice::External;
                    config.client_certificate = Some(certificate.clone());
                }
            }
            times.push(runtime.block_on(connect_to_joined(config, network.clone())));
        }
        times.sort();
        let median = times[times.len() / 2];
        let mean: Duration = times.iter().sum::<Duration>() / times.len() as u32;
        println!(
            "  {:<9} median {:>7.1} ms, mean {:>7.1} ms, min {:>7.1} ms, max {:>7.1} ms",
            format!("{login:?}"),
            median.as_secs_f64() * 1000.0,
            mean.as_secs_f64() * 1000.0,
            times[0].as_secs_f64() * 1000.0,
            times[times.len() - 1].as_secs_f64() * 1000.0,
        );
    }
}
