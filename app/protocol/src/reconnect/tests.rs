use super::*;

#[test]
fn doubles_up_to_the_cap_and_resets() {
    let policy = ReconnectPolicy {
        initial: Duration::from_secs(4),
        max: Duration::from_secs(20),
    };
    let mut backoff = Backoff::new(policy);
    let first = backoff.next_delay();
    assert!(first <= Duration::from_secs(4) && first >= Duration::from_secs(3));
    let second = backoff.next_delay();
    assert!(second <= Duration::from_secs(8) && second >= Duration::from_secs(6));
    for _ in 0..40 {
        assert!(backoff.next_delay() <= Duration::from_secs(20));
    }
    backoff.reset();
    assert!(backoff.next_delay() <= Duration::from_secs(4));
}
