//! Hostile or broken input on the receive path: never a crash, always a clear event, and the
//! private conversation keeps working afterwards.
#![allow(clippy::unwrap_used)] // helpers outside #[test] functions unwrap too

mod support;

use messenger_otr::{MessageProblem, OtrEvent, OtrSettings};
use support::Pair;

fn private_pair() -> Pair {
    let mut pair = Pair::new(OtrSettings::default(), OtrSettings::default());
    let peer = pair.alice.peer.clone();
    pair.alice.core.start_session(&peer);
    pair.pump();
    assert!(pair.alice.is_private() && pair.bob.is_private());
    pair
}

fn bob_receives(pair: &mut Pair, body: &str) -> Vec<OtrEvent> {
    let peer = pair.bob.peer.clone();
    pair.bob.core.receive(&peer, body.to_owned());
    pair.bob.core.take_events()
}

fn still_works(pair: &mut Pair) {
    pair.alice_says(99, "still private?");
    assert!(
        pair.bob.shown().contains(&("still private?".into(), true)),
        "the session survived"
    );
}

#[test]
fn garbage_after_otr_data_prefix_is_reported_not_shown() {
    let mut pair = private_pair();
    for body in [
        "?OTR:",
        "?OTR:AAMD",
        "?OTR:AAID",
        "?OTR:AAIDAAAAAAAAAAAAAAAAAAAA.",
        "?OTR:!!!!not base64!!!!.",
        "?OTR:AAMDAAAAAAAAAAAAAAAAAAAAAAA=.",
        "?OTR:AAIC%%%%.",
    ] {
        let events = bob_receives(&mut pair, body);
        assert!(
            !events.iter().any(|e| matches!(e, OtrEvent::Message { .. })),
            "{body:?} was shown"
        );
        assert!(
            events.iter().any(|e| matches!(
                e,
                OtrEvent::ReceiveProblem {
                    problem: MessageProblem::Malformed
                        | MessageProblem::Unreadable
                        | MessageProblem::Unrecognized
                        | MessageProblem::UnsupportedVersion
                        | MessageProblem::SetupFailed,
                    ..
                }
            )),
            "{body:?}: no clear event in {events:?}"
        );
    }
    still_works(&mut pair);
}

#[test]
fn a_message_with_a_wrong_mac_is_unreadable() {
    let mut pair = private_pair();
    let peer = pair.alice.peer.clone();
    pair.alice
        .core
        .send(&peer, messenger_protocol::OutgoingId(1), "tampered".into());
    let body = pair
        .alice
        .core
        .take_events()
        .into_iter()
        .find_map(|e| match e {
            OtrEvent::Inject { body, .. } => Some(body),
            _ => None,
        })
        .unwrap();
    // The MAC is the 20 bytes before the old-MAC-keys length at the end of the message:
    // flip a base64 character there.
    let mut bytes = body.into_bytes();
    let at = bytes.len() - 12;
    bytes[at] = if bytes[at] == b'A' { b'B' } else { b'A' };
    let events = bob_receives(&mut pair, &String::from_utf8(bytes).unwrap());
    assert!(!events.iter().any(|e| matches!(e, OtrEvent::Message { .. })));
    assert!(
        events.iter().any(|e| matches!(
            e,
            OtrEvent::ReceiveProblem {
                problem: MessageProblem::Unreadable | MessageProblem::Malformed,
                ..
            }
        )),
        "{events:?}"
    );
    still_works(&mut pair);
}

#[test]
fn a_fragment_storm_is_survived() {
    let mut pair = private_pair();
    let mut seed = 0x2545_f491_4f6c_dd1du64;
    let mut next = || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let mut problems = 0;
    for _ in 0..5_000 {
        let n = next() % 70_000;
        let k = next() % (n + 2);
        let len = (next() % 300) as usize;
        let piece: String = (0..len)
            .map(|_| char::from(b'A' + (next() % 26) as u8))
            .collect();
        let body = match next() % 4 {
            0 => format!("?OTR,{k},{n},{piece},"),
            1 => format!("?OTR|{:x}|{:x},{k},{n},{piece},", next(), next()),
            2 => format!("?OTR,1,1,?OTR:{piece}.,"),
            _ => format!("?OTR,{k},{n},?OTR:{piece}"),
        };
        let events = bob_receives(&mut pair, &body);
        assert!(!events.iter().any(|e| matches!(
            e,
            OtrEvent::Message {
                encrypted: true,
                ..
            }
        )));
        problems += events
            .iter()
            .filter(|e| matches!(e, OtrEvent::ReceiveProblem { .. }))
            .count();
    }
    // Incomplete fragments are held silently (that is how fragments work); every one that
    // completes into garbage is reported.
    assert!(problems > 500, "only {problems} problems reported");
    still_works(&mut pair);
}
