use super::*;

#[test]
fn burst_then_one_per_interval() {
    let start = Instant::now();
    let policy = FloodPolicy {
        burst: 3,
        interval: Duration::from_secs(2),
    };
    let mut bucket = TokenBucket::new(policy, start);
    assert!(bucket.try_take(start));
    assert!(bucket.try_take(start));
    assert!(bucket.try_take(start));
    assert!(!bucket.try_take(start));
    assert_eq!(bucket.wait(start), Duration::from_secs(2));
    let later = start + Duration::from_secs(2);
    assert!(bucket.try_take(later));
    assert!(!bucket.try_take(later));
    // Never more than the burst, however long we waited.
    let much_later = later + Duration::from_secs(3600);
    for _ in 0..3 {
        assert!(bucket.try_take(much_later));
    }
    assert!(!bucket.try_take(much_later));
}
