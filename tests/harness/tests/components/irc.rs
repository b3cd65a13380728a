//! ngircd: two raw IRC clients (plain TcpStream) exchange a message; TLS port answers.

use std::io::{BufRead, BufReader, Write};
use std::net::TcpStream;
use std::time::Duration;

use harness::Ngircd;

struct RawIrc {
    reader: BufReader<TcpStream>,
    writer: TcpStream,
}

impl RawIrc {
    fn connect(server: &Ngircd, nick: &str) -> Self {
        let stream = TcpStream::connect(server.addr()).unwrap();
        stream
            .set_read_timeout(Some(Duration::from_secs(10)))
            .unwrap();
        let mut client = Self {
            reader: BufReader::new(stream.try_clone().unwrap()),
            writer: stream,
        };
        client.send(&format!("NICK {nick}"));
        client.send(&format!("USER {nick} 0 * :{nick}"));
        client.expect(|line| line.split_whitespace().nth(1) == Some("001"));
        client
    }

    fn send(&mut self, line: &str) {
        self.writer
            .write_all(format!("{line}\r\n").as_bytes())
            .unwrap();
    }

    /// Reads lines (answering PINGs) until one matches; panics on timeout.
    fn expect(&mut self, matches: impl Fn(&str) -> bool) -> String {
        loop {
            let mut line = String::new();
            assert_ne!(self.reader.read_line(&mut line).unwrap(), 0, "closed");
            let line = line.trim_end().to_owned();
            if let Some(token) = line.strip_prefix("PING ") {
                self.send(&format!("PONG {token}"));
            }
            if matches(&line) {
                return line;
            }
        }
    }
}

#[test]
fn two_raw_clients_exchange_a_private_message() {
    let server = Ngircd::start().unwrap();
    let mut alice = RawIrc::connect(&server, "alice_with_a_long_nick");
    let mut bob = RawIrc::connect(&server, "bob");
    alice.send("PRIVMSG bob :hello bob");
    let line = bob.expect(|line| line.contains("PRIVMSG"));
    assert!(
        line.starts_with(":alice_with_a_long_nick!") && line.ends_with("PRIVMSG bob :hello bob"),
        "{line}"
    );
    // And back, in a channel this time.
    alice.send("JOIN #harness");
    alice.expect(|line| line.contains(" 366 "));
    bob.send("JOIN #harness");
    bob.expect(|line| line.contains(" 366 "));
    bob.send("PRIVMSG #harness :hello channel");
    let line = alice.expect(|line| line.contains("PRIVMSG #harness"));
    assert!(line.ends_with(":hello channel"), "{line}");
}

#[test]
fn the_tls_port_serves_the_harness_certificate() {
    let server = Ngircd::start_with_tls().unwrap();
    let tls_port = server.tls_port().unwrap();
    let connection = crate::tls::connect_pinned(
        ("127.0.0.1", tls_port),
        server.server_name(),
        server.cert_der().unwrap(),
    );
    let mut connection = connection;
    connection
        .write_all(b"NICK tlsuser\r\nUSER tlsuser 0 * :tls\r\n")
        .unwrap();
    let mut reader = BufReader::new(connection);
    let mut line = String::new();
    loop {
        line.clear();
        assert_ne!(reader.read_line(&mut line).unwrap(), 0);
        if line.split_whitespace().nth(1) == Some("001") {
            break;
        }
    }
    assert_eq!(
        server.cert_sha256().unwrap().len(),
        32,
        "a SHA-256 a test can pin"
    );
}
