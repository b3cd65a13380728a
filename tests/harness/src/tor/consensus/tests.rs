use super::*;

const SAMPLE: &str = "network-status-version 3\n\
        r auth0 AAAA BBBB 2026-11-26 12:00:00 127.0.0.1 5000 0\n\
        s Authority Exit Fast Guard HSDir Running Stable V2Dir Valid\n\
        r relay0 CCCC DDDD 2026-11-26 12:00:00 127.0.0.1 5001 0\n\
        s Exit Fast Running Valid\n";

#[test]
fn parses_flags_per_relay() {
    let flags = parse_flags(SAMPLE);
    assert_eq!(flags.len(), 2);
    assert!(flags["auth0"].contains(&"HSDir".to_owned()));
}

#[test]
fn names_what_is_missing() {
    let flags = parse_flags(SAMPLE);
    assert_eq!(missing_flags(&flags, "auth0", true), None);
    assert_eq!(
        missing_flags(&flags, "relay0", false).unwrap(),
        "relay0 lacks Stable"
    );
    assert_eq!(
        missing_flags(&flags, "relay9", false).unwrap(),
        "relay9 not listed"
    );
}
