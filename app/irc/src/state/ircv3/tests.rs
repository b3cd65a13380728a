use std::time::{Duration, UNIX_EPOCH};

use messenger_protocol::{Command, Conversation, Event, MessageKind, OutgoingId};

use crate::state::{IrcState, IrcStateConfig, Output};

fn registered(caps: &str) -> IrcState {
    let mut config = IrcStateConfig::new("bob");
    config.secure_link = true;
    let mut s = IrcState::new(config);
    s.start();
    s.handle_text(&format!(":srv CAP * LS :{caps}"), UNIX_EPOCH);
    s.handle_text(&format!(":srv CAP * ACK :{caps}"), UNIX_EPOCH);
    s.handle_text(":srv 001 bob :Welcome", UNIX_EPOCH);
    s
}

fn events(outputs: &[Output]) -> Vec<Event> {
    outputs
        .iter()
        .filter_map(|o| match o {
            Output::Event(e) => Some(e.clone()),
            _ => None,
        })
        .collect()
}

fn send(s: &mut IrcState, to: &str, body: &str, id: u64) -> Vec<String> {
    s.command(&Command::Send {
        to: Conversation::Room(to.into()),
        body: body.into(),
        kind: MessageKind::Normal,
        id: OutgoingId(id),
    })
    .into_iter()
    .filter_map(|o| match o {
        Output::Send { line, .. } => Some(line),
        _ => None,
    })
    .collect()
}

#[test]
fn echo_message_marks_delivered_and_is_not_shown_again() {
    let mut s = registered("echo-message server-time");
    assert_eq!(send(&mut s, "#tor", "hello", 3), vec!["PRIVMSG #tor hello"]);
    let out = s.handle_text(
        "@time=2026-01-02T03:04:05.000Z :bob!u@h PRIVMSG #tor hello",
        UNIX_EPOCH,
    );
    assert_eq!(events(&out), vec![Event::Delivered { id: OutgoingId(3) }]);
    // Someone else's message is shown, at the server's time.
    let out = s.handle_text(
        "@time=2026-01-02T03:04:05.250Z :alice!u@h PRIVMSG #tor :hi bob",
        UNIX_EPOCH + Duration::from_secs(1_767_400_000),
    );
    match &events(&out)[0] {
        Event::Message(m) => {
            let at = m.received.duration_since(UNIX_EPOCH).unwrap();
            assert_eq!(at, Duration::from_millis(1_767_323_045_250));
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_long_message_is_delivered_by_its_last_lines_echo_and_labels_are_used() {
    let mut s = registered("echo-message labeled-response batch");
    let lines = send(&mut s, "#tor", "one\ntwo", 9);
    assert_eq!(lines[0], "PRIVMSG #tor one");
    assert!(lines[1].starts_with("@label=tm") && lines[1].ends_with(" PRIVMSG #tor two"));
    let label = lines[1][7..lines[1].find(' ').unwrap()].to_owned();
    assert!(events(&s.handle_text(":bob!u@h PRIVMSG #tor one", UNIX_EPOCH)).is_empty());
    let out = s.handle_text(
        &format!("@label={label} :bob!u@h PRIVMSG #tor two"),
        UNIX_EPOCH,
    );
    assert_eq!(events(&out), vec![Event::Delivered { id: OutgoingId(9) }]);
}

#[test]
fn labeled_response_without_echo_counts_the_ack() {
    let mut s = registered("labeled-response batch");
    let lines = send(&mut s, "#tor", "x", 5);
    let label = lines[0][7..lines[0].find(' ').unwrap()].to_owned();
    let out = s.handle_text(&format!("@label={label} :srv ACK"), UNIX_EPOCH);
    assert_eq!(events(&out), vec![Event::Delivered { id: OutgoingId(5) }]);
}

#[test]
fn without_echo_message_nothing_is_tracked_or_labelled() {
    let mut s = registered("server-time");
    assert_eq!(send(&mut s, "#tor", "plain", 1), vec!["PRIVMSG #tor plain"]);
    // Our own nick's message without echo-message is whatever the server relays.
    let out = s.handle_text(":bob!u@h PRIVMSG #tor :plain", UNIX_EPOCH);
    assert!(!events(&out).contains(&Event::Delivered { id: OutgoingId(1) }));
}

#[test]
fn account_notify_extended_join_userhost_in_names_and_invites() {
    let mut s = registered(
        "account-notify extended-join userhost-in-names multi-prefix chghost invite-notify",
    );
    let out = s.handle_text(":alice!u@h JOIN #tor alice_acct :Alice", UNIX_EPOCH);
    assert!(events(&out).contains(&Event::AccountName {
        member: "alice".into(),
        account: Some("alice_acct".into())
    }));
    let out = s.handle_text(":carol!u@h JOIN #tor * :Carol", UNIX_EPOCH);
    assert!(events(&out).contains(&Event::AccountName {
        member: "carol".into(),
        account: None
    }));
    let out = s.handle_text(":carol!u@h ACCOUNT carol_acct", UNIX_EPOCH);
    assert_eq!(
        events(&out),
        vec![Event::AccountName {
            member: "carol".into(),
            account: Some("carol_acct".into())
        }]
    );
    assert!(
        s.handle_text(":carol!u@h CHGHOST newuser new.host", UNIX_EPOCH)
            .is_empty()
    );
    s.handle_text(
        ":srv 353 bob = #tor :@+alice!u@h carol!c@h bob!b@h",
        UNIX_EPOCH,
    );
    let out = s.handle_text(":srv 366 bob #tor :End", UNIX_EPOCH);
    assert_eq!(
        events(&out),
        vec![Event::Members {
            room: "#tor".into(),
            members: vec!["alice".into(), "bob".into(), "carol".into()]
        }]
    );
    let out = s.handle_text(":alice!u@h INVITE bob #secret", UNIX_EPOCH);
    match &events(&out)[0] {
        Event::Message(m) => {
            assert_eq!(m.kind, MessageKind::Notice);
            assert!(m.body.contains("#secret"));
        }
        other => panic!("{other:?}"),
    }
    assert!(
        s.handle_text(":alice!u@h INVITE dave #secret", UNIX_EPOCH)
            .is_empty()
    );
}
