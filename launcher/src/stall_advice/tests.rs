use super::*;

const BOTH: [Transport; 2] = [Transport::Snowflake, Transport::Obfs4];

#[test]
fn direct_stall_offers_both_transports_bridges_and_waiting() {
    let choices = StallChoice::offered(BridgeMode::Direct, &BOTH);
    assert_eq!(
        choices,
        [
            StallChoice::BuiltIn(Transport::Snowflake),
            StallChoice::BuiltIn(Transport::Obfs4),
            StallChoice::EnterBridges,
            StallChoice::KeepWaiting
        ]
    );
}

#[test]
fn stalled_snowflake_offers_the_other_choices() {
    let choices = StallChoice::offered(BridgeMode::BuiltIn(Transport::Snowflake), &BOTH);
    assert_eq!(
        choices,
        [
            StallChoice::BuiltIn(Transport::Obfs4),
            StallChoice::EnterBridges,
            StallChoice::Direct,
            StallChoice::KeepWaiting
        ]
    );
    // A transport without its program is not offered.
    let choices = StallChoice::offered(BridgeMode::Direct, &[Transport::Obfs4]);
    assert!(!choices.contains(&StallChoice::BuiltIn(Transport::Snowflake)));
}

#[test]
fn text_names_cause_warning_choices_and_checks() {
    let choices = StallChoice::offered(BridgeMode::Direct, &BOTH);
    let text = stall_advice(
        StallCause::Blocked,
        Some("Connection refused"),
        &choices,
        Path::new("/d/Tor/torrc"),
        false,
    );
    for word in [
        "What this means: connections to the Tor network are refused",
        "Connection refused",
        "bridges use snowflake",
        "bridges use obfs4",
        "bridges add",
        "clock",
        "firewall",
        "/d/Tor/torrc",
        "--stall-timeout",
    ] {
        assert!(text.contains(word), "missing {word}: {text}");
    }
    assert!(!text.contains("Type a number"));
}

#[test]
fn asking_numbers_the_choices() {
    let choices = StallChoice::offered(BridgeMode::Direct, &BOTH);
    let text = stall_advice(StallCause::NoAnswer, None, &choices, Path::new("/t"), true);
    assert!(text.contains("Tor gave no warning"));
    assert!(
        text.contains("  1. use the built-in snowflake bridges"),
        "{text}"
    );
    assert!(text.contains("  4. keep waiting"), "{text}");
    assert!(text.ends_with("Type a number (1-4) and Enter:"), "{text}");
}
