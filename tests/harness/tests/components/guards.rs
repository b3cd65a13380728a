//! Guards stop their processes by PID when dropped, also when a test panics.

use harness::TorNetwork;
use harness::process::process_is_running;

#[test]
fn dropping_a_client_stops_its_tor() {
    let network = TorNetwork::shared().unwrap();
    let client = network.start_client().unwrap();
    let pid = client.pid();
    assert!(process_is_running(pid));
    drop(client);
    assert!(!process_is_running(pid));
}

#[test]
fn a_panicking_test_still_stops_its_tor() {
    let network = TorNetwork::shared().unwrap();
    let (sender, receiver) = std::sync::mpsc::channel();
    let outcome = std::thread::spawn(move || {
        let client = network.start_client().unwrap();
        sender.send(client.pid()).unwrap();
        panic!("a test failing while it holds a client");
    })
    .join();
    assert!(outcome.is_err());
    let pid = receiver.recv().unwrap();
    assert!(!process_is_running(pid));
}

#[test]
fn dropping_ngircd_stops_it() {
    let server = harness::Ngircd::start().unwrap();
    let (pid, port) = (server.pid(), server.port());
    assert!(process_is_running(pid));
    drop(server);
    assert!(!process_is_running(pid));
    // Its port is free again.
    std::net::TcpListener::bind(("127.0.0.1", port)).unwrap();
}

#[test]
fn dropping_prosody_stops_it() {
    let server = harness::Prosody::start(&[]).unwrap();
    let (pid, port) = (server.pid(), server.c2s_port());
    assert!(process_is_running(pid));
    drop(server);
    assert!(!process_is_running(pid));
    std::net::TcpListener::bind(("127.0.0.1", port)).unwrap();
}

/// Process ids of every running process whose command name is `name` (as `pgrep -x`).
fn processes_named(name: &str) -> Vec<u32> {
    std::fs::read_dir("/proc")
        .unwrap()
        .flatten()
        .filter_map(|entry| entry.file_name().to_str()?.parse::<u32>().ok())
        .filter(|pid| {
            std::fs::read_to_string(format!("/proc/{pid}/comm"))
                .is_ok_and(|comm| comm.trim_end() == name)
        })
        .collect()
}

#[test]
fn two_ejabberds_run_at_once_and_leave_no_process_behind() {
    let epmd_before = processes_named("epmd");
    let first = harness::Ejabberd::start(&[("alice", "pw")]).unwrap();
    let second = harness::Ejabberd::start(&[("alice", "pw")]).unwrap();
    assert_ne!(first.node_name(), second.node_name());
    assert_ne!(first.c2s_port(), second.c2s_port());
    let mut started = first.process_ids();
    started.extend(second.process_ids());
    assert!(
        started.len() >= 4,
        "each VM has its erl_child_setup: {started:?}"
    );
    for pid in &started {
        assert!(process_is_running(*pid), "{pid}");
    }
    let ports = [first.c2s_port(), first.direct_tls_port()];
    drop(first);
    drop(second);
    for pid in &started {
        assert!(
            !process_is_running(*pid),
            "process {pid} outlived its ejabberd"
        );
    }
    for port in ports {
        std::net::TcpListener::bind(("127.0.0.1", port)).unwrap();
    }
    // Distribution without epmd: none was started (epmd daemonizes, so it would not be a
    // child of the VM, and would outlive it).
    let new_epmd: Vec<u32> = processes_named("epmd")
        .into_iter()
        .filter(|pid| !epmd_before.contains(pid))
        .collect();
    assert!(new_epmd.is_empty(), "epmd started: {new_epmd:?}");
}

#[test]
fn dropping_inspircd_stops_it_and_atheme() {
    let irc = harness::Inspircd::with_atheme(harness::InspircdOptions::default()).unwrap();
    let atheme = irc.atheme().map(|atheme| atheme.pid()).unwrap();
    let (pid, port, tls_port) = (irc.pid(), irc.port(), irc.tls_port());
    assert!(process_is_running(pid) && process_is_running(atheme));
    drop(irc);
    assert!(!process_is_running(pid));
    assert!(!process_is_running(atheme));
    for port in [port, tls_port] {
        std::net::TcpListener::bind(("127.0.0.1", port)).unwrap();
    }
}

#[test]
fn a_panicking_test_still_stops_ircd_hybrid() {
    let (sender, receiver) = std::sync::mpsc::channel();
    let outcome = std::thread::spawn(move || {
        let hybrid = harness::IrcdHybrid::start().unwrap();
        sender.send((hybrid.pid(), hybrid.port())).unwrap();
        panic!("a test failing while it holds ircd-hybrid");
    })
    .join();
    assert!(outcome.is_err());
    let (pid, port) = receiver.recv().unwrap();
    assert!(!process_is_running(pid));
    std::net::TcpListener::bind(("127.0.0.1", port)).unwrap();
}
