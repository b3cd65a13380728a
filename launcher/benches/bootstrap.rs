//! Launcher start to `Bootstrapped 100%` on the harness's private Tor network, against plain
//! `tor -f` with the same configuration, as a ratio. Printed, never asserted.

#![allow(clippy::unwrap_used)] // A benchmark that cannot set up has nothing to report.

use std::io::{BufRead, BufReader, Read};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use tor_messenger_launcher::torrc_defaults::{BUILT_IN_TEMPLATE, DefaultsValues, render};

const ROUNDS: usize = 5;
const LIMIT: Duration = Duration::from_secs(120);

/// Time from `started` until a line of `stream` contains `needle`. The rest of the stream is
/// drained by a thread, so the process never writes into a closed pipe.
fn time_to_line(started: Instant, stream: impl Read + Send + 'static, needle: &str) -> Duration {
    let mut lines = BufReader::new(stream).lines();
    for line in lines.by_ref() {
        let line = line.unwrap();
        if line.contains(needle) {
            let elapsed = started.elapsed();
            std::thread::spawn(move || lines.for_each(drop));
            return elapsed;
        }
        assert!(started.elapsed() < LIMIT, "no {needle:?} within {LIMIT:?}");
    }
    panic!("output ended before {needle:?}");
}

fn stop(mut child: Child) {
    let _ = child.kill();
    let _ = child.wait();
}

fn launcher_round(client_torrc: &Path) -> Duration {
    let temp = tempfile::tempdir().unwrap();
    let ports = harness::ports::free_ports(2).unwrap();
    let started = Instant::now();
    let mut child = Command::new(env!("CARGO_BIN_EXE_tor-messenger-launcher"))
        .arg("--data-dir")
        .arg(temp.path().join("Data"))
        .args(["--socks-port", &ports[0].to_string()])
        .args(["--control-port", &ports[1].to_string()])
        .arg("--torrc")
        .arg(client_torrc)
        .args(["--app", "/bin/true"])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let stderr = child.stderr.take().unwrap();
    let elapsed = time_to_line(started, stderr, "Bootstrapped 100%");
    // The app (/bin/true) exits at once; the launcher then stops tor and exits.
    let _ = child.wait();
    elapsed
}

fn plain_tor_round(client_torrc: &Path) -> Duration {
    let temp = tempfile::tempdir().unwrap();
    let ports = harness::ports::free_ports(2).unwrap();
    let data = temp.path().join("Tor");
    std::fs::create_dir(&data).unwrap();
    let mut text = render(
        BUILT_IN_TEMPLATE,
        "built-in",
        &DefaultsValues {
            socks_port: ports[0],
            control_port: ports[1],
            data_directory: &data,
            owner_pid: std::process::id(),
            extra_torrc: Some(client_torrc),
        },
    )
    .unwrap();
    text.push_str("Log notice stdout\n");
    let torrc = temp.path().join("torrc");
    std::fs::write(&torrc, text).unwrap();
    let started = Instant::now();
    let mut child = Command::new("tor")
        .arg("-f")
        .arg(&torrc)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let elapsed = time_to_line(started, stdout, "Bootstrapped 100%");
    stop(child);
    elapsed
}

/// The launcher's own memory while the messenger runs (tor and the app not counted).
fn launcher_resident_kib(client_torrc: &Path) -> Option<u64> {
    let temp = tempfile::tempdir().unwrap();
    let ports = harness::ports::free_ports(2).unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_tor-messenger-launcher"))
        .arg("--data-dir")
        .arg(temp.path().join("Data"))
        .args(["--socks-port", &ports[0].to_string()])
        .args(["--control-port", &ports[1].to_string()])
        .arg("--torrc")
        .arg(client_torrc)
        .args(["--app", "/bin/sleep", "--", "3"])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let stderr = child.stderr.take().unwrap();
    time_to_line(Instant::now(), stderr, "tor is ready");
    let resident = harness::process::resident_kib(child.id());
    let _ = child.wait();
    resident
}

fn median(mut values: Vec<Duration>) -> Duration {
    values.sort();
    values[values.len() / 2]
}

fn main() {
    let network = harness::TorNetwork::shared().unwrap();
    let temp = tempfile::tempdir().unwrap();
    let client_torrc = temp.path().join("client.torrc");
    std::fs::write(&client_torrc, network.client_torrc()).unwrap();
    let mut launcher = Vec::new();
    let mut plain = Vec::new();
    for _ in 0..ROUNDS {
        // Alternate, so a network that warms up does not favour one side.
        launcher.push(launcher_round(&client_torrc));
        plain.push(plain_tor_round(&client_torrc));
    }
    let launcher_median = median(launcher.clone());
    let plain_median = median(plain.clone());
    println!("bootstrap to 100% on the private network, {ROUNDS} rounds each:");
    println!("  launcher  : median {launcher_median:.2?}  all {launcher:.2?}");
    println!("  tor -f    : median {plain_median:.2?}  all {plain:.2?}");
    println!(
        "  ratio launcher / plain tor: {:.2}",
        launcher_median.as_secs_f64() / plain_median.as_secs_f64()
    );
    match launcher_resident_kib(&client_torrc) {
        Some(kib) => println!("launcher resident memory while the app runs: {kib} KiB"),
        None => println!("launcher resident memory: not measured"),
    }
}
