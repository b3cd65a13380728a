//! prosody: a real XMPP login (STARTTLS with the harness certificate, then SASL PLAIN).

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::Duration;

use base64::Engine as _;
use harness::Prosody;

fn stream_header(domain: &str) -> String {
    format!(
        "<?xml version='1.0'?><stream:stream to='{domain}' xmlns='jabber:client' \
         xmlns:stream='http://etherx.jabber.org/streams' version='1.0'>"
    )
}

/// Reads until `marker` (or any of the markers) arrives; returns everything read.
fn read_until(stream: &mut impl Read, markers: &[&str]) -> String {
    let mut received = Vec::new();
    let mut buffer = [0u8; 4096];
    loop {
        let text = String::from_utf8_lossy(&received).into_owned();
        if markers.iter().any(|marker| text.contains(marker)) {
            return text;
        }
        let count = stream.read(&mut buffer).unwrap();
        assert_ne!(count, 0, "closed; received so far: {text}");
        received.extend_from_slice(&buffer[..count]);
    }
}

/// Logs in; returns the server's answer to the SASL step (`<success` or `<failure`).
fn login(server: &Prosody, user: &str, password: &str) -> String {
    let mut plain = TcpStream::connect(server.c2s_addr()).unwrap();
    plain
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    plain
        .write_all(stream_header(server.domain()).as_bytes())
        .unwrap();
    let features = read_until(&mut plain, &["</stream:features>"]);
    assert!(
        features.contains("<required/>"),
        "STARTTLS is required: {features}"
    );
    plain
        .write_all(b"<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>")
        .unwrap();
    read_until(&mut plain, &["<proceed"]);

    let mut tls = crate::tls::wrap(plain, server.domain(), server.cert_der());
    tls.write_all(stream_header(server.domain()).as_bytes())
        .unwrap();
    let features = read_until(&mut tls, &["</stream:features>"]);
    assert!(
        features.contains("<mechanism>PLAIN</mechanism>"),
        "{features}"
    );
    let credentials =
        base64::engine::general_purpose::STANDARD.encode(format!("\0{user}\0{password}"));
    tls.write_all(
        format!(
            "<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>{credentials}</auth>"
        )
        .as_bytes(),
    )
    .unwrap();
    read_until(&mut tls, &["<success", "<failure"])
}

#[test]
fn a_registered_account_logs_in_over_starttls() {
    let server = Prosody::start(&[("alice", "correct horse")]).unwrap();
    let answer = login(&server, "alice", "correct horse");
    assert!(answer.contains("<success"), "{answer}");
    let wrong = login(&server, "alice", "wrong");
    assert!(wrong.contains("<failure"), "{wrong}");
    assert_eq!(server.domain(), "xmpp.test");
    assert_eq!(server.muc_domain(), "conference.xmpp.test");
}
