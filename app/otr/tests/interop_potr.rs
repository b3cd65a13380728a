//! Interoperability with an independent OTR implementation: python3-potr (v2) driven by the
//! harness's PotrPeer, through a real ngircd.
#![allow(clippy::unwrap_used)] // helpers outside #[test] functions unwrap too

mod support;

use harness::Ngircd;
use harness::potr::PotrPeer;
use messenger_otr::{OtrEvent, OtrSettings, SessionState, SmpEvent, Trust};
use messenger_protocol::OutgoingId;
use support::irc::{Node, WAIT};

fn hex(fingerprint: &messenger_otr::Fingerprint) -> String {
    fingerprint.0.iter().map(|b| format!("{b:02x}")).collect()
}

fn potr(server: &Ngircd, nick: &str) -> PotrPeer {
    PotrPeer::start(server.port(), nick).unwrap()
}

fn private_with_potr(we_start: bool) -> (Ngircd, Node, PotrPeer) {
    let server = Ngircd::start().unwrap();
    let mut peer = potr(&server, "potr");
    let mut alice = Node::start(server.port(), "alice", OtrSettings::default());
    if we_start {
        alice.engine.start_session(alice.peer("potr")).unwrap();
    } else {
        peer.start_otr("alice").unwrap();
    }
    let fingerprint = alice.expect_private("potr");
    assert_eq!(
        hex(&fingerprint),
        peer.fingerprint(),
        "we see potr's real key"
    );
    let state = peer
        .expect("potr private", WAIT, |e| {
            e.kind() == "state" && e.str("state") == Some("encrypted")
        })
        .unwrap();
    let ours = alice
        .engine
        .own_fingerprint(alice.account.clone())
        .wait()
        .unwrap()
        .unwrap();
    assert_eq!(
        state.str("fingerprint"),
        Some(hex(&ours).as_str()),
        "potr sees our key"
    );
    (server, alice, peer)
}

fn messages_both_ways(alice: &mut Node, peer: &mut PotrPeer) {
    alice
        .engine
        .send(alice.peer("potr"), OutgoingId(1), "hello potr, from libotr")
        .unwrap();
    assert_eq!(
        peer.expect_message("alice", WAIT).unwrap(),
        ("hello potr, from libotr".into(), true)
    );
    peer.send("alice", "hello libotr, from potr").unwrap();
    assert!(
        alice.expect_text("hello libotr, from potr"),
        "arrived encrypted"
    );
}

#[test]
fn we_start_otr_with_potr() {
    let (_server, mut alice, mut peer) = private_with_potr(true);
    messages_both_ways(&mut alice, &mut peer);
}

#[test]
fn potr_starts_otr_with_us() {
    let (_server, mut alice, mut peer) = private_with_potr(false);
    messages_both_ways(&mut alice, &mut peer);
}

#[test]
fn fragments_both_ways_with_potr() {
    let (_server, mut alice, mut peer) = private_with_potr(true);
    let long: String = (0..3000)
        .map(|i| char::from(b'A' + (i % 26) as u8))
        .collect();
    alice
        .engine
        .send(alice.peer("potr"), OutgoingId(2), long.clone())
        .unwrap();
    assert_eq!(
        peer.expect_message("alice", WAIT).unwrap(),
        (long.clone(), true)
    );
    let reply: String = long.chars().rev().collect();
    peer.send("alice", &reply).unwrap();
    assert!(alice.expect_text(&reply));
}

#[test]
fn smp_we_ask_potr_answers() {
    let (_server, mut alice, mut peer) = private_with_potr(true);
    alice
        .engine
        .smp_start(
            alice.peer("potr"),
            Some("where did we meet?".into()),
            "in the park",
        )
        .wait()
        .unwrap();
    let asked = peer
        .expect("SMP question", WAIT, |e| {
            e.kind() == "smp" && e.str("state") == Some("asked_question")
        })
        .unwrap();
    assert_eq!(asked.str("question"), Some("where did we meet?"));
    peer.smp_respond("alice", "in the park").unwrap();
    alice.expect("SMP success", |e| {
        matches!(
            e,
            OtrEvent::Smp {
                event: SmpEvent::Succeeded,
                ..
            }
        )
    });
    peer.expect("potr SMP success", WAIT, |e| {
        e.kind() == "smp" && e.str("state") == Some("succeeded")
    })
    .unwrap();
    match alice.engine.session(alice.peer("potr")).wait().unwrap() {
        SessionState::Encrypted { trust, .. } => assert_eq!(trust, Trust::Smp),
        other => panic!("{other:?}"),
    }
}

#[test]
fn smp_potr_asks_we_answer_and_a_wrong_secret_fails() {
    let (_server, mut alice, mut peer) = private_with_potr(true);
    peer.smp_start("alice", "shared words", None).unwrap();
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
        .smp_respond(alice.peer("potr"), "shared words")
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
    peer.expect("potr SMP success", WAIT, |e| {
        e.kind() == "smp" && e.str("state") == Some("succeeded")
    })
    .unwrap();
    alice.seen.clear();
    peer.smp_start("alice", "right", None).unwrap();
    alice.expect("asked again", |e| {
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
        .smp_respond(alice.peer("potr"), "wrong")
        .wait()
        .unwrap();
    alice.expect("SMP failure", |e| {
        matches!(
            e,
            OtrEvent::Smp {
                event: SmpEvent::Failed | SmpEvent::Aborted,
                ..
            }
        )
    });
    peer.expect("potr SMP failure", WAIT, |e| {
        e.kind() == "smp" && e.str("state") == Some("failed")
    })
    .unwrap();
}

#[test]
fn potr_ends_the_session_and_we_are_told() {
    let (_server, mut alice, mut peer) = private_with_potr(true);
    peer.end_otr("alice").unwrap();
    alice.expect("finished", |e| {
        matches!(
            e,
            OtrEvent::SessionChanged {
                state: SessionState::Finished,
                ..
            }
        )
    });
}
