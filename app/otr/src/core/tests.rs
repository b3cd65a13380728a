//! Tests that need the core's insides: a peer that sends what an honest libotr never would.

use super::*;
use crate::events::SmpEvent;
use messenger_protocol::ProtocolKind;
use std::os::raw::c_char;
use std::ptr::null_mut;

/// Two cores back to back (alice's peer is "bob" and bob's is "alice").
struct Two {
    alice: OtrCore,
    bob: OtrCore,
    to_bob: PeerId,
    to_alice: PeerId,
    alice_saw: Vec<OtrEvent>,
    bob_saw: Vec<OtrEvent>,
    _dirs: (tempfile::TempDir, tempfile::TempDir),
}

impl Two {
    fn new() -> Two {
        Two::on(ProtocolKind::Irc)
    }

    fn on(protocol: ProtocolKind) -> Two {
        let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
        Two {
            alice: OtrCore::open(a.path(), OtrSettings::default()).unwrap(),
            bob: OtrCore::open(b.path(), OtrSettings::default()).unwrap(),
            to_bob: PeerId::new(OtrAccount::new("alice", protocol), "bob"),
            to_alice: PeerId::new(OtrAccount::new("bob", protocol), "alice"),
            alice_saw: Vec::new(),
            bob_saw: Vec::new(),
            _dirs: (a, b),
        }
    }

    /// Delivers injected bodies both ways until both sides are quiet.
    fn pump(&mut self) {
        loop {
            self.alice.complete_key_generations_blocking();
            self.bob.complete_key_generations_blocking();
            let mut to_bob = Vec::new();
            let mut to_alice = Vec::new();
            for event in self.alice.take_events() {
                if let OtrEvent::Inject { body, .. } = &event {
                    to_bob.push(body.clone());
                }
                self.alice_saw.push(event);
            }
            for event in self.bob.take_events() {
                if let OtrEvent::Inject { body, .. } = &event {
                    to_alice.push(body.clone());
                }
                self.bob_saw.push(event);
            }
            if to_bob.is_empty() && to_alice.is_empty() {
                return;
            }
            for body in to_bob {
                self.bob.receive(&self.to_alice, body);
            }
            for body in to_alice {
                self.alice.receive(&self.to_bob, body);
            }
        }
    }
}

#[test]
fn a_forged_smp_message_is_reported_as_cheating_and_the_check_is_aborted() {
    let mut two = Two::new();
    two.alice.start_session(&two.to_bob);
    two.pump();
    assert!(matches!(
        two.alice.session_state(&two.to_bob),
        SessionState::Encrypted { .. }
    ));

    // Bob's side sends, inside a valid encrypted message, an SMP step 1 whose numbers are
    // garbage (what a tampering peer would send): libotr's SMP rejects its proofs.
    two.bob_sends_tlv(OTRL_TLV_SMP1, &[0, 0, 0, 6, 0, 0, 0, 1, 1]);

    // Alice is told the peer cheated, is never asked for a secret, and aborts the check,
    // which bob's side hears.
    assert_eq!(smp(&two.alice_saw), vec![SmpEvent::Cheated]);
    assert_eq!(smp(&two.bob_saw), vec![SmpEvent::Aborted]);
    assert!(
        two.alice_saw
            .iter()
            .all(|e| !matches!(e, OtrEvent::Message { .. })),
        "nothing shown: {:?}",
        two.alice_saw
    );

    two.still_private();
}

#[test]
fn an_smp_message_out_of_order_is_an_smp_error_and_the_check_is_aborted() {
    let mut two = Two::new();
    two.alice.start_session(&two.to_bob);
    two.pump();
    // Step 3 while alice expects step 1.
    two.bob_sends_tlv(OTRL_TLV_SMP3, &[0, 0, 0, 8]);
    assert_eq!(smp(&two.alice_saw), vec![SmpEvent::Error]);
    assert_eq!(smp(&two.bob_saw), vec![SmpEvent::Aborted]);
    two.still_private();
}

#[test]
fn xmpp_carries_a_3000_byte_message_in_one_piece_and_irc_in_400_byte_fragments() {
    let text: String = (0..3000)
        .map(|i| char::from(b'a' + (i % 26) as u8))
        .collect();
    for (protocol, pieces, largest) in [
        (ProtocolKind::Xmpp, 1..=1, 65_536),
        (ProtocolKind::Irc, 9..=20, 400),
    ] {
        let mut two = Two::on(protocol);
        two.alice.start_session(&two.to_bob);
        two.pump();
        two.alice.send(&two.to_bob, OutgoingId(7), text.clone());
        let bodies: Vec<String> = two
            .alice
            .take_events()
            .into_iter()
            .filter_map(|e| match e {
                OtrEvent::Inject { body, .. } => Some(body),
                _ => None,
            })
            .collect();
        assert!(
            pieces.contains(&bodies.len()),
            "{protocol:?}: {}",
            bodies.len()
        );
        assert!(bodies.iter().all(|b| b.len() <= largest), "{protocol:?}");
        for body in bodies {
            two.bob.receive(&two.to_alice, body);
        }
        two.pump();
        let shown: Vec<&OtrEvent> = two
            .bob_saw
            .iter()
            .filter(|e| matches!(e, OtrEvent::Message { .. }))
            .collect();
        assert!(
            matches!(shown.as_slice(), [OtrEvent::Message { text: t, encrypted: true, .. }] if *t == text),
            "{protocol:?}: shown once, whole"
        );
    }
}

