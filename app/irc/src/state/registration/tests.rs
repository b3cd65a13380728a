use std::time::UNIX_EPOCH;

use messenger_net::Sensitive;
use messenger_protocol::accounts::SaslChoice;
use messenger_protocol::{DisconnectReason, Event};

use crate::state::{IrcState, IrcStateConfig, Output};

fn session(password: Option<&str>, secure: bool, sasl: SaslChoice) -> IrcState {
    let mut config = IrcStateConfig::new("bob");
    config.password = password.map(|p| Sensitive::new(p.to_owned()));
    config.secure_link = secure;
    config.sasl = sasl;
    let mut state = IrcState::new(config);
    state.start();
    state
}

fn feed(state: &mut IrcState, line: &str) -> Vec<Output> {
    state.handle_text(line, UNIX_EPOCH)
}

fn urgent(outputs: &[Output]) -> Vec<String> {
    outputs
        .iter()
        .filter_map(|o| match o {
            Output::Urgent(line) => Some(line.clone()),
            _ => None,
        })
        .collect()
}

fn fatal(outputs: &[Output]) -> Option<String> {
    outputs.iter().find_map(|o| match o {
        Output::Fatal(DisconnectReason::AuthenticationFailed(text))
        | Output::Fatal(DisconnectReason::ConnectionLost(text)) => Some(text.clone()),
        _ => None,
    })
}

#[test]
fn multi_line_ls_then_requests_then_cap_end_after_every_answer() {
    let mut s = session(None, true, SaslChoice::Automatic);
    assert!(urgent(&feed(&mut s, ":srv CAP * LS * :multi-prefix server-time")).is_empty());
    let out = feed(&mut s, ":srv CAP * LS :echo-message away-notify typing");
    assert_eq!(
        urgent(&out),
        vec!["CAP REQ :server-time echo-message multi-prefix"]
    );
    assert_eq!(
        urgent(&feed(
            &mut s,
            ":srv CAP * ACK :server-time echo-message multi-prefix"
        )),
        vec!["CAP END"]
    );
    assert!(s.capability_enabled("echo-message"));
    assert!(!s.capability_enabled("away-notify"));
}

#[test]
fn cap_end_is_sent_when_nothing_is_wanted_and_after_a_nak() {
    let mut s = session(None, true, SaslChoice::Automatic);
    assert_eq!(
        urgent(&feed(&mut s, ":srv CAP * LS :away-notify")),
        vec!["CAP END"]
    );
    let mut s = session(None, true, SaslChoice::Automatic);
    feed(&mut s, ":srv CAP * LS :server-time");
    assert_eq!(
        urgent(&feed(&mut s, ":srv CAP * NAK :server-time")),
        vec!["CAP END"]
    );
}

#[test]
fn an_endless_cap_ls_ends_the_attempt_with_cap_end() {
    let mut s = session(None, true, SaslChoice::Automatic);
    let mut last = Vec::new();
    for _ in 0..100 {
        last = feed(&mut s, ":srv CAP * LS * :a b c d");
        if fatal(&last).is_some() {
            break;
        }
    }
    assert_eq!(urgent(&last), vec!["CAP END"]);
    assert!(fatal(&last).unwrap().contains("endless list"));
}

#[test]
fn external_then_plain_in_automatic_order_with_the_servers_reason() {
    let mut config = IrcStateConfig::new("bob");
    config.password = Some(Sensitive::new("pw".to_owned()));
    config.secure_link = true;
    config.certificate = true;
    let mut s = IrcState::new(config);
    s.start();
    feed(&mut s, ":srv CAP * LS :sasl=PLAIN,EXTERNAL");
    assert_eq!(
        urgent(&feed(&mut s, ":srv CAP * ACK :sasl")),
        vec!["AUTHENTICATE EXTERNAL"]
    );
    assert!(s.sasl_in_progress());
    assert_eq!(
        urgent(&feed(&mut s, "AUTHENTICATE +")),
        vec!["AUTHENTICATE +"]
    );
    // The certificate is not registered: PLAIN next, in the same connection.
    assert_eq!(
        urgent(&feed(&mut s, ":srv 904 bob :SASL authentication failed")),
        vec!["AUTHENTICATE PLAIN"]
    );
    feed(&mut s, "AUTHENTICATE +");
    let out = feed(&mut s, ":srv 904 bob :Invalid password for bob");
    assert_eq!(urgent(&out), vec!["CAP END"]);
    let reason = fatal(&out).unwrap();
    assert!(reason.contains("Invalid password for bob"), "{reason}");
    assert!(!s.sasl_in_progress());
}

#[test]
fn sasl_success_logs_in_and_reports_the_account() {
    let mut s = session(Some("pw"), true, SaslChoice::Plain);
    feed(&mut s, ":srv CAP * LS :sasl");
    feed(&mut s, ":srv CAP * ACK :sasl");
    feed(&mut s, "AUTHENTICATE +");
    let out = feed(
        &mut s,
        ":srv 900 bob bob!user@host bobaccount :You are now logged in as bobaccount",
    );
    assert!(out.contains(&Output::Event(Event::AccountName {
        member: "bob".into(),
        account: Some("bobaccount".into())
    })));
    assert_eq!(
        urgent(&feed(
            &mut s,
            ":srv 903 bob :SASL authentication successful"
        )),
        vec!["CAP END"]
    );
    assert!(urgent(&feed(&mut s, ":srv 001 bob :Welcome")).is_empty());
}

