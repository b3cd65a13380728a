use super::*;

#[test]
fn matches_in_order_by_target_and_text_and_reports_the_completed_message() {
    let mut echoes = EchoTracker::default();
    echoes.sent("#Tor", "part one", None, false);
    echoes.sent("#tor", "part two", Some(OutgoingId(4)), false);
    assert_eq!(echoes.echoed(None, "#tor", "part one"), Echo::Ours(None));
    assert_eq!(
        echoes.echoed(None, "#TOR", "part two"),
        Echo::Ours(Some(OutgoingId(4)))
    );
    assert_eq!(echoes.echoed(None, "#tor", "part two"), Echo::Unknown);
    assert_eq!(echoes.waiting(), 0);
}

#[test]
fn labels_match_exactly_and_ack_counts() {
    let mut echoes = EchoTracker::default();
    let first = echoes
        .sent("alice", "same", Some(OutgoingId(1)), true)
        .unwrap();
    let second = echoes
        .sent("alice", "same", Some(OutgoingId(2)), true)
        .unwrap();
    assert_ne!(first, second);
    assert_eq!(
        echoes.echoed(Some(&second), "alice", "same"),
        Echo::Ours(Some(OutgoingId(2)))
    );
    assert_eq!(echoes.acknowledged(&first), Some(OutgoingId(1)));
    assert_eq!(echoes.acknowledged(&first), None);
}

#[test]
fn waiting_lines_are_bounded() {
    let mut echoes = EchoTracker::default();
    for n in 0..(MAX_PENDING + 10) {
        echoes.sent("#a", &n.to_string(), Some(OutgoingId(n as u64)), false);
    }
    assert_eq!(echoes.waiting(), MAX_PENDING);
    // The oldest were forgotten: their echo no longer marks anything delivered.
    assert_eq!(echoes.echoed(None, "#a", "0"), Echo::Unknown);
    assert_eq!(
        echoes.echoed(None, "#a", "10"),
        Echo::Ours(Some(OutgoingId(10)))
    );
}
