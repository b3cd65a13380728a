//! The private Tor network: a client reaches 100% and reaches local servers through SOCKS,
//! by hostname (resolved by the exits through the harness's DNS stub).

use std::io::{Read, Write};
use std::net::{Ipv4Addr, SocketAddr, TcpListener, TcpStream};
use std::thread;
use std::time::Duration;

use harness::TorNetwork;
use harness::control::bootstrap_done;

/// A minimal SOCKS5 CONNECT with a hostname (remote DNS), as the messenger does.
pub(crate) fn socks_connect(socks: SocketAddr, host: &str, port: u16) -> TcpStream {
    let mut stream = TcpStream::connect(socks).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(30)))
        .unwrap();
    stream.write_all(&[5, 1, 0]).unwrap();
    let mut choice = [0u8; 2];
    stream.read_exact(&mut choice).unwrap();
    assert_eq!(choice, [5, 0], "no-auth accepted");
    let mut request = vec![5, 1, 0, 3, u8::try_from(host.len()).unwrap()];
    request.extend_from_slice(host.as_bytes());
    request.extend_from_slice(&port.to_be_bytes());
    stream.write_all(&request).unwrap();
    let mut reply = [0u8; 10];
    stream.read_exact(&mut reply).unwrap();
    assert_eq!(reply[1], 0, "SOCKS reply {reply:?} (0 = succeeded)");
    stream
}

#[test]
fn a_client_bootstraps_and_reaches_a_local_server_by_hostname() {
    let network = TorNetwork::shared().unwrap();
    let client = TorNetwork::shared_client().unwrap();
    let mut control = client.control().unwrap();
    assert!(bootstrap_done(&control.bootstrap_phase().unwrap()));
    eprintln!(
        "network ready after {:?}, client bootstrapped after {:?}, network RSS {} KiB",
        network.ready_after(),
        client.bootstrapped_after(),
        network.resident_kib()
    );

    let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).unwrap();
    let port = listener.local_addr().unwrap().port();
    let server = thread::spawn(move || {
        let (mut stream, _) = listener.accept().unwrap();
        let mut greeting = [0u8; 5];
        stream.read_exact(&mut greeting).unwrap();
        assert_eq!(&greeting, b"hello");
        stream.write_all(b"world").unwrap();
    });
    let mut stream = socks_connect(client.socks_addr(), "irc.test", port);
    stream.write_all(b"hello").unwrap();
    let mut answer = [0u8; 5];
    stream.read_exact(&mut answer).unwrap();
    assert_eq!(&answer, b"world");
    server.join().unwrap();
}

#[test]
fn the_client_torrc_names_the_network() {
    let network = TorNetwork::shared().unwrap();
    let torrc = network.client_torrc();
    assert!(torrc.contains("TestingTorNetwork 1"));
    assert_eq!(torrc.matches("DirAuthority ").count(), 3, "{torrc}");
}

#[test]
fn an_irc_server_is_reached_through_tor_by_its_name() {
    let client = TorNetwork::shared_client().unwrap();
    let server = harness::Ngircd::start().unwrap();
    let stream = socks_connect(client.socks_addr(), server.server_name(), server.port());
    let mut reader = std::io::BufReader::new(stream.try_clone().unwrap());
    let mut writer = stream;
    writer
        .write_all(b"NICK throughtor\r\nUSER throughtor 0 * :tor\r\n")
        .unwrap();
    let mut line = String::new();
    loop {
        line.clear();
        assert_ne!(
            std::io::BufRead::read_line(&mut reader, &mut line).unwrap(),
            0
        );
        if line.split_whitespace().nth(1) == Some("001") {
            break;
        }
    }
    assert!(line.starts_with(":irc.test 001 throughtor"), "{line}");
}

#[test]
fn an_onion_service_is_reached_through_tor() {
    let client = TorNetwork::shared_client().unwrap();
    let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).unwrap();
    let target_port = listener.local_addr().unwrap().port();
    let started = std::time::Instant::now();
    let service = client
        .add_onion(6667, target_port, Duration::from_secs(60))
        .unwrap();
    eprintln!("onion descriptor uploaded after {:?}", started.elapsed());
    assert!(service.address().ends_with(".onion"));
    let server = thread::spawn(move || {
        let (mut stream, _) = listener.accept().unwrap();
        let mut greeting = [0u8; 5];
        stream.read_exact(&mut greeting).unwrap();
        stream.write_all(b"onion").unwrap();
    });
    let mut stream = socks_connect(client.socks_addr(), service.address(), service.port());
    stream.write_all(b"hello").unwrap();
    let mut answer = [0u8; 5];
    stream.read_exact(&mut answer).unwrap();
    assert_eq!(&answer, b"onion");
    eprintln!("onion service reached after {:?}", started.elapsed());
    server.join().unwrap();
}
