use super::*;

#[test]
fn parses_the_ircv3_format() {
    let time = parse("2026-01-02T03:04:05.678Z").unwrap();
    let since = time.duration_since(UNIX_EPOCH).unwrap();
    // date -u -d 2026-01-02T03:04:05Z +%s
    assert_eq!(since.as_secs(), 1_767_323_045);
    assert_eq!(since.subsec_millis(), 678);
    assert_eq!(
        parse("1970-01-01T00:00:00Z").unwrap(),
        UNIX_EPOCH,
        "no fraction"
    );
    assert_eq!(
        parse("2000-03-01T00:00:00Z")
            .unwrap()
            .duration_since(UNIX_EPOCH)
            .unwrap()
            .as_secs(),
        951_868_800
    );
}

#[test]
fn garbage_and_unbelievable_times_fall_back_to_now() {
    for bad in [
        "",
        "2026-01-02T03:04:05",
        "2026-13-02T03:04:05Z",
        "2026-01-02T25:04:05Z",
        "2026-01-02 03:04:05Z",
        "2026-01-02T03:04:05.12345678901Z",
        "x026-01-02T03:04:05Z",
    ] {
        assert!(parse(bad).is_none(), "{bad}");
    }
    let now = UNIX_EPOCH + Duration::from_secs(1_767_323_045);
    assert_eq!(message_time(Some("garbage"), now), now);
    assert_eq!(message_time(None, now), now);
    assert_eq!(message_time(Some("1999-12-31T23:59:59Z"), now), now);
    assert_eq!(message_time(Some("2026-01-05T03:04:05Z"), now), now);
    let earlier = message_time(Some("2026-01-02T02:00:00.5Z"), now);
    assert_eq!(
        now.duration_since(earlier).unwrap(),
        Duration::from_millis(3845 * 1000 - 500)
    );
}
