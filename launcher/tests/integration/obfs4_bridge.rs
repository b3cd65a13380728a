//! `bridges add` with a real obfs4 bridge: a bridge relay on the private network behind
//! Debian's obfs4proxy; the launcher, with the line in its user torrc, reaches 100% through it.

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use crate::util::{BOOTSTRAP_LIMIT, LAUNCHER, Launcher, Setup, sh_app};

/// Starts an obfs4 bridge on the shared private network; returns its guard and bridge line.
fn start_bridge(setup: &Setup) -> (harness::ProcessGuard, String) {
    let network = harness::TorNetwork::shared().unwrap();
    let ports = harness::ports::free_ports(2).unwrap();
    let (or_port, obfs4_port) = (ports[0], ports[1]);
    let data = setup.temp.path().join("bridge");
    std::fs::create_dir(&data).unwrap();
    let torrc = setup.file(
        "bridge.torrc",
        &format!(
            "{network}\
             DataDirectory {data}\n\
             Nickname launcherbridge\n\
             Address 127.0.0.1\n\
             ORPort 127.0.0.1:{or_port}\n\
             BridgeRelay 1\n\
             PublishServerDescriptor 0\n\
             AssumeReachable 1\n\
             ExitRelay 0\n\
             SocksPort 0\n\
             ExtORPort auto\n\
             ServerTransportPlugin obfs4 exec /usr/bin/obfs4proxy\n\
             ServerTransportListenAddr obfs4 127.0.0.1:{obfs4_port}\n\
             ShutdownWaitLength 0\n\
             Log notice stdout\n\
             __OwningControllerProcess {pid}\n",
            network = network.client_torrc(),
            data = data.display(),
            pid = std::process::id(),
        ),
    );
    let mut command = Command::new("tor");
    command.arg("-f").arg(&torrc);
    let guard = harness::ProcessGuard::spawn(
        "obfs4 bridge",
        command,
        setup.temp.path().join("bridge.log"),
    )
    .unwrap();
    let line = wait_for_bridge_line(&guard, &data, obfs4_port);
    (guard, line)
}

/// Waits until the bridge has a consensus (so it can serve clients) and obfs4proxy wrote its
/// certificate, then builds the line a user would paste.
fn wait_for_bridge_line(guard: &harness::ProcessGuard, data: &Path, port: u16) -> String {
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        let log = std::fs::read_to_string(guard.log_path()).unwrap_or_default();
        let cert_line = std::fs::read_to_string(data.join("pt_state/obfs4_bridgeline.txt"))
            .ok()
            .and_then(|text| {
                text.lines()
                    .find(|line| line.starts_with("Bridge obfs4"))
                    .map(str::to_owned)
            });
        let fingerprint = std::fs::read_to_string(data.join("fingerprint")).ok();
        if log.contains("Bootstrapped 100%")
            && let (Some(cert_line), Some(fingerprint)) = (cert_line, fingerprint)
        {
            let fingerprint = fingerprint.split_whitespace().nth(1).unwrap().to_owned();
            let args: Vec<&str> = cert_line
                .split_whitespace()
                .filter(|word| word.starts_with("cert=") || word.starts_with("iat-mode="))
                .collect();
            return format!("obfs4 127.0.0.1:{port} {fingerprint} {}", args.join(" "));
        }
        assert!(
            Instant::now() < deadline,
            "the obfs4 bridge did not get ready; log:\n{}",
            guard.log_tail()
        );
        std::thread::sleep(Duration::from_millis(200));
    }
}

#[test]
fn launcher_bootstraps_through_an_obfs4_bridge_added_with_the_bridges_command() {
    let setup = Setup::new();
    let (_bridge, line) = start_bridge(&setup);
    let added = Command::new(LAUNCHER)
        .arg("bridges")
        .arg("--data-dir")
        .arg(setup.data_dir())
        .args(["add", &line])
        .output()
        .unwrap();
    assert!(
        added.status.success(),
        "{}",
        String::from_utf8_lossy(&added.stderr)
    );
    let torrc = setup.network_torrc();
    let mut command = setup.command();
    command.arg("--torrc").arg(&torrc);
    sh_app(&mut command, "exit 0");
    let mut launcher = Launcher::start(command);
    let (status, stderr) = launcher.wait_exit(BOOTSTRAP_LIMIT);
    assert_eq!(status.code(), Some(0), "{stderr}");
    assert!(stderr.contains("Bootstrapped 100%"), "{stderr}");
    // Tor really used the bridge: its state file names it as a guard of type bridge.
    let state = std::fs::read_to_string(setup.data_dir().join("Tor/state")).unwrap_or_default();
    let fingerprint = line.split_whitespace().nth(2).unwrap();
    assert!(
        state
            .lines()
            .any(|entry| entry.contains("in=bridges") && entry.contains(fingerprint)),
        "tor's state has no bridge guard {fingerprint}:\n{state}"
    );
}
