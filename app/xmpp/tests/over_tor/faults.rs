//! Bad input: malformed stanzas from a peer, a wrong password, servers that close during the
//! handshake or do not offer encryption. Each gives a clear error and no panic.

use std::io::{Read, Write};
use std::net::TcpListener;
use std::time::Duration;

use messenger_protocol::{Command, Conversation, DisconnectReason, Event, MessageKind, OutgoingId};
use messenger_xmpp::spawn_account;

use crate::common::*;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn malformed_stanzas_do_not_break_the_session() {
    let prosody = start_prosody();
    let (mut alice, own) = connected(
        account(&prosody, ALICE),
        network_with(pinned_trust(&prosody)),
    )
    .await;
    let mut bob = XmppRawPeer::login(&prosody, BOB, "raw").await.unwrap();
    for bad in [
        // An unknown message type.
        format!("<message to='{own}' type='bogus' id='b1'><body>x</body></message>"),
        // Markup inside a body, where only text is allowed.
        format!("<message to='{own}' type='chat' id='b2'><body>a<b>b</b></body></message>"),
        // A priority that is not a number.
        format!("<presence to='{own}'><priority>high</priority></presence>"),
        // A result with two payloads.
        format!("<iq to='{own}' type='result' id='b3'><a xmlns='urn:x'/><b xmlns='urn:y'/></iq>"),
        // Deep nesting.
        format!(
            "<message to='{own}' type='chat' id='b4'><body>deep</body><x xmlns='urn:deep'>{}{}</x></message>",
            "<x>".repeat(200),
            "</x>".repeat(200)
        ),
    ] {
        bob.send(&bad).await.unwrap();
    }
    bob.send(&format!(
        "<message to='{own}' type='chat' id='ok'><body>still here</body></message>"
    ))
    .await
    .unwrap();
    let mut seen = Vec::new();
    loop {
        let event = tokio::time::timeout(WAIT, alice.events.recv())
            .await
            .unwrap()
            .unwrap();
        assert!(!matches!(event, Event::Disconnected { .. }), "{event:?}");
        if matches!(&event, Event::Message(m) if m.body == "still here") {
            break;
        }
        seen.push(event);
    }
    // The unknown type is reported as unreadable (a clear error, nothing shown as a message);
    // markup inside a body is dropped; the deep payload does not matter.
    assert!(
        seen.contains(&Event::Error(
            "A message arrived in a form that could not be read; it was ignored.".to_owned()
        )),
        "{seen:?}"
    );
    let bodies: Vec<&str> = seen
        .iter()
        .filter_map(|e| match e {
            Event::Message(m) => Some(m.body.as_str()),
            _ => None,
        })
        .collect();
    assert_eq!(bodies, vec!["a", "deep"], "{seen:?}");

    // And the session still sends.
    alice
        .commands
        .send(Command::Send {
            to: Conversation::Direct("bob@xmpp.test/raw".to_owned()),
            body: "ok".to_owned(),
            kind: MessageKind::Normal,
            id: OutgoingId(9),
        })
        .await
        .unwrap();
    wait_for(&mut alice, |e| *e == Event::Sent { id: OutgoingId(9) }).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_wrong_password_is_final() {
    let prosody = start_prosody();
    let mut handle = spawn_account(
        account(&prosody, ("alice", "not-her-password")),
        network_with(pinned_trust(&prosody)),
    );
    handle.commands.send(Command::Connect).await.unwrap();
    let event = wait_for(&mut handle, |e| matches!(e, Event::Disconnected { .. })).await;
    let Event::Disconnected {
        reason: DisconnectReason::AuthenticationFailed(text),
        retry_in: None,
    } = event
    else {
        panic!("expected a final authentication failure, got {event:?}");
    };
    assert!(text.contains("wrong account name or password"), "{text}");
    assert!(!text.contains("not-her-password"));
}

/// A fake server on loopback that answers each connection with `reply` and closes.
fn fake_server(reply: &'static str) -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        for connection in listener.incoming() {
            let Ok(mut connection) = connection else {
                return;
            };
            let _ = connection.set_read_timeout(Some(Duration::from_secs(10)));
            let mut header = [0u8; 512];
            let _ = connection.read(&mut header);
            let _ = connection.write_all(reply.as_bytes());
            // Dropped: the connection closes.
        }
    });
    port
}

/// Connects an account to the fake server (through tor to 127.0.0.1) and returns how the
/// first attempt ended.
async fn first_ending(port: u16) -> Event {
    let prosody_free = account_for_fake(port);
    let trust = messenger_net::TlsTrust::public_roots().unwrap();
    let mut handle = spawn_account(prosody_free, network_with(trust));
    handle.commands.send(Command::Connect).await.unwrap();
    let event = wait_for(&mut handle, |e| matches!(e, Event::Disconnected { .. })).await;
    handle.commands.send(Command::Disconnect).await.unwrap();
    event
}

fn account_for_fake(port: u16) -> messenger_xmpp::XmppAccountConfig {
    let jid = xmpp_parsers::jid::BareJid::new("alice@xmpp.test").unwrap();
    let mut config = messenger_xmpp::XmppAccountConfig::new(
        jid,
        "pw",
        messenger_net::Isolation::random().unwrap(),
    );
    config.host = Some("127.0.0.1".to_owned());
    config.port = port;
    config
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_server_closing_mid_handshake_is_a_clear_retryable_error() {
    let port =
        fake_server("<?xml version='1.0'?><stream:stream xmlns='jabber:client' xmlns:stream='http");
    let event = first_ending(port).await;
    let Event::Disconnected {
        reason: DisconnectReason::ConnectionLost(text),
        retry_in: Some(_),
    } = event
    else {
        panic!("expected a lost connection with a retry, got {event:?}");
    };
    assert!(text.contains("while it was being set up"), "{text}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn garbage_instead_of_xmpp_is_a_clear_error() {
    let port = fake_server("HTTP/1.1 400 Bad Request\r\n\r\n");
    let event = first_ending(port).await;
    assert!(
        matches!(
            &event,
            Event::Disconnected {
                reason: DisconnectReason::ConnectionLost(text),
                ..
            } if text.contains("while it was being set up")
        ),
        "{event:?}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_server_without_starttls_is_refused() {
    let port = fake_server(
        "<?xml version='1.0'?><stream:stream xmlns='jabber:client' \
         xmlns:stream='http://etherx.jabber.org/streams' from='xmpp.test' id='x' version='1.0'>\
         <stream:features><mechanisms xmlns='urn:ietf:params:xml:ns:xmpp-sasl'><mechanism>PLAIN</mechanism></mechanisms></stream:features>",
    );
    let event = first_ending(port).await;
    let Event::Disconnected {
        reason: DisconnectReason::TlsRefused(text),
        retry_in: None,
    } = event
    else {
        panic!("expected a final refusal, got {event:?}");
    };
    assert!(text.contains("STARTTLS"), "{text}");
}
