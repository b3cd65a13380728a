use super::*;

#[test]
fn strongest_known_mechanism_wins_and_anonymous_never() {
    let offered = |names: &[&str]| names.iter().map(|s| (*s).to_owned()).collect();
    assert_eq!(
        choose_mechanism(&offered(&["PLAIN", "SCRAM-SHA-1", "SCRAM-SHA-256"])),
        Some("SCRAM-SHA-256")
    );
    assert_eq!(
        choose_mechanism(&offered(&["PLAIN", "SCRAM-SHA-1", "SCRAM-SHA-1-PLUS"])),
        Some("SCRAM-SHA-1")
    );
    assert_eq!(choose_mechanism(&offered(&["PLAIN"])), Some("PLAIN"));
    assert_eq!(
        choose_mechanism(&offered(&["ANONYMOUS", "DIGEST-MD5"])),
        None
    );
}
