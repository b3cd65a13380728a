use super::*;
use std::time::Duration;

#[test]
fn parses_with_and_without_closing_byte() {
    assert_eq!(
        parse("\x01ACTION waves\x01"),
        Some(Ctcp {
            command: "ACTION",
            args: "waves"
        })
    );
    assert_eq!(
        parse("\x01VERSION"),
        Some(Ctcp {
            command: "VERSION",
            args: ""
        })
    );
    assert_eq!(parse("plain"), None);
}

#[test]
fn answers_follow_the_design() {
    let now = UNIX_EPOCH + Duration::from_secs(1_795_698_309);
    let ask = |command| {
        handle_request(
            &Ctcp {
                command,
                args: "123",
            },
            now,
        )
    };
    assert_eq!(ask("PING"), CtcpAction::Ignore);
    assert_eq!(ask("CLIENTINFO"), CtcpAction::Ignore);
    assert_eq!(ask("USERINFO"), CtcpAction::Ignore);
    assert_eq!(ask("DCC"), CtcpAction::RefuseDcc);
    assert_eq!(
        ask("version"),
        CtcpAction::Reply(format!("\x01VERSION {CTCP_VERSION_REPLY}\x01"))
    );
    assert_eq!(
        ask("TIME"),
        CtcpAction::Reply("\x01TIME Thu, 26 Nov 2026 13:05:09 +0000\x01".to_owned())
    );
}

#[test]
fn utc_dates_are_right() {
    assert_eq!(utc_time(UNIX_EPOCH), "Thu, 01 Jan 1970 00:00:00 +0000");
    assert_eq!(
        utc_time(UNIX_EPOCH + Duration::from_secs(951_782_400)),
        "Tue, 29 Feb 2000 00:00:00 +0000"
    );
}
