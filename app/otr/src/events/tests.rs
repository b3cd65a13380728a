use super::*;
use crate::types::{OtrAccount, PeerId};
use messenger_protocol::ProtocolKind;

#[test]
fn debug_output_never_shows_chat_content() {
    let from = PeerId::new(OtrAccount::new("alice", ProtocolKind::Irc), "bob");
    let events = [
        OtrEvent::Message {
            from: from.clone(),
            text: "meet at noon".into(),
            encrypted: true,
            unexpected_plaintext: false,
        },
        OtrEvent::Inject {
            to: from.clone(),
            body: "meet at noon".into(),
        },
        OtrEvent::PeerError {
            from: from.clone(),
            text: "meet at noon".into(),
        },
        OtrEvent::Smp {
            peer: from,
            event: SmpEvent::AskedQuestion {
                question: "meet at noon".into(),
            },
        },
    ];
    for event in events {
        let shown = format!("{event:?}");
        assert!(!shown.contains("noon"), "{shown}");
        assert!(shown.contains("<12 bytes>"), "{shown}");
    }
}
