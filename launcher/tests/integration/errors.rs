//! Each failure the launcher can meet before the messenger runs gives its clear error, its
//! exit code, and does so within a bounded time, leaving no tor behind.

use std::net::{Ipv4Addr, TcpListener};
use std::time::{Duration, Instant};

use crate::util::{Setup, pid_is_running, run_to_end, sh_app};

const QUICK: Duration = Duration::from_secs(20);

#[test]
fn missing_tor_is_named() {
    let setup = Setup::new();
    let mut command = setup.command();
    command.args(["--tor", "/nonexistent/tor"]);
    sh_app(&mut command, "exit 0");
    let (status, stderr) = run_to_end(command, QUICK);
    assert_eq!(status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("/nonexistent/tor"), "{stderr}");
    assert!(stderr.contains("does not exist"), "{stderr}");
}

#[test]
fn no_tor_anywhere_says_how_to_get_one() {
    let setup = Setup::new();
    let mut command = setup.command();
    command.env("PATH", "/nonexistent");
    sh_app(&mut command, "exit 0");
    let (status, stderr) = run_to_end(command, QUICK);
    assert_eq!(status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("no tor found"), "{stderr}");
    assert!(stderr.contains("apt install tor"), "{stderr}");
}

#[test]
fn non_executable_tor_is_refused() {
    let setup = Setup::new();
    let fake = setup.file("tor", "not a program");
    let mut command = setup.command();
    command.arg("--tor").arg(&fake);
    sh_app(&mut command, "exit 0");
    let (status, stderr) = run_to_end(command, QUICK);
    assert_eq!(status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("is not executable"), "{stderr}");
}

#[test]
fn busy_socks_port_is_named_and_no_tor_starts() {
    let setup = Setup::new();
    let holder = TcpListener::bind((Ipv4Addr::LOCALHOST, setup.socks_port)).unwrap();
    let mut command = setup.command();
    sh_app(&mut command, "exit 0");
    let (status, stderr) = run_to_end(command, QUICK);
    drop(holder);
    assert_eq!(status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains(&format!("port {} (tor's SOCKS port)", setup.socks_port)),
        "{stderr}"
    );
    assert!(stderr.contains("already in use"), "{stderr}");
    assert!(!stderr.contains("started tor"), "{stderr}");
}

#[test]
fn busy_control_port_is_named() {
    let setup = Setup::new();
    let holder = TcpListener::bind((Ipv4Addr::LOCALHOST, setup.control_port)).unwrap();
    let mut command = setup.command();
    sh_app(&mut command, "exit 0");
    let (status, stderr) = run_to_end(command, QUICK);
    drop(holder);
    assert_eq!(status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("--control-port"), "{stderr}");
}

#[test]
fn bad_torrc_line_shows_what_tor_refused() {
    let setup = Setup::new();
    let torrc = setup.file("bad.torrc", "NoSuchOption 1\n");
    let mut command = setup.command();
    command.arg("--torrc").arg(&torrc);
    sh_app(&mut command, "exit 0");
    let started = Instant::now();
    let (status, stderr) = run_to_end(command, QUICK);
    assert_eq!(status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("tor stopped before it was ready"),
        "{stderr}"
    );
    assert!(stderr.contains("NoSuchOption"), "{stderr}");
    assert!(started.elapsed() < QUICK);
}

#[test]
fn bad_line_in_user_torrc_is_reported() {
    let setup = Setup::new();
    std::fs::create_dir_all(setup.data_dir().join("Tor")).unwrap();
    std::fs::write(setup.data_dir().join("Tor/torrc"), "SocksPort notaport\n").unwrap();
    let mut command = setup.command();
    sh_app(&mut command, "exit 0");
    let (status, stderr) = run_to_end(command, QUICK);
    assert_eq!(status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("notaport"), "{stderr}");
}

#[test]
fn missing_extra_torrc_is_named_before_starting_tor() {
    let setup = Setup::new();
    let mut command = setup.command();
    command.args(["--torrc", "/nonexistent/extra.torrc"]);
    sh_app(&mut command, "exit 0");
    let (status, stderr) = run_to_end(command, QUICK);
    assert_eq!(status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("/nonexistent/extra.torrc"), "{stderr}");
    assert!(!stderr.contains("started tor"), "{stderr}");
}

#[test]
fn missing_app_is_named() {
    let setup = Setup::new();
    let mut command = setup.command();
    command.args(["--app", "/nonexistent/messenger"]);
    let (status, stderr) = run_to_end(command, QUICK);
    assert_eq!(status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("/nonexistent/messenger"), "{stderr}");
    // Checked before tor is started, not after a bootstrap.
    assert!(!stderr.contains("started tor"), "{stderr}");
}

/// A network whose only directory authority does not exist: tor stays at 5%.
#[test]
fn bootstrap_that_cannot_progress_stops_with_advice() {
    let setup = Setup::new();
    let closed = harness::ports::free_ports(2).unwrap();
    let fingerprint = "0123456789ABCDEF0123456789ABCDEF01234567";
    let torrc = setup.file(
        "unreachable.torrc",
        &format!(
            "TestingTorNetwork 1\nDirAuthority nowhere orport={} no-v2 v3ident={fingerprint} \
             127.0.0.1:{} {fingerprint}\n",
            closed[0], closed[1]
        ),
    );
    let mut command = setup.command();
    command
        .arg("--torrc")
        .arg(&torrc)
        .args(["--stall-timeout", "3"]);
    sh_app(&mut command, "exit 0");
    let started = Instant::now();
    let mut launcher = crate::util::Launcher::start(command);
    let tor_pid = launcher.tor_pid(0, QUICK);
    let (status, stderr) = launcher.wait_exit(Duration::from_secs(40));
    assert_eq!(status.code(), Some(3), "{stderr}");
    assert!(started.elapsed() < Duration::from_secs(40));
    for expected in [
        "made no progress for 3 s",
        "Tor's last warning",
        "Connection refused",
        "bridges add",
        "clock",
        "firewall",
    ] {
        assert!(stderr.contains(expected), "missing {expected:?}:\n{stderr}");
    }
    assert!(!pid_is_running(tor_pid), "tor {tor_pid} still runs");
}
