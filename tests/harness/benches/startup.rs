//! Prints how long each component takes to become ready and how much memory the tors use.
//! Numbers only, never asserted (`cargo bench -p harness`).

use std::time::{Duration, Instant};

use harness::process::resident_kib;
use harness::{
    Ejabberd, Inspircd, InspircdOptions, IrcdHybrid, Ngircd, Prosody, TorNetwork, TorNetworkOptions,
};

const ROUNDS: usize = 3;

fn median(mut values: Vec<Duration>) -> Duration {
    values.sort_unstable();
    values[values.len() / 2]
}

fn main() -> Result<(), harness::HarnessError> {
    let mut network_ready = Vec::new();
    let mut client_ready = Vec::new();
    let mut memory = Vec::new();
    for round in 1..=ROUNDS {
        let network = TorNetwork::start()?;
        let client = network.start_client()?;
        let network_kib = network.resident_kib();
        let client_kib = resident_kib(client.pid()).unwrap_or(0);
        println!(
            "round {round}: network ready {:.2?}, client 100% {:.2?}, RSS 5 relays {} MiB + \
             client {} MiB",
            network.ready_after(),
            client.bootstrapped_after(),
            network_kib / 1024,
            client_kib / 1024
        );
        network_ready.push(network.ready_after());
        client_ready.push(client.bootstrapped_after());
        memory.push(network_kib + client_kib);
    }
    println!(
        "tor: network ready (median of {ROUNDS}, cached authority keys) {:.2?}; client to 100% \
         {:.2?}; all 6 tors {} MiB RSS (largest round)",
        median(network_ready),
        median(client_ready),
        memory.iter().max().copied().unwrap_or(0) / 1024
    );
    let fresh = TorNetwork::start_with(TorNetworkOptions {
        reuse_cached_keys: false,
        ..TorNetworkOptions::default()
    })?;
    println!(
        "tor: network ready with fresh tor-gencert keys {:.2?}",
        fresh.ready_after()
    );
    drop(fresh);

    let started = Instant::now();
    let ngircd = Ngircd::start()?;
    println!(
        "ngircd: registration answered after {:.2?}",
        started.elapsed()
    );
    drop(ngircd);
    let started = Instant::now();
    let ngircd = Ngircd::start_with_tls()?;
    println!("ngircd with TLS: ready after {:.2?}", started.elapsed());
    drop(ngircd);
    let started = Instant::now();
    let prosody = Prosody::start(&[("alice", "password"), ("bob", "password")])?;
    println!(
        "prosody: stream answered and 2 accounts made after {:.2?}",
        started.elapsed()
    );
    drop(prosody);
    let started = Instant::now();
    let ejabberd = Ejabberd::start(&[])?;
    let ready = started.elapsed();
    ejabberd.register("alice", "password")?;
    println!(
        "ejabberd: stream answered after {ready:.2?}, one ejabberdctl register {:.2?}",
        started.elapsed() - ready
    );
    let started = Instant::now();
    drop(ejabberd);
    println!(
        "ejabberd: stopped (VM and helpers) in {:.2?}",
        started.elapsed()
    );
    let started = Instant::now();
    let inspircd = Inspircd::start()?;
    println!(
        "inspircd alone: registration answered after {:.2?}",
        started.elapsed()
    );
    drop(inspircd);
    let started = Instant::now();
    let inspircd = Inspircd::with_atheme(InspircdOptions::default())?;
    println!(
        "inspircd + atheme: linked, sasl offered, NickServ online after {:.2?}",
        started.elapsed()
    );
    drop(inspircd);
    let started = Instant::now();
    let hybrid = IrcdHybrid::start()?;
    println!(
        "ircd-hybrid: registration answered after {:.2?}",
        started.elapsed()
    );
    drop(hybrid);
    Ok(())
}
