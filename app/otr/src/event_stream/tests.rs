use super::*;
use crate::types::{OtrAccount, PeerId};
use messenger_protocol::{OutgoingId, ProtocolKind};

fn sent(id: u64) -> OtrEvent {
    OtrEvent::Sent {
        id: OutgoingId(id),
        to: PeerId::new(OtrAccount::new("alice", ProtocolKind::Irc), "bob"),
        encrypted: true,
    }
}

#[test]
fn batches_come_out_one_event_at_a_time_in_order_then_none() {
    let (tx, rx) = mpsc::unbounded_channel();
    let mut events = OtrEvents::new(rx);
    tx.send(vec![sent(1), sent(2)]).unwrap();
    tx.send(vec![]).unwrap();
    tx.send(vec![sent(3)]).unwrap();
    drop(tx);
    let ids: Vec<u64> = std::iter::from_fn(|| events.blocking_recv())
        .map(|e| match e {
            OtrEvent::Sent { id, .. } => id.0,
            other => panic!("{other:?}"),
        })
        .collect();
    assert_eq!(ids, [1, 2, 3]);
}