#[test]
fn a_success_before_the_exchange_finished_is_not_believed() {
    let mut s = session(Some("pw"), true, SaslChoice::Plain);
    feed(&mut s, ":srv CAP * LS :sasl");
    feed(&mut s, ":srv CAP * ACK :sasl");
    let out = feed(&mut s, ":srv 903 bob :SASL authentication successful");
    assert!(
        fatal(&out)
            .unwrap()
            .contains("before the login was complete")
    );
}

#[test]
fn sasl_errors_905_906_902_and_too_long_lines() {
    for (line, expected) in [
        (":srv 905 bob :Message too long", "too long"),
        (":srv 906 bob :SASL authentication aborted", "aborted"),
        (
            ":srv 902 bob :You must use a nick assigned to you",
            "cannot be used",
        ),
    ] {
        let mut s = session(Some("pw"), true, SaslChoice::Plain);
        feed(&mut s, ":srv CAP * LS :sasl");
        feed(&mut s, ":srv CAP * ACK :sasl");
        let out = feed(&mut s, line);
        assert_eq!(urgent(&out), vec!["CAP END"], "{line}");
        assert!(fatal(&out).unwrap().contains(expected), "{line}");
    }
    let mut s = session(Some("pw"), true, SaslChoice::Plain);
    feed(&mut s, ":srv CAP * LS :sasl");
    feed(&mut s, ":srv CAP * ACK :sasl");
    let out = feed(&mut s, &format!("AUTHENTICATE {}", "A".repeat(500)));
    assert_eq!(urgent(&out), vec!["AUTHENTICATE *", "CAP END"]);
    assert!(fatal(&out).unwrap().contains("500 bytes"));
    // The server's 906 answering our abort adds nothing.
    assert!(feed(&mut s, ":srv 906 bob :aborted").is_empty());
}

#[test]
fn rpl_saslmechs_narrows_the_candidates() {
    let mut config = IrcStateConfig::new("bob");
    config.password = Some(Sensitive::new("pw".to_owned()));
    config.secure_link = true;
    config.certificate = true;
    let mut s = IrcState::new(config);
    s.start();
    // sasl-3.1: no list; EXTERNAL first, then PLAIN.
    feed(&mut s, ":srv CAP * LS :sasl");
    feed(&mut s, ":srv CAP * ACK :sasl");
    feed(
        &mut s,
        ":srv 908 bob EXTERNAL :are available SASL mechanisms",
    );
    let out = feed(&mut s, ":srv 904 bob :SASL authentication failed");
    assert!(fatal(&out).is_some(), "PLAIN is not offered: no second try");
}

#[test]
fn an_explicit_mechanism_the_server_lacks_is_refused_before_anything_is_sent() {
    let mut s = session(Some("pw"), true, SaslChoice::ScramSha256);
    let out = feed(&mut s, ":srv CAP * LS :sasl=PLAIN,EXTERNAL");
    assert_eq!(urgent(&out), vec!["CAP END"]);
    assert!(
        fatal(&out)
            .unwrap()
            .contains("does not offer SCRAM-SHA-256")
    );
    let mut s = session(Some("pw"), true, SaslChoice::External);
    let out = feed(&mut s, ":srv CAP * LS :server-time");
    assert!(fatal(&out).unwrap().contains("offers no SASL"));
}

#[test]
fn no_password_in_the_clear_on_an_unencrypted_link() {
    let mut s = session(Some("pw"), false, SaslChoice::Automatic);
    // PLAIN offered but refused on this link; no SASL at all then.
    assert_eq!(
        urgent(&feed(&mut s, ":srv CAP * LS :sasl=PLAIN")),
        vec!["CAP END"]
    );
    let out = feed(&mut s, ":srv 001 bob :Welcome");
    assert!(urgent(&out).is_empty(), "no NickServ IDENTIFY: {out:?}");
    assert!(out.iter().any(
        |o| matches!(o, Output::Event(Event::Error(text)) if text.contains("not sent to NickServ"))
    ));
    // An explicit PLAIN is refused outright.
    let mut s = session(Some("pw"), false, SaslChoice::Plain);
    let out = feed(&mut s, ":srv CAP * LS :sasl=PLAIN");
    assert!(fatal(&out).unwrap().contains("unencrypted"));
}

#[test]
fn a_network_that_requires_sasl_is_understood() {
    let mut s = session(None, true, SaslChoice::Automatic);
    feed(&mut s, ":srv CAP * LS :server-time");
    feed(
        &mut s,
        ":srv NOTICE * :*** Notice -- You need to identify via SASL to use this server",
    );
    let out = feed(&mut s, "ERROR :Closing Link: 127.0.0.1 (SASL access only)");
    assert!(fatal(&out).unwrap().contains("only with a SASL login"));
    // After registration an ERROR is just the end of the connection.
    let mut s = session(None, true, SaslChoice::Automatic);
    feed(&mut s, ":srv 001 bob :Welcome");
    assert!(fatal(&feed(&mut s, "ERROR :Closing Link (SASL)")).is_none());
}

#[test]
fn cap_new_and_del_after_registration() {
    let mut s = session(None, true, SaslChoice::Automatic);
    feed(&mut s, ":srv CAP * LS :server-time");
    feed(&mut s, ":srv CAP * ACK :server-time");
    feed(&mut s, ":srv 001 bob :Welcome");
    assert_eq!(
        urgent(&feed(&mut s, ":srv CAP bob NEW :echo-message sasl")),
        vec!["CAP REQ echo-message"]
    );
    feed(&mut s, ":srv CAP bob ACK :echo-message");
    assert!(s.capability_enabled("echo-message"));
    feed(&mut s, ":srv CAP bob DEL :echo-message");
    assert!(!s.capability_enabled("echo-message"));
}
