use super::*;

fn at(seconds: u64) -> SystemTime {
    UNIX_EPOCH + Duration::from_secs(seconds)
}

#[test]
fn messages_come_back_in_order_with_their_senders() {
    let mut log = MessageLog::new();
    log.push(
        Sender::Peer("alice"),
        "hi",
        at(1),
        MessageKind::Normal,
        MessageFlags::default(),
    );
    log.push(
        Sender::Me,
        "hello",
        at(2),
        MessageKind::Normal,
        MessageFlags::OUTGOING,
    );
    log.push(
        Sender::Peer("bob"),
        "waves",
        at(3),
        MessageKind::Action,
        MessageFlags::default(),
    );
    log.push(
        Sender::Peer("alice"),
        "ünïcödé ✓",
        at(4),
        MessageKind::Normal,
        MessageFlags::default(),
    );
    let all: Vec<_> = log.range(0..10).collect();
    assert_eq!(all.len(), 4);
    assert_eq!(all[0].sender, Sender::Peer("alice"));
    assert_eq!(all[1].sender, Sender::Me);
    assert_eq!(all[2].text, "waves");
    assert_eq!(all[2].kind, MessageKind::Action);
    assert_eq!(all[3].text, "ünïcödé ✓");
    assert_eq!(all[3].time, at(4));
    assert_eq!(log.senders.len(), 2, "senders are interned");
}

#[test]
fn outgoing_messages_settle_as_sent_or_failed() {
    let mut log = MessageLog::new();
    let sent = log.push_outgoing(OutgoingId(1), "a", at(1), MessageKind::Normal, true);
    let failed = log.push_outgoing(OutgoingId(2), "b", at(1), MessageKind::Normal, false);
    assert!(log.get(sent).unwrap().flags.contains(MessageFlags::PENDING));
    assert!(log.mark_sent(OutgoingId(1)));
    assert!(log.mark_failed(OutgoingId(2), "no route"));
    assert!(
        !log.mark_failed(OutgoingId(2), "again"),
        "an id settles once"
    );
    assert!(!log.mark_sent(OutgoingId(99)));
    let sent = log.get(sent).unwrap().flags;
    assert!(sent.contains(MessageFlags::ENCRYPTED) && !sent.contains(MessageFlags::PENDING));
    let failed = log.get(failed).unwrap().flags;
    assert!(failed.contains(MessageFlags::FAILED) && !failed.contains(MessageFlags::ENCRYPTED));
}

fn delivery(log: &MessageLog, index: usize) -> Option<Delivery<'_>> {
    log.get(index).unwrap().delivery
}

#[test]
fn delivery_goes_from_sending_through_sent_to_delivered_or_not_delivered() {
    let mut log = MessageLog::new();
    let long = log.push_outgoing(OutgoingId(1), "long", at(1), MessageKind::Normal, false);
    let refused = log.push_outgoing(OutgoingId(2), "x", at(1), MessageKind::Normal, false);
    assert_eq!(
        delivery(&log, long),
        Some(Delivery::Sending { done: 0, total: 0 })
    );
    assert!(log.mark_progress(OutgoingId(1), 4, 12));
    assert_eq!(
        delivery(&log, long),
        Some(Delivery::Sending { done: 4, total: 12 })
    );
    assert!(log.mark_sent(OutgoingId(1)));
    assert_eq!(delivery(&log, long), Some(Delivery::Sent));
    assert!(
        !log.mark_progress(OutgoingId(1), 5, 12),
        "sent is past sending"
    );
    assert!(log.mark_delivered(OutgoingId(1)));
    assert_eq!(delivery(&log, long), Some(Delivery::DeliveredToServer));
    assert!(
        !log.mark_failed(OutgoingId(1), "late"),
        "an acknowledged message is not refused later"
    );

    // A refusal after "sent" (an error stanza, IRC 401) turns it into not delivered.
    assert!(log.mark_sent(OutgoingId(2)));
    assert!(log.mark_failed(OutgoingId(2), "no such nick"));
    assert_eq!(
        delivery(&log, refused),
        Some(Delivery::NotDelivered {
            reason: "no such nick"
        })
    );
    assert!(!log.mark_delivered(OutgoingId(2)));
    let incoming = log.push(
        Sender::Peer("bob"),
        "hi",
        at(2),
        MessageKind::Normal,
        MessageFlags::default(),
    );
    assert_eq!(
        delivery(&log, incoming),
        None,
        "only our own messages have one"
    );
}

#[test]
fn protection_is_what_the_encryption_layer_decided() {
    let mut log = MessageLog::new();
    let index = log.push_outgoing(OutgoingId(1), "a", at(1), MessageKind::Normal, true);
    assert_eq!(log.get(index).unwrap().protection(), Protection::Otr);
    assert!(log.set_protection(OutgoingId(1), Protection::NotEncrypted));
    assert_eq!(
        log.get(index).unwrap().protection(),
        Protection::NotEncrypted
    );
    assert!(log.set_protection(OutgoingId(1), Protection::Omemo));
    assert_eq!(log.get(index).unwrap().protection(), Protection::Omemo);
    assert!(!log.set_protection(OutgoingId(9), Protection::Otr));
}

#[test]
fn only_the_newest_outgoing_messages_wait_for_a_late_answer() {
    let mut log = MessageLog::new();
    for id in 0..(TRACKED_OUTGOING as u64 + 10) {
        log.push_outgoing(OutgoingId(id), "m", at(1), MessageKind::Normal, false);
        log.mark_sent(OutgoingId(id));
    }
    assert!(log.outgoing.len() <= TRACKED_OUTGOING);
    assert!(
        !log.mark_delivered(OutgoingId(0)),
        "the oldest is forgotten"
    );
    assert!(log.mark_delivered(OutgoingId(TRACKED_OUTGOING as u64 + 9)));
}

#[test]
fn a_range_past_the_end_is_clamped() {
    let mut log = MessageLog::new();
    log.push(
        Sender::System,
        "x",
        at(0),
        MessageKind::Notice,
        MessageFlags::default(),
    );
    assert_eq!(log.range(5..9).count(), 0);
    assert_eq!(log.range(0..usize::MAX).count(), 1);
    assert!(log.get(1).is_none());
}

#[test]
fn memory_per_message_stays_close_to_its_text() {
    let mut log = MessageLog::new();
    let text = "a typical chat line of about forty bytes";
    for i in 0..100_000 {
        let sender = format!("user{}", i % 5_000);
        log.push(
            Sender::Peer(&sender),
            text,
            at(i),
            MessageKind::Normal,
            MessageFlags::default(),
        );
    }
    assert_eq!(log.len(), 100_000);
    assert_eq!(log.text_bytes(), 100_000 * text.len());
    // The fixed part per message is the entry; the text itself is stored once.
    assert_eq!(std::mem::size_of::<Entry>(), 32);
}

#[test]
fn clear_forgets_everything() {
    let mut log = MessageLog::new();
    log.push_outgoing(OutgoingId(7), "secret", at(0), MessageKind::Normal, true);
    log.clear();
    assert!(log.is_empty());
    assert_eq!(log.text_bytes(), 0);
    assert!(!log.mark_sent(OutgoingId(7)));
}

#[test]
fn times_before_1970_survive() {
    let mut log = MessageLog::new();
    let early = UNIX_EPOCH - Duration::from_secs(10);
    log.push(
        Sender::System,
        "x",
        early,
        MessageKind::Normal,
        MessageFlags::default(),
    );
    assert_eq!(log.get(0).unwrap().time, early);
}
