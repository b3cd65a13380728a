//! Two OTR cores back to back in one process: the protocol logic without a network.
#![allow(clippy::unwrap_used)] // helpers outside #[test] functions unwrap too

mod support;

use messenger_otr::{NotSentReason, OtrEvent, OtrSettings, SessionState, SmpEvent, Trust};
use messenger_protocol::OutgoingId;
use support::Pair;

fn private_pair() -> Pair {
    let mut pair = Pair::new(OtrSettings::default(), OtrSettings::default());
    let peer = pair.alice.peer.clone();
    pair.alice.core.start_session(&peer);
    pair.pump();
    assert!(
        pair.alice.is_private() && pair.bob.is_private(),
        "AKE did not complete"
    );
    pair
}

#[test]
fn ake_then_messages_both_ways() {
    let mut pair = private_pair();
    pair.alice_says(1, "hello bob");
    pair.bob_says(2, "hello alice");
    assert!(pair.bob.shown().contains(&("hello bob".into(), true)));
    assert!(pair.alice.shown().contains(&("hello alice".into(), true)));
    // Nothing on the wire carries the plaintext.
    assert!(pair.wire.iter().all(|(_, b)| !b.contains("hello")));
    assert!(pair.alice.events.iter().any(|e| matches!(
        e,
        OtrEvent::Sent {
            id: OutgoingId(1),
            encrypted: true,
            ..
        }
    )));
}

#[test]
fn opportunistic_whitespace_tag_starts_ake_on_reply() {
    let mut pair = Pair::new(OtrSettings::default(), OtrSettings::default());
    pair.alice_says(1, "plain hello");
    // The first message goes out as plaintext with the whitespace tag, shown without it.
    assert!(pair.bob.shown().contains(&("plain hello".into(), false)));
    assert!(pair.alice.is_private() && pair.bob.is_private());
    pair.bob_says(2, "now private");
    assert!(pair.alice.shown().contains(&("now private".into(), true)));
}

#[test]
fn long_message_is_fragmented_and_reassembled_without_duplicates() {
    let mut pair = private_pair();
    let long: String = (0..3000)
        .map(|i| char::from(b'a' + (i % 26) as u8))
        .collect();
    let before = pair.wire.len();
    pair.alice_says(7, &long);
    let sent: Vec<_> = pair.wire[before..].iter().filter(|(a, _)| *a).collect();
    assert!(
        sent.len() > 1,
        "a 3,000-byte message must be fragmented for IRC"
    );
    assert!(
        sent.iter().all(|(_, b)| b.len() <= 400),
        "fragments fit IRC"
    );
    let shown: Vec<_> = pair
        .bob
        .shown()
        .into_iter()
        .filter(|(t, _)| t == &long)
        .collect();
    assert_eq!(
        shown.len(),
        1,
        "reassembled exactly once (the SEND_ALL copy is not sent)"
    );
    assert!(
        !pair
            .bob
            .events
            .iter()
            .any(|e| matches!(e, OtrEvent::ReceiveProblem { .. }))
    );
}

#[test]
fn smp_with_question_succeeds_and_trusts() {
    let mut pair = private_pair();
    let peer = pair.alice.peer.clone();
    pair.alice
        .core
        .smp_start(&peer, Some("our cat?"), "tom")
        .unwrap();
    pair.pump();
    assert!(pair.bob.events.iter().any(|e| matches!(e, OtrEvent::Smp { event: SmpEvent::AskedQuestion { question }, .. } if question == "our cat?")));
    let bob_peer = pair.bob.peer.clone();
    pair.bob.core.smp_respond(&bob_peer, "tom").unwrap();
    pair.pump();
    assert!(pair.alice.events.iter().any(|e| matches!(
        e,
        OtrEvent::Smp {
            event: SmpEvent::Succeeded,
            ..
        }
    )));
    assert!(pair.bob.events.iter().any(|e| matches!(
        e,
        OtrEvent::Smp {
            event: SmpEvent::Succeeded,
            ..
        }
    )));
    match pair.alice.core.session_state(&peer) {
        SessionState::Encrypted { trust, .. } => assert_eq!(trust, Trust::Smp),
        other => panic!("not private: {other:?}"),
    }
}

#[test]
fn smp_with_shared_secret_fails_on_mismatch() {
    let mut pair = private_pair();
    let peer = pair.alice.peer.clone();
    pair.alice
        .core
        .smp_start(&peer, None, "secret one")
        .unwrap();
    pair.pump();
    assert!(pair.bob.events.iter().any(|e| matches!(
        e,
        OtrEvent::Smp {
            event: SmpEvent::AskedForSecret,
            ..
        }
    )));
    let bob_peer = pair.bob.peer.clone();
    pair.bob.core.smp_respond(&bob_peer, "secret two").unwrap();
    pair.pump();
    assert!(pair.alice.events.iter().any(|e| matches!(
        e,
        OtrEvent::Smp {
            event: SmpEvent::Failed,
            ..
        }
    )));
    assert!(pair.bob.events.iter().any(|e| matches!(
        e,
        OtrEvent::Smp {
            event: SmpEvent::Failed,
            ..
        }
    )));
    match pair.alice.core.session_state(&peer) {
        SessionState::Encrypted { trust, .. } => assert_eq!(trust, Trust::Untrusted),
        other => panic!("not private: {other:?}"),
    }
}

#[test]
fn end_session_tells_the_peer() {
    let mut pair = private_pair();
    let peer = pair.alice.peer.clone();
    pair.alice.core.end_session(&peer);
    pair.pump();
    let bob_peer = pair.bob.peer.clone();
    assert_eq!(
        pair.bob.core.session_state(&bob_peer),
        SessionState::Finished
    );
    assert_eq!(
        pair.alice.core.session_state(&peer),
        SessionState::Plaintext
    );
    pair.bob_says(9, "are you there?");
    assert!(pair.bob.events.iter().any(|e| matches!(
        e,
        OtrEvent::NotSent {
            id: OutgoingId(9),
            reason: NotSentReason::PeerEndedSession,
            ..
        }
    )));
    assert!(!pair.wire.iter().any(|(_, b)| b.contains("are you there")));
}

#[test]
fn require_encryption_holds_the_first_message_until_private() {
    let strict = OtrSettings {
        require_encryption: true,
        ..OtrSettings::default()
    };
    let mut pair = Pair::new(strict, OtrSettings::default());
    pair.alice_says(1, "top secret first message");
    assert!(pair.alice.events.iter().any(|e| matches!(
        e,
        OtrEvent::Queued {
            id: OutgoingId(1),
            ..
        }
    )));
    assert!(
        !pair.wire.iter().any(|(_, b)| b.contains("top secret")),
        "plaintext never on the wire"
    );
    assert!(
        pair.bob
            .shown()
            .contains(&("top secret first message".into(), true))
    );
    assert!(pair.alice.events.iter().any(|e| matches!(
        e,
        OtrEvent::Sent {
            id: OutgoingId(1),
            encrypted: true,
            ..
        }
    )));
}
