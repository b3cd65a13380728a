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
