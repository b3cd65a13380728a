use super::*;
use std::time::UNIX_EPOCH;

fn session(password: Option<&str>) -> IrcState {
    let mut config = IrcStateConfig::new("bob");
    config.password = password.map(|p| Sensitive::new(p.to_owned()));
    config.secure_link = true;
    IrcState::new(config)
}

fn urgent_lines(outputs: &[Output]) -> Vec<String> {
    outputs
        .iter()
        .filter_map(|o| match o {
            Output::Urgent(line) => Some(line.clone()),
            _ => None,
        })
        .collect()
}

fn queued_lines(outputs: &[Output]) -> Vec<String> {
    outputs
        .iter()
        .filter_map(|o| match o {
            Output::Send { line, .. } => Some(line.clone()),
            _ => None,
        })
        .collect()
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

fn feed(session: &mut IrcState, line: &str) -> Vec<Output> {
    session.handle_text(line, UNIX_EPOCH)
}

#[test]
fn registers_with_neutral_names_and_always_negotiates_capabilities() {
    let mut s = session(None);
    assert_eq!(
        urgent_lines(&s.start()),
        vec!["CAP LS 302", "NICK bob", "USER user 0 * user"]
    );
    let out = feed(&mut s, ":irc.test 001 bob_ :Welcome");
    assert_eq!(
        events(&out),
        vec![Event::Connected {
            own_name: "bob_".to_owned()
        }]
    );
    assert!(s.is_registered());
    assert_eq!(IrcState::quit_line(), "QUIT Leaving");
}

#[test]
fn sasl_plain_flow() {
    let mut s = session(Some("pw"));
    assert_eq!(
        urgent_lines(&s.start()),
        vec!["CAP LS 302", "NICK bob", "USER user 0 * user"]
    );
    assert_eq!(
        urgent_lines(&feed(
            &mut s,
            ":srv CAP * LS :multi-prefix sasl=PLAIN,EXTERNAL"
        )),
        vec!["CAP REQ sasl", "CAP REQ multi-prefix"]
    );
    assert!(urgent_lines(&feed(&mut s, ":srv CAP * ACK :multi-prefix")).is_empty());
    assert_eq!(
        urgent_lines(&feed(&mut s, ":srv CAP * ACK :sasl")),
        vec!["AUTHENTICATE PLAIN"]
    );
    assert_eq!(
        urgent_lines(&feed(&mut s, "AUTHENTICATE +")),
        vec!["AUTHENTICATE Ym9iAGJvYgBwdw=="]
    );
    assert_eq!(
        urgent_lines(&feed(
            &mut s,
            ":srv 903 bob :SASL authentication successful"
        )),
        vec!["CAP END"]
    );
    // No NickServ identify after a SASL login.
    let out = feed(&mut s, ":srv 001 bob :Welcome");
    assert!(urgent_lines(&out).is_empty());
}

#[test]
fn sasl_failure_is_fatal_and_not_retried() {
    let mut s = session(Some("wrong"));
    s.start();
    feed(&mut s, ":srv CAP * LS :sasl");
    feed(&mut s, ":srv CAP * ACK :sasl");
    feed(&mut s, "AUTHENTICATE +");
    let out = feed(&mut s, ":srv 904 bob :SASL authentication failed");
    assert_eq!(urgent_lines(&out), vec!["CAP END"]);
    assert!(matches!(
        out.last(),
        Some(Output::Fatal(DisconnectReason::AuthenticationFailed(text)))
            if text.contains("SASL authentication failed")
    ));
    // Never a NickServ password afterwards.
    let out = feed(&mut s, ":srv 001 bob :Welcome");
    assert!(urgent_lines(&out).is_empty());
}

#[test]
fn nickserv_fallback_when_sasl_not_offered() {
    let mut s = session(Some("pw"));
    s.start();
    assert_eq!(
        urgent_lines(&feed(&mut s, ":srv CAP * LS :multi-prefix")),
        vec!["CAP REQ multi-prefix"]
    );
    assert_eq!(
        urgent_lines(&feed(&mut s, ":srv CAP * ACK :multi-prefix")),
        vec!["CAP END"]
    );
    let out = feed(&mut s, ":srv 001 bob :Welcome");
    assert_eq!(urgent_lines(&out), vec!["PRIVMSG NickServ :IDENTIFY pw"]);
}

#[test]
fn old_server_without_cap_still_registers() {
    let mut s = session(Some("pw"));
    s.start();
    assert!(feed(&mut s, ":srv 421 * CAP :Unknown command").is_empty());
    assert!(matches!(
        events(&feed(&mut s, ":srv 001 bob :hi"))[0],
        Event::Connected { .. }
    ));
}

#[test]
fn nick_in_use_during_registration_tries_another() {
    let mut s = session(None);
    s.start();
    let out = feed(&mut s, ":srv 433 * bob :Nickname is already in use");
    assert_eq!(urgent_lines(&out), vec!["NICK bob1"]);
    for _ in 0..4 {
        feed(&mut s, ":srv 433 * bob :in use");
    }
    assert!(matches!(
        feed(&mut s, ":srv 433 * bob :in use").last(),
        Some(Output::Fatal(_))
    ));
}

#[test]
fn ping_is_answered_at_once() {
    let mut s = session(None);
    assert_eq!(
        urgent_lines(&feed(&mut s, "PING :abc123")),
        vec!["PONG abc123"]
    );
}

#[test]
fn messages_map_to_rooms_and_queries_with_formatting_removed() {
    let mut s = session(None);
    feed(&mut s, ":srv 001 bob :hi");
    let out = feed(&mut s, ":alice!~u@h PRIVMSG #tor :\x02hello\x02 \x0304all");
    match &events(&out)[0] {
        Event::Message(m) => {
            assert_eq!(m.from, "alice");
            assert_eq!(m.conversation, Conversation::Room("#tor".into()));
            assert_eq!(m.body, "hello all");
            assert_eq!(m.kind, MessageKind::Normal);
        }
        other => panic!("{other:?}"),
    }
    let out = feed(&mut s, ":alice!~u@h PRIVMSG bob :psst");
    match &events(&out)[0] {
        Event::Message(m) => assert_eq!(m.conversation, Conversation::Direct("alice".into())),
        other => panic!("{other:?}"),
    }
    let out = feed(&mut s, ":alice!~u@h NOTICE bob :note");
    match &events(&out)[0] {
        Event::Message(m) => assert_eq!(m.kind, MessageKind::Notice),
        other => panic!("{other:?}"),
    }
    let out = feed(&mut s, ":alice!~u@h PRIVMSG #tor :\x01ACTION waves\x01");
    match &events(&out)[0] {
        Event::Message(m) => {
            assert_eq!(m.kind, MessageKind::Action);
            assert_eq!(m.body, "waves");
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn ctcp_answers_follow_the_design() {
    let mut s = session(None);
    feed(&mut s, ":srv 001 bob :hi");
    assert!(feed(&mut s, ":eve!u@h PRIVMSG bob :\x01PING 12345\x01").is_empty());
    assert!(feed(&mut s, ":eve!u@h PRIVMSG bob :\x01CLIENTINFO\x01").is_empty());
    assert!(feed(&mut s, ":eve!u@h PRIVMSG bob :\x01SOURCE\x01").is_empty());
    assert_eq!(
        queued_lines(&feed(&mut s, ":eve!u@h PRIVMSG bob :\x01VERSION\x01")),
        vec![format!(
            "NOTICE eve :\x01VERSION {}\x01",
            ctcp::CTCP_VERSION_REPLY
        )]
    );
    let time = queued_lines(&feed(&mut s, ":eve!u@h PRIVMSG bob :\x01TIME\x01"));
    assert_eq!(
        time,
        vec!["NOTICE eve :\x01TIME Thu, 01 Jan 1970 00:00:00 +0000\x01"]
    );
    let dcc = feed(
        &mut s,
        ":eve!u@h PRIVMSG bob :\x01DCC SEND f 2130706433 5000 10\x01",
    );
    assert!(queued_lines(&dcc).is_empty() && urgent_lines(&dcc).is_empty());
    assert!(matches!(&events(&dcc)[0], Event::Error(text) if text.contains("refused")));
    // CTCP in a NOTICE is never answered.
    assert!(feed(&mut s, ":eve!u@h NOTICE bob :\x01VERSION\x01").is_empty());
}

#[test]
fn names_join_part_quit_nick_and_topic() {
    let mut s = session(None);
    feed(&mut s, ":srv 001 bob :hi");
    feed(&mut s, ":bob!u@h JOIN #tor");
    feed(&mut s, ":srv 353 bob = #tor :@alice +carol bob");
    let out = feed(&mut s, ":srv 366 bob #tor :End of NAMES list");
    assert_eq!(
        events(&out),
        vec![Event::Members {
            room: "#tor".into(),
            members: vec!["alice".into(), "bob".into(), "carol".into()]
        }]
    );
    let out = feed(&mut s, ":srv 332 bob #tor :the \x02topic");
    assert_eq!(
        events(&out),
        vec![Event::Topic {
            room: "#tor".into(),
            topic: "the topic".into()
        }]
    );
    let out = feed(&mut s, ":carol!u@h QUIT :bye");
    assert!(events(&out).contains(&Event::Left {
        room: "#tor".into(),
        member: "carol".into()
    }));
    let out = feed(&mut s, ":bob!u@h NICK :robert");
    assert_eq!(
        events(&out),
        vec![Event::NickChanged {
            old: "bob".into(),
            new: "robert".into()
        }]
    );
    assert_eq!(s.nick(), "robert");
    let out = feed(&mut s, ":alice!u@h PART #tor :later");
    assert_eq!(
        events(&out),
        vec![Event::Left {
            room: "#tor".into(),
            member: "alice".into()
        }]
    );
}

#[test]
fn long_message_is_split_into_fitting_lines_ending_with_its_id() {
    let mut s = session(None);
    feed(&mut s, ":srv 001 bob :hi");
    let body: String = "é".repeat(1000);
    let out = s.command(&Command::Send {
        to: Conversation::Room("#tor".into()),
        body: body.clone(),
        kind: MessageKind::Normal,
        id: OutgoingId(7),
    });
    let lines = queued_lines(&out);
    assert!(lines.len() >= 4);
    let mut rebuilt = String::new();
    for line in &lines {
        // The line as relayed: ":bob!~user@<63-byte host> " + line + CR LF.
        assert!(1 + 3 + 1 + 10 + 1 + 63 + 1 + line.len() + 2 <= 512);
        let text = line.strip_prefix("PRIVMSG #tor ").unwrap();
        rebuilt.push_str(text.strip_prefix(':').unwrap_or(text));
    }
    assert_eq!(rebuilt, body);
    assert!(matches!(
        out.last(),
        Some(Output::Send {
            completes: Some(OutgoingId(7)),
            ..
        })
    ));
}

#[test]
fn outgoing_text_cannot_inject_commands() {
    let mut s = session(None);
    feed(&mut s, ":srv 001 bob :hi");
    let out = s.command(&Command::Send {
        to: Conversation::Direct("alice".into()),
        body: "one\r\nQUIT :x".into(),
        kind: MessageKind::Action,
        id: OutgoingId(1),
    });
    assert_eq!(
        queued_lines(&out),
        vec![
            "PRIVMSG alice :\x01ACTION one\x01",
            "PRIVMSG alice :\x01ACTION QUIT :x\x01"
        ]
    );
    let out = s.command(&Command::Send {
        to: Conversation::Direct("alice bob".into()),
        body: "x".into(),
        kind: MessageKind::Normal,
        id: OutgoingId(2),
    });
    assert!(matches!(
        &out[0],
        Output::Event(Event::SendFailed {
            id: OutgoingId(2),
            ..
        })
    ));
    let out = s.command(&Command::Join {
        room: "#a,#b".into(),
        password: None,
    });
    assert!(matches!(&out[0], Output::Event(Event::Error(_))));
}

#[test]
fn garbage_lines_are_ignored_without_panic() {
    let mut s = session(Some("pw"));
    s.start();
    for line in [
        "",
        ":",
        ": :",
        "::::",
        "@",
        "@a=b",
        ":x 353",
        ":x 366",
        "PRIVMSG",
        ":a PRIVMSG",
        ":a!b@c PRIVMSG #x",
        "CAP",
        "AUTHENTICATE",
        ":s MODE #a +kkkkk",
        "\u{1}\u{1}",
    ] {
        let _ = feed(&mut s, line);
    }
    // After registration, incomplete messages produce no events either.
    feed(&mut s, ":srv 001 bob :hi");
    for line in ["PRIVMSG", "PRIVMSG bob", ":a!b@c PRIVMSG bob", "NOTICE :x"] {
        assert!(events(&feed(&mut s, line)).is_empty(), "{line}");
    }
}