#[test]
fn a_new_key_is_announced_once_and_a_refresh_is_still_secure() {
    let mut two = Two::new();
    two.alice.start_session(&two.to_bob);
    two.pump();
    let new_fingerprints = |saw: &[OtrEvent]| {
        saw.iter()
            .filter(|e| matches!(e, OtrEvent::NewFingerprint { .. }))
            .count()
    };
    assert_eq!(new_fingerprints(&two.alice_saw), 1, "{:?}", two.alice_saw);
    assert_eq!(new_fingerprints(&two.bob_saw), 1, "{:?}", two.bob_saw);
    let Some(OtrEvent::NewFingerprint { fingerprint, .. }) = two
        .alice_saw
        .iter()
        .find(|e| matches!(e, OtrEvent::NewFingerprint { .. }))
    else {
        unreachable!()
    };
    let bobs_own = two.bob.own_fingerprint(&two.to_alice.account);
    assert_eq!(Some(*fingerprint), bobs_own);

    // A new key exchange with the same keys: "still secure", no new fingerprint, no change.
    two.alice_saw.clear();
    two.bob_saw.clear();
    two.alice.start_session(&two.to_bob);
    two.pump();
    for saw in [&two.alice_saw, &two.bob_saw] {
        assert!(
            saw.iter()
                .any(|e| matches!(e, OtrEvent::StillSecure { .. })),
            "{saw:?}"
        );
        assert_eq!(new_fingerprints(saw), 0);
        assert!(
            !saw.iter()
                .any(|e| matches!(e, OtrEvent::SessionChanged { .. }))
        );
    }
}

#[test]
fn encrypted_data_outside_a_private_conversation_is_reported_not_shown() {
    let mut two = Two::new();
    two.alice.start_session(&two.to_bob);
    two.pump();
    two.alice
        .send(&two.to_bob, OutgoingId(1), "for the old session".to_owned());
    let body = two
        .alice
        .take_events()
        .into_iter()
        .find_map(|e| match e {
            OtrEvent::Inject { body, .. } => Some(body),
            _ => None,
        })
        .unwrap();

    // Bob's client restarted: a new core (same name, new key, no session).
    let dir = tempfile::tempdir().unwrap();
    let mut bob = OtrCore::open(dir.path(), OtrSettings::default()).unwrap();
    bob.start_key_generation(&two.to_alice.account);
    bob.complete_key_generations_blocking();
    bob.take_events();
    bob.receive(&two.to_alice, body);
    let events = bob.take_events();
    assert!(
        events.iter().any(|e| matches!(
            e,
            OtrEvent::ReceiveProblem {
                problem: crate::events::MessageProblem::EncryptedWhileNotPrivate,
                ..
            }
        )),
        "{events:?}"
    );
    assert!(!events.iter().any(|e| matches!(e, OtrEvent::Message { .. })));
    // libotr 4.1.1 answers nothing here (the message may be for another v2 client of ours).
    assert!(
        !events.iter().any(|e| matches!(e, OtrEvent::Inject { .. })),
        "{events:?}"
    );
}

#[test]
fn an_otr_error_from_the_peer_is_reported_with_its_text() {
    let mut two = Two::new();
    two.alice.start_session(&two.to_bob);
    two.pump();
    two.alice.receive(
        &two.to_bob,
        "?OTR Error: You transmitted an unreadable encrypted message.".to_owned(),
    );
    let events = two.alice.take_events();
    assert!(
        events.iter().any(|e| matches!(
            e,
            OtrEvent::PeerError { text, .. } if text.contains("unreadable encrypted message")
        )),
        "{events:?}"
    );
    assert!(!events.iter().any(|e| matches!(e, OtrEvent::Message { .. })));
}

/// The SMP events among `saw`.
fn smp(saw: &[OtrEvent]) -> Vec<SmpEvent> {
    saw.iter()
        .filter_map(|e| match e {
            OtrEvent::Smp { event, .. } => Some(event.clone()),
            _ => None,
        })
        .collect()
}

impl Two {
    /// Bob's side sends an encrypted message carrying only the TLV `kind` with `data`, then
    /// everything is delivered (the events seen before are forgotten).
    fn bob_sends_tlv(&mut self, kind: u16, data: &[u8]) {
        let names = self.bob.names(&self.to_alice).unwrap();
        // SAFETY: a TLV copied from our buffer, freed below.
        let tlv = unsafe { otrl_tlv_new(kind, u16::try_from(data.len()).unwrap(), data.as_ptr()) };
        let mut copy: *mut c_char = null_mut();
        // SAFETY: bob's own user state, callbacks and names; the TLV chain is valid; the
        // SEND_ALL copy is freed (libotr injected the message already).
        unsafe {
            otrl_message_sending(
                self.bob.us,
                self.bob.ops(),
                self.bob.opdata(),
                names.account.as_ptr(),
                names.protocol.as_ptr(),
                names.peer.as_ptr(),
                OTRL_INSTAG_BEST,
                c"".as_ptr(),
                tlv,
                &mut copy,
                OTRL_FRAGMENT_SEND_ALL,
                null_mut(),
                None,
                null_mut(),
            );
            otrl_message_free(copy);
            otrl_tlv_free(tlv);
        }
        self.alice_saw.clear();
        self.bob_saw.clear();
        self.pump();
    }

    /// Bob's next message still reaches alice, encrypted.
    fn still_private(&mut self) {
        self.bob
            .send(&self.to_alice, OutgoingId(1), "still here".to_owned());
        self.pump();
        assert!(self.alice_saw.iter().any(|e| matches!(
            e,
            OtrEvent::Message { text, encrypted: true, .. } if text == "still here"
        )));
    }
}
