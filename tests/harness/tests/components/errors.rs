//! Bad set-up gives a clear error quickly, never a hang.

use std::net::{Ipv4Addr, TcpListener};
use std::path::PathBuf;
use std::time::{Duration, Instant};

use harness::{HarnessError, Ngircd, NgircdOptions, TorNetwork, TorNetworkOptions, TorPrograms};

#[test]
fn a_missing_tor_names_the_debian_package() {
    let started = Instant::now();
    let error = TorNetwork::start_with(TorNetworkOptions {
        programs: TorPrograms {
            tor: PathBuf::from("/nonexistent/tor"),
            ..TorPrograms::default()
        },
        ..TorNetworkOptions::default()
    })
    .unwrap_err();
    assert!(started.elapsed() < Duration::from_secs(5));
    assert!(
        matches!(error, HarnessError::MissingProgram { .. }),
        "{error}"
    );
    assert!(error.to_string().contains("apt-get install tor"), "{error}");
}

#[test]
fn a_missing_ngircd_names_the_debian_package() {
    let error = Ngircd::start_with(NgircdOptions {
        program: PathBuf::from("/nonexistent/ngircd"),
        ..NgircdOptions::default()
    })
    .unwrap_err();
    assert!(
        error.to_string().contains("apt-get install ngircd"),
        "{error}"
    );
}

#[test]
fn missing_second_wave_servers_name_what_to_install() {
    let error = harness::Ejabberd::start_with(
        &[],
        harness::EjabberdOptions {
            erl: PathBuf::from("/nonexistent/erl"),
            ..harness::EjabberdOptions::default()
        },
    )
    .unwrap_err();
    assert!(
        error.to_string().contains("apt-get install ejabberd"),
        "{error}"
    );
    let error = harness::Inspircd::with_atheme(harness::InspircdOptions {
        atheme: PathBuf::from("/nonexistent/atheme-services"),
        ..harness::InspircdOptions::default()
    })
    .unwrap_err();
    assert!(
        error
            .to_string()
            .contains("apt-get install atheme-services"),
        "{error}"
    );
    let error = harness::IrcdHybrid::start_with(harness::IrcdHybridOptions {
        program: PathBuf::from("/nonexistent/ircd-hybrid"),
        ..harness::IrcdHybridOptions::default()
    })
    .unwrap_err();
    assert!(
        matches!(error, HarnessError::MissingProgram { .. }),
        "{error}"
    );
}

#[test]
fn a_busy_port_is_reported_not_waited_for() {
    let holder = TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).unwrap();
    let port = holder.local_addr().unwrap().port();
    let started = Instant::now();
    let error = Ngircd::start_with(NgircdOptions {
        port: Some(port),
        ..NgircdOptions::default()
    })
    .unwrap_err();
    assert!(started.elapsed() < Duration::from_secs(5));
    assert!(
        matches!(error, HarnessError::PortBusy { port: p, .. } if p == port),
        "{error}"
    );
    assert!(error.to_string().contains("already in use"), "{error}");
}

#[test]
fn a_server_that_dies_at_start_shows_its_log() {
    // `false` exits at once: the error must say so, with the component and port, quickly.
    let started = Instant::now();
    let error = Ngircd::start_with(NgircdOptions {
        program: PathBuf::from("/bin/false"),
        ..NgircdOptions::default()
    })
    .unwrap_err();
    assert!(started.elapsed() < Duration::from_secs(5));
    assert!(matches!(error, HarnessError::Exited { .. }), "{error}");
    let text = error.to_string();
    assert!(
        text.contains("ngircd") && text.contains("exit code 1"),
        "{text}"
    );
}

#[test]
fn a_missing_prosodyctl_names_the_debian_package() {
    let error = harness::Prosody::start_with(
        &[],
        harness::ProsodyOptions {
            prosodyctl: PathBuf::from("/nonexistent/prosodyctl"),
            ..harness::ProsodyOptions::default()
        },
    )
    .unwrap_err();
    assert!(
        error.to_string().contains("apt-get install prosody"),
        "{error}"
    );
}

/// Command lines of running processes that mention `needle`.
fn processes_mentioning(needle: &str) -> Vec<String> {
    std::fs::read_dir("/proc")
        .unwrap()
        .filter_map(|entry| {
            let path = entry.ok()?.path();
            let cmdline = std::fs::read(path.join("cmdline")).ok()?;
            let cmdline = String::from_utf8_lossy(&cmdline).replace('\0', " ");
            cmdline.contains(needle).then_some(cmdline)
        })
        .collect()
}

#[test]
fn a_network_that_is_not_ready_in_time_says_so_and_stops_its_tors() {
    let started = Instant::now();
    let error = TorNetwork::start_with(TorNetworkOptions {
        ready_limit: Duration::from_millis(300),
        ..TorNetworkOptions::default()
    })
    .unwrap_err();
    // Key generation (when the cache is cold) comes before the limit starts counting.
    assert!(started.elapsed() < Duration::from_secs(60));
    let HarnessError::Timeout { awaited, log, .. } = &error else {
        panic!("expected a timeout, got: {error}");
    };
    // Under heavy load even the authorities' ports may take longer than the limit.
    assert!(
        awaited.contains("consensus") || awaited.contains("DirPorts"),
        "{error}"
    );
    eprintln!("{error}");
    assert!(error.to_string().contains("last lines of"), "{error}");
    // Every tor of that network is gone: their command lines name the network's directory.
    let network_dir = log.path.parent().unwrap().parent().unwrap();
    let left = processes_mentioning(&network_dir.to_string_lossy());
    assert!(left.is_empty(), "still running: {left:?}");
}
