//! Launcher start to `Bootstrapped 100%` on the harness's private Tor network, against plain
//! `tor -f` with the same configuration, as a ratio; and, in the same run, the launcher of a
//! bundle folder (the bundle's obfs4proxy, from the pinned package) bootstrapping directly
//! and through a real obfs4 bridge on loopback, as a ratio. Printed, never asserted.

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
    launcher_round_with(
        Path::new(env!("CARGO_BIN_EXE_tor-messenger-launcher")),
        client_torrc,
        None,
    )
}

/// One launch of `launcher` to 100%, with `bridge` (a bridge line) in a fresh profile.
fn launcher_round_with(launcher: &Path, client_torrc: &Path, bridge: Option<&str>) -> Duration {
    let temp = tempfile::tempdir().unwrap();
    if let Some(line) = bridge {
        let tor_dir = temp.path().join("Data/Tor");
        std::fs::create_dir_all(&tor_dir).unwrap();
        std::fs::write(
            tor_dir.join("torrc"),
            format!("Bridge {line}\nUseBridges 1\n"),
        )
        .unwrap();
    }
    let ports = harness::ports::free_ports(2).unwrap();
    let started = Instant::now();
    let mut child = Command::new(launcher)
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
            plugin_lines: &[],
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

/// A bundle folder in `dir`: a copy of the launcher and the bundle's transports (unpacked
/// from the pinned packages) with the pt_config. Returns the copied launcher.
fn bundle(dir: &Path) -> std::path::PathBuf {
    use std::os::unix::fs::PermissionsExt;
    let pt = dir.join("tor/pluggable_transports");
    std::fs::create_dir_all(&pt).unwrap();
    let launcher = dir.join("start-tor-messenger");
    std::fs::copy(env!("CARGO_BIN_EXE_tor-messenger-launcher"), &launcher).unwrap();
    for (name, path) in [
        (
            "obfs4proxy",
            harness::pinned_transports::obfs4proxy().unwrap(),
        ),
        (
            "snowflake-client",
            harness::pinned_transports::snowflake_client().unwrap(),
        ),
    ] {
        std::fs::copy(path, pt.join(name)).unwrap();
        std::fs::set_permissions(pt.join(name), std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../app/bridges/pt_config"),
        pt.join("pt_config"),
    )
    .unwrap();
    // A copied executable can be "busy" for a moment while other forks still hold it.
    std::thread::sleep(Duration::from_millis(200));
    launcher
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
    // Directly and through the loopback obfs4 bridge, the bundle's launcher, same run.
    let obfs4proxy = harness::pinned_transports::obfs4proxy().unwrap();
    let bridge = harness::Obfs4Bridge::start(network, &obfs4proxy, LIMIT).unwrap();
    let bundled = bundle(&temp.path().join("bundle"));
    let mut direct = Vec::new();
    let mut bridged = Vec::new();
    for _ in 0..ROUNDS {
        direct.push(launcher_round_with(&bundled, &client_torrc, None));
        bridged.push(launcher_round_with(
            &bundled,
            &client_torrc,
            Some(bridge.line()),
        ));
    }
    let direct_median = median(direct.clone());
    let bridged_median = median(bridged.clone());
    println!(
        "bootstrap to 100%, a bundle's launcher, directly and through a loopback obfs4 bridge, {ROUNDS} rounds each:"
    );
    println!("  directly       : median {direct_median:.2?}  all {direct:.2?}");
    println!("  through obfs4  : median {bridged_median:.2?}  all {bridged:.2?}");
    println!(
        "  ratio obfs4 / direct: {:.2}",
        bridged_median.as_secs_f64() / direct_median.as_secs_f64()
    );
    match launcher_resident_kib(&client_torrc) {
        Some(kib) => println!("launcher resident memory while the app runs: {kib} KiB"),
        None => println!("launcher resident memory: not measured"),
    }
}
