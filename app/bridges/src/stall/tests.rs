use super::*;

fn watch() -> StallWatch {
    StallWatch::new(&PtConfig::built_in().unwrap())
}

fn observe(watch: &mut StallWatch, reason: &str, warning: &str) {
    watch.observe_bootstrap_problem(Some(warning), Some(reason));
}

#[test]
fn nothing_said_is_no_answer() {
    assert_eq!(watch().cause(), StallCause::NoAnswer);
}

#[test]
fn refused_direct_connections_mean_blocked_and_through_bridges_unreachable_bridges() {
    let mut direct = watch();
    observe(&mut direct, "CONNECTREFUSED", "Connection refused");
    assert_eq!(direct.cause(), StallCause::Blocked);
    assert_eq!(direct.last_warning(), Some("Connection refused"));
    let mut bridged = watch();
    bridged.set_uses_bridges(true);
    observe(&mut bridged, "TIMEOUT", "Connection timed out");
    assert_eq!(bridged.cause(), StallCause::BridgesUnreachable);
}

#[test]
fn obfs4_bridge_failure_shows_only_as_a_warn_log() {
    // What tor 0.4.9 logs when obfs4proxy cannot reach the bridge (measured).
    let mut watch = watch();
    watch.set_uses_bridges(true);
    watch.observe_log(
        "WARN",
        "Proxy Client: unable to connect OR connection (handshaking (proxy)) with 127.0.0.1:1 ID=<none> RSA_ID=0123456789ABCDEF0123456789ABCDEF01234567 (\"general SOCKS server failure\")",
    );
    assert_eq!(watch.cause(), StallCause::BridgesUnreachable);
}

#[test]
fn dead_transport_program_is_named() {
    for message in [
        "Managed proxy \"/b/tor/pluggable_transports/obfs4proxy\" having PID 26360 terminated with status code 1",
        "Managed proxy at '/b/tor/pluggable_transports/obfs4proxy' died in state Launched",
    ] {
        let mut watch = watch();
        watch.observe_log("WARN", message);
        assert_eq!(
            watch.cause(),
            StallCause::TransportFailed(Some(Transport::Obfs4)),
            "{message}"
        );
    }
    let mut watch = watch();
    observe(&mut watch, "PT_MISSING", "No pluggable transport");
    assert_eq!(watch.cause(), StallCause::TransportFailed(None));
}

#[test]
fn snowflake_broker_failure_comes_as_a_notice() {
    let mut watch = watch();
    watch.set_uses_bridges(true);
    watch.observe_log(
        "NOTICE",
        "Managed proxy \"./pluggable_transports/snowflake-client\": broker failure dial tcp [scrubbed]: connect: connection refused",
    );
    assert_eq!(watch.cause(), StallCause::SnowflakeBroker);
    // Its own notices are not "warnings" to show.
    assert_eq!(watch.last_warning(), None);
}

#[test]
fn clock_wins_and_reset_forgets() {
    let mut watch = watch();
    observe(&mut watch, "CONNECTREFUSED", "Connection refused");
    observe(&mut watch, "MISC", "Our clock is 3 hours behind");
    assert_eq!(watch.cause(), StallCause::Clock);
    watch.reset();
    assert_eq!(watch.cause(), StallCause::NoAnswer);
    // It still knows the programs after a reset.
    watch.observe_log(
        "WARN",
        "Managed proxy \"x/snowflake-client\" having PID 1 terminated with status code 2",
    );
    assert_eq!(
        watch.cause(),
        StallCause::TransportFailed(Some(Transport::Snowflake))
    );
}

#[test]
fn every_cause_says_something() {
    for cause in [
        StallCause::Clock,
        StallCause::TransportFailed(Some(Transport::Obfs4)),
        StallCause::TransportFailed(None),
        StallCause::SnowflakeBroker,
        StallCause::BridgesUnreachable,
        StallCause::Blocked,
        StallCause::NoAnswer,
    ] {
        assert!(cause.to_string().len() > 30);
    }
}
