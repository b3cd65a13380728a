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

#[test]
fn v3_with_instance_tags_when_both_allow_it_and_poll_follows_timer_control() {
    let v3 = OtrSettings {
        allow_v3: true,
        ..OtrSettings::default()
    };
    let mut pair = Pair::new(v3.clone(), v3);
    let peer = pair.alice.peer.clone();
    pair.alice.core.start_session(&peer);
    pair.pump();
    match pair.alice.core.session_state(&peer) {
        SessionState::Encrypted { version, .. } => assert_eq!(version, 3),
        other => panic!("{other:?}"),
    }
    // Bob answered the query with a v3 commit from his master context: libotr asked for the
    // poll timer then (timer_control), to wipe the commit's key later.
    let deadline = pair
        .bob
        .core
        .next_deadline()
        .expect("timer_control started the poll timer");
    pair.bob
        .core
        .tick(deadline + std::time::Duration::from_secs(1));
    pair.alice_says(1, "after a poll");
    assert!(pair.bob.shown().contains(&("after a poll".into(), true)));
}

#[test]
fn v2_only_peer_gets_v2_even_when_we_allow_v3() {
    let mut pair = Pair::new(
        OtrSettings {
            allow_v3: true,
            ..OtrSettings::default()
        },
        OtrSettings::default(),
    );
    let peer = pair.alice.peer.clone();
    pair.alice.core.start_session(&peer);
    pair.pump();
    match pair.alice.core.session_state(&peer) {
        SessionState::Encrypted { version, .. } => assert_eq!(version, 2),
        other => panic!("{other:?}"),
    }
}

#[test]
fn manual_verification_is_stored_and_survives_a_restart() {
    let mut pair = private_pair();
    let peer = pair.alice.peer.clone();
    let known = pair.alice.core.fingerprints(&peer);
    assert_eq!(known.len(), 1);
    assert!(known[0].active && known[0].trust == Trust::Untrusted);
    let bob_key = pair.bob.core.own_fingerprint(&pair.bob.me).unwrap();
    assert_eq!(
        known[0].fingerprint, bob_key,
        "the fingerprint shown is bob's real one"
    );
    pair.alice
        .core
        .set_trust(&peer, bob_key, Trust::Verified)
        .unwrap();
    assert!(pair.alice.core.take_events().iter().any(|e| matches!(
        e,
        OtrEvent::SessionChanged {
            state: SessionState::Encrypted {
                trust: Trust::Verified,
                ..
            },
            ..
        }
    )));
    let unknown = messenger_otr::Fingerprint([7; 20]);
    assert!(matches!(
        pair.alice.core.set_trust(&peer, unknown, Trust::Verified),
        Err(messenger_otr::OtrError::UnknownFingerprint)
    ));
    let reopened =
        messenger_otr::OtrCore::open(pair.alice.dir.path(), OtrSettings::default()).unwrap();
    let known = reopened.fingerprints(&peer);
    assert_eq!(known.len(), 1);
    assert_eq!(
        (known[0].fingerprint, known[0].trust),
        (bob_key, Trust::Verified)
    );
}

#[test]
fn smp_needs_a_private_conversation() {
    let mut pair = Pair::new(OtrSettings::default(), OtrSettings::default());
    let peer = pair.alice.peer.clone();
    assert!(matches!(
        pair.alice.core.smp_start(&peer, None, "x"),
        Err(messenger_otr::OtrError::NotPrivate)
    ));
}

#[test]
fn the_engine_reports_key_generation_progress() {
    let dir = tempfile::tempdir().unwrap();
    let (engine, mut events) =
        messenger_otr::OtrEngine::start(dir.path(), OtrSettings::default()).unwrap();
    let account = messenger_otr::OtrAccount::new("erin", messenger_protocol::ProtocolKind::Xmpp);
    assert_eq!(
        engine.own_fingerprint(account.clone()).wait().unwrap(),
        None
    );
    engine.generate_key(account.clone()).unwrap();
    assert!(matches!(
        events.blocking_recv(),
        Some(OtrEvent::KeyGenerationStarted { .. })
    ));
    let Some(OtrEvent::KeyGenerated { fingerprint, .. }) = events.blocking_recv() else {
        panic!("no key")
    };
    assert_eq!(
        engine.own_fingerprint(account).wait().unwrap(),
        Some(fingerprint)
    );
    assert_eq!(fingerprint.human().len(), 44);
}

#[test]
fn text_with_a_nul_is_refused_not_truncated() {
    let mut pair = private_pair();
    pair.alice_says(5, "before\0after");
    assert!(pair.alice.events.iter().any(|e| matches!(
        e,
        OtrEvent::NotSent {
            id: OutgoingId(5),
            reason: NotSentReason::InvalidText,
            ..
        }
    )));
    assert!(
        !pair
            .bob
            .shown()
            .iter()
            .any(|(t, _)| t.starts_with("before"))
    );
}

#[test]
fn require_encryption_per_contact_overrides_the_global_setting() {
    let mut per_contact = OtrSettings::default();
    let bob = messenger_otr::PeerId::new(
        messenger_otr::OtrAccount::new("alice", messenger_protocol::ProtocolKind::Irc),
        "bob",
    );
    per_contact.require_encryption_for.insert(bob, true);
    let mut pair = Pair::new(per_contact, OtrSettings::default());
    pair.alice_says(1, "only for bob's eyes");
    assert!(pair.alice.events.iter().any(|e| matches!(
        e,
        OtrEvent::Queued {
            id: OutgoingId(1),
            ..
        }
    )));
    assert!(!pair.wire.iter().any(|(_, b)| b.contains("bob's eyes")));
    assert!(
        pair.bob
            .shown()
            .contains(&("only for bob's eyes".into(), true))
    );
}

#[test]
fn smp_abort_reaches_the_peer() {
    let mut pair = private_pair();
    let peer = pair.alice.peer.clone();
    pair.alice.core.smp_start(&peer, None, "s").unwrap();
    pair.pump();
    pair.alice.core.smp_abort(&peer).unwrap();
    pair.pump();
    assert!(pair.bob.events.iter().any(|e| matches!(
        e,
        OtrEvent::Smp {
            event: SmpEvent::Aborted,
            ..
        }
    )));
    // A late answer after the abort is an out-of-order SMP message: reported, no success.
    let bob_peer = pair.bob.peer.clone();
    pair.bob.core.smp_respond(&bob_peer, "s").unwrap();
    pair.pump();
    assert!(!pair.alice.events.iter().any(|e| matches!(
        e,
        OtrEvent::Smp {
            event: SmpEvent::Succeeded,
            ..
        }
    )));
}

#[test]
fn dropping_the_engine_during_key_generation_is_clean() {
    let dir = tempfile::tempdir().unwrap();
    let (engine, _events) =
        messenger_otr::OtrEngine::start(dir.path(), OtrSettings::default()).unwrap();
    let account = messenger_otr::OtrAccount::new("frank", messenger_protocol::ProtocolKind::Irc);
    engine.generate_key(account).unwrap();
    drop(engine);
    // The thread stopped (drop returned); no temporary file is left, and whatever is in the
    // profile opens cleanly (normally no key: shutdown came before the key was finished).
    assert!(
        std::fs::read_dir(dir.path()).unwrap().all(|e| !e
            .unwrap()
            .file_name()
            .to_string_lossy()
            .contains(".tmp-"))
    );
    messenger_otr::OtrCore::open(dir.path(), OtrSettings::default()).unwrap();
}
