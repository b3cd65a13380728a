//! Two of our own engines talking through a real ngircd (harness::Ngircd), on loopback.
#![allow(clippy::unwrap_used)] // helpers outside #[test] functions unwrap too

mod support;

use harness::Ngircd;
use messenger_otr::{NotSentReason, OtrEvent, OtrSettings, SessionState, SmpEvent, Trust};
use messenger_protocol::OutgoingId;
use std::time::Duration;
use support::irc::{Irc, Node};

fn private_nodes(server: &Ngircd) -> (Node, Node) {
    let mut alice = Node::start(server.port(), "alice", OtrSettings::default());
    let mut bob = Node::start(server.port(), "bob", OtrSettings::default());
    alice.engine.start_session(alice.peer("bob")).unwrap();
    let bob_seen_by_alice = alice.expect_private("bob");
    let alice_seen_by_bob = bob.expect_private("alice");
    assert_eq!(
        Some(bob_seen_by_alice),
        bob.engine
            .own_fingerprint(bob.account.clone())
            .wait()
            .unwrap()
    );
    assert_eq!(
        Some(alice_seen_by_bob),
        alice
            .engine
            .own_fingerprint(alice.account.clone())
            .wait()
            .unwrap()
    );
    (alice, bob)
}

#[test]
fn ake_and_messages_both_ways_through_ngircd() {
    let server = Ngircd::start().unwrap();
    let (mut alice, mut bob) = private_nodes(&server);
    alice
        .engine
        .send(alice.peer("bob"), OutgoingId(1), "hi bob, over IRC")
        .unwrap();
    assert!(bob.expect_text("hi bob, over IRC"));
    bob.engine
        .send(bob.peer("alice"), OutgoingId(2), "hi alice")
        .unwrap();
    assert!(alice.expect_text("hi alice"));
    assert!(
        alice
            .injected
            .lock()
            .unwrap()
            .iter()
            .all(|b| !b.contains("hi bob"))
    );
}

#[test]
fn bob_can_start_the_session_too() {
    let server = Ngircd::start().unwrap();
    let mut alice = Node::start(server.port(), "alice2", OtrSettings::default());
    let mut bob = Node::start(server.port(), "bob2", OtrSettings::default());
    bob.engine.start_session(bob.peer("alice2")).unwrap();
    alice.expect_private("bob2");
    bob.expect_private("alice2");
    alice
        .engine
        .send(alice.peer("bob2"), OutgoingId(1), "private now")
        .unwrap();
    assert!(bob.expect_text("private now"));
}

#[test]
fn a_3000_byte_message_is_fragmented_and_reassembled() {
    let server = Ngircd::start().unwrap();
    let (alice, mut bob) = private_nodes(&server);
    let long: String = (0..3000)
        .map(|i| char::from(b'a' + (i % 26) as u8))
        .collect();
    let before = alice.injected.lock().unwrap().len();
    alice
        .engine
        .send(alice.peer("bob"), OutgoingId(3), long.clone())
        .unwrap();
    assert!(bob.expect_text(&long));
    let sent = alice.injected.lock().unwrap()[before..].to_vec();
    assert!(sent.len() >= 8, "fragmented into {} pieces", sent.len());
    assert!(
        sent.iter()
            .all(|b| b.len() <= 400 && b.starts_with("?OTR,"))
    );
    std::thread::sleep(Duration::from_millis(300));
    bob.seen.retain(|e| !matches!(e, OtrEvent::Message { .. }));
    // Exactly one copy: the SEND_ALL copy was not sent, so no duplicate or error follows.
    assert!(
        !bob.seen
            .iter()
            .any(|e| matches!(e, OtrEvent::ReceiveProblem { .. }))
    );
}

#[test]
fn smp_success_and_failure_through_ngircd() {
    let server = Ngircd::start().unwrap();
    let (mut alice, mut bob) = private_nodes(&server);
    alice
        .engine
        .smp_start(alice.peer("bob"), Some("first pet?".into()), "rex")
        .wait()
        .unwrap();
    bob.expect("the question", |e| matches!(e, OtrEvent::Smp { event: SmpEvent::AskedQuestion { question }, .. } if question == "first pet?"));
    bob.engine
        .smp_respond(bob.peer("alice"), "rex")
        .wait()
        .unwrap();
    alice.expect("SMP success", |e| {
        matches!(
            e,
            OtrEvent::Smp {
                event: SmpEvent::Succeeded,
                ..
            }
        )
    });
    bob.expect("SMP success", |e| {
        matches!(
            e,
            OtrEvent::Smp {
                event: SmpEvent::Succeeded,
                ..
            }
        )
    });
    match alice.engine.session(alice.peer("bob")).wait().unwrap() {
        SessionState::Encrypted { trust, .. } => assert_eq!(trust, Trust::Smp),
        other => panic!("{other:?}"),
    }
    alice.seen.clear();
    bob.seen.clear();
    bob.engine
        .smp_start(bob.peer("alice"), None, "blue")
        .wait()
        .unwrap();
    alice.expect("asked for the secret", |e| {
        matches!(
            e,
            OtrEvent::Smp {
                event: SmpEvent::AskedForSecret,
                ..
            }
        )
    });
    alice
        .engine
        .smp_respond(alice.peer("bob"), "green")
        .wait()
        .unwrap();
    alice.expect("SMP failure", |e| {
        matches!(
            e,
            OtrEvent::Smp {
                event: SmpEvent::Failed,
                ..
            }
        )
    });
    bob.expect("SMP failure", |e| {
        matches!(
            e,
            OtrEvent::Smp {
                event: SmpEvent::Failed,
                ..
            }
        )
    });
}

#[test]
fn end_session_tells_the_peer_through_ngircd() {
    let server = Ngircd::start().unwrap();
    let (alice, mut bob) = private_nodes(&server);
    alice.engine.end_session(alice.peer("bob")).unwrap();
    bob.expect("the session finished", |e| {
        matches!(
            e,
            OtrEvent::SessionChanged {
                state: SessionState::Finished,
                ..
            }
        )
    });
    bob.engine
        .send(bob.peer("alice"), OutgoingId(5), "hello?")
        .unwrap();
    bob.expect("refused", |e| {
        matches!(
            e,
            OtrEvent::NotSent {
                id: OutgoingId(5),
                reason: NotSentReason::PeerEndedSession,
                ..
            }
        )
    });
}

#[test]
fn require_encryption_never_sends_plaintext_to_a_peer_without_otr() {
    let server = Ngircd::start().unwrap();
    let (tx, bodies) = std::sync::mpsc::channel();
    let _plain = Irc::connect(server.port(), "plain", move |_, body| {
        let _ = tx.send(body);
    });
    let strict = OtrSettings {
        require_encryption: true,
        queue_timeout: Duration::from_secs(2),
        ..OtrSettings::default()
    };
    let mut alice = Node::start(server.port(), "alice3", strict);
    alice
        .engine
        .send(alice.peer("plain"), OutgoingId(8), "the secret plan")
        .unwrap();
    alice.expect("queued", |e| {
        matches!(
            e,
            OtrEvent::Queued {
                id: OutgoingId(8),
                ..
            }
        )
    });
    alice.expect("given up", |e| {
        matches!(
            e,
            OtrEvent::NotSent {
                id: OutgoingId(8),
                reason: NotSentReason::EncryptionNotEstablished,
                ..
            }
        )
    });
    let received: Vec<String> = bodies.try_iter().collect();
    assert!(!received.is_empty(), "the query went out");
    assert!(
        received
            .iter()
            .all(|b| b.starts_with("?OTRv") && !b.contains("secret plan")),
        "{received:?}"
    );
}
