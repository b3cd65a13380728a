use super::*;
use messenger_protocol::IncomingMessage;

fn message(from: &str, conversation: Conversation, body: &str) -> Event {
    Event::Message(IncomingMessage {
        from: from.into(),
        conversation,
        body: body.into(),
        kind: MessageKind::Normal,
        received: SystemTime::now(),
    })
}

#[test]
fn accounts_start_offline_and_follow_events() {
    let mut model = Model::new();
    let oftc = model.add_account("OFTC", ProtocolKind::Irc);
    assert_eq!(model.account(oftc).unwrap().state, AccountState::Offline);
    model.apply(oftc, Event::Connecting, false);
    assert_eq!(model.account(oftc).unwrap().state, AccountState::Connecting);
    model.apply(
        oftc,
        Event::Connected {
            own_name: "me".into(),
        },
        false,
    );
    assert!(matches!(
        model.account(oftc).unwrap().state,
        AccountState::Online { .. }
    ));
    let lost = DisconnectReason::ConnectionLost("reset".into());
    model.apply(
        oftc,
        Event::Disconnected {
            reason: lost,
            retry_in: Some(Duration::from_secs(5)),
        },
        false,
    );
    assert!(matches!(
        model.account(oftc).unwrap().state,
        AccountState::Reconnecting { .. }
    ));
    let refused = DisconnectReason::TlsRefused("pin".into());
    model.apply(
        oftc,
        Event::Disconnected {
            reason: refused,
            retry_in: None,
        },
        false,
    );
    assert!(matches!(
        model.account(oftc).unwrap().state,
        AccountState::Failed { .. }
    ));
    model.apply(
        oftc,
        Event::Disconnected {
            reason: DisconnectReason::UserRequest,
            retry_in: None,
        },
        false,
    );
    assert_eq!(model.account(oftc).unwrap().state, AccountState::Offline);
}

#[test]
fn a_private_message_opens_a_conversation_and_counts_unread() {
    let mut model = Model::new();
    let account = model.add_account("x", ProtocolKind::Xmpp);
    let alice = Conversation::Direct("alice@xmpp.test".into());
    model.apply(
        account,
        message("alice@xmpp.test/r", alice.clone(), "one"),
        true,
    );
    model.apply(
        account,
        message("alice@xmpp.test/r", alice.clone(), "two"),
        true,
    );
    let id = model.find(account, &alice).unwrap();
    let conversation = model.conversation(id).unwrap();
    assert_eq!(conversation.unread, 2);
    assert_eq!(conversation.log.len(), 2);
    assert!(
        conversation
            .log
            .get(0)
            .unwrap()
            .flags
            .contains(MessageFlags::ENCRYPTED)
    );
    model.activate(id);
    assert_eq!(model.conversation(id).unwrap().unread, 0);
    model.apply(account, message("alice@xmpp.test/r", alice, "three"), false);
    assert_eq!(
        model.conversation(id).unwrap().unread,
        0,
        "the shown one stays read"
    );
}

#[test]
fn sent_and_failed_reach_the_right_message() {
    let mut model = Model::new();
    let account = model.add_account("x", ProtocolKind::Irc);
    let id = model.open(account, Conversation::Direct("bob".into()));
    model.record_outgoing(id, OutgoingId(1), "hello", MessageKind::Normal);
    model.record_outgoing(id, OutgoingId(2), "are you there", MessageKind::Normal);
    model.apply(account, Event::Sent { id: OutgoingId(1) }, false);
    model.apply(
        account,
        Event::SendFailed {
            id: OutgoingId(2),
            reason: "offline".into(),
        },
        false,
    );
    let log = &model.conversation(id).unwrap().log;
    assert!(!log.get(0).unwrap().flags.contains(MessageFlags::PENDING));
    assert!(log.get(1).unwrap().flags.contains(MessageFlags::FAILED));
    assert_eq!(
        log.get(1).unwrap().text,
        "are you there",
        "the typed text, not ciphertext"
    );
}

#[test]
fn members_stay_sorted_through_joins_parts_and_nick_changes() {
    let mut model = Model::new();
    let account = model.add_account("x", ProtocolKind::Irc);
    let room = "#tor".to_string();
    model.apply(
        account,
        Event::Members {
            room: room.clone(),
            members: vec!["zed".into(), "Amy".into(), "bob".into()],
        },
        false,
    );
    model.apply(
        account,
        Event::Joined {
            room: room.clone(),
            member: "carl".into(),
        },
        false,
    );
    model.apply(
        account,
        Event::Joined {
            room: room.clone(),
            member: "carl".into(),
        },
        false,
    );
    model.apply(
        account,
        Event::Left {
            room: room.clone(),
            member: "zed".into(),
        },
        false,
    );
    model.apply(
        account,
        Event::NickChanged {
            old: "bob".into(),
            new: "rob".into(),
        },
        false,
    );
    model.apply(
        account,
        Event::Topic {
            room: room.clone(),
            topic: "privacy".into(),
        },
        false,
    );
    let id = model.find(account, &Conversation::Room(room)).unwrap();
    let conversation = model.conversation(id).unwrap();
    assert_eq!(conversation.members, ["Amy", "rob", "carl"]);
    assert_eq!(conversation.topic.as_deref(), Some("privacy"));
}

#[test]
fn otr_changes_are_noted_once() {
    let mut model = Model::new();
    let account = model.add_account("x", ProtocolKind::Irc);
    let id = model.open(account, Conversation::Direct("bob".into()));
    model.set_otr_status(id, OtrStatus::Unverified, "private conversation started");
    model.set_otr_status(id, OtrStatus::Unverified, "private conversation started");
    let conversation = model.conversation(id).unwrap();
    assert_eq!(conversation.otr, OtrStatus::Unverified);
    assert_eq!(conversation.log.len(), 1);
    assert_eq!(conversation.log.get(0).unwrap().sender, Sender::System);
}

#[test]
fn presence_and_problems_are_kept_per_account() {
    let mut model = Model::new();
    let account = model.add_account("x", ProtocolKind::Xmpp);
    for (contact, available) in [("bob", true), ("alice", true), ("bob", false)] {
        model.apply(
            account,
            Event::Presence {
                contact: contact.into(),
                available,
            },
            false,
        );
    }
    let entry = model.account(account).unwrap();
    assert_eq!(
        entry.contacts,
        [("alice".to_string(), true), ("bob".to_string(), false)]
    );
    model.apply(account, Event::Error("nick in use".into()), false);
    assert_eq!(
        model.account(account).unwrap().last_error.as_deref(),
        Some("nick in use")
    );
    model.apply(
        account,
        Event::Connected {
            own_name: "me".into(),
        },
        false,
    );
    assert_eq!(model.account(account).unwrap().last_error, None);
}

#[test]
fn closing_forgets_messages_and_reopening_shows_the_tab_again() {
    let mut model = Model::new();
    let account = model.add_account("x", ProtocolKind::Irc);
    let bob = model.open(account, Conversation::Direct("bob".into()));
    let carol = model.open(account, Conversation::Direct("carol".into()));
    model.apply(
        account,
        message("bob", Conversation::Direct("bob".into()), "hi"),
        false,
    );
    model.activate(bob);
    model.close(bob);
    let closed = model.conversation(bob).unwrap();
    assert!(closed.closed && closed.log.is_empty());
    assert_eq!(model.active(), Some(carol), "another tab is shown");
    assert_eq!(model.open(account, Conversation::Direct("bob".into())), bob);
    assert!(!model.conversation(bob).unwrap().closed);
}

#[test]
fn removing_an_account_forgets_its_conversations_and_ignores_its_late_events() {
    let mut model = Model::new();
    let gone = model.add_account("gone", ProtocolKind::Irc);
    let kept = model.add_account("kept", ProtocolKind::Xmpp);
    let bob = Conversation::Direct("bob".into());
    model.apply(gone, message("bob", bob.clone(), "secret words"), false);
    model.apply(
        gone,
        Event::Members {
            room: "#tor".into(),
            members: vec!["bob".into()],
        },
        false,
    );
    let carol = Conversation::Direct("carol@xmpp.test".into());
    model.apply(
        kept,
        message("carol@xmpp.test/r", carol.clone(), "hi"),
        false,
    );
    let gone_chat = model.find(gone, &bob).unwrap();
    let kept_chat = model.find(kept, &carol).unwrap();
    model.activate(gone_chat);

    model.remove_account(gone);

    assert!(model.account(gone).is_none());
    assert_eq!(
        model.accounts().map(|(id, _)| id).collect::<Vec<_>>(),
        [kept]
    );
    assert!(model.conversation(gone_chat).is_none());
    assert_eq!(model.find(gone, &bob), None);
    assert!(model.conversations().all(|(_, c)| c.account == kept));
    assert_eq!(model.conversations().count(), 1);
    assert_eq!(model.active(), Some(kept_chat), "another tab is shown");
    // Events still on their way for the removed account bring nothing back.
    model.apply(gone, message("bob", bob.clone(), "late"), false);
    model.apply(gone, Event::Connecting, false);
    assert_eq!(model.conversations().count(), 1);
    assert!(model.account(gone).is_none());
    // The other account goes on; a new account gets a new id.
    model.apply(
        kept,
        message("carol@xmpp.test/r", carol, "still here"),
        false,
    );
    assert_eq!(model.conversation(kept_chat).unwrap().log.len(), 2);
    let new = model.add_account("new", ProtocolKind::Irc);
    assert_ne!(new, gone);
    model.remove_account(gone);
    model.remove_account(AccountId(99));
    assert_eq!(model.accounts().count(), 2);
}

#[test]
fn a_frozen_clock_stamps_typed_messages_and_notes() {
    let mut model = Model::new();
    let account = model.add_account("x", ProtocolKind::Irc);
    let id = model.open(account, Conversation::Direct("bob".into()));
    let at = SystemTime::UNIX_EPOCH + Duration::from_secs(1_700_000_000);
    model.freeze_clock(at);
    model.set_otr_status(id, OtrStatus::Unverified, "private");
    model.record_outgoing(id, OutgoingId(1), "hello", MessageKind::Normal);
    let log = &model.conversation(id).unwrap().log;
    assert_eq!(log.get(0).unwrap().time, at);
    assert_eq!(log.get(1).unwrap().time, at);
}

#[test]
fn who_is_logged_in_as_which_account_follows_the_events() {
    let mut model = Model::new();
    let account = model.add_account("x", ProtocolKind::Irc);
    let logged_in = |member: &str, name: Option<&str>| Event::AccountName {
        member: member.to_owned(),
        account: name.map(str::to_owned),
    };
    model.apply(account, logged_in("alice", Some("alice_acct")), false);
    model.apply(account, logged_in("bob", Some("bob")), false);
    model.apply(account, logged_in("bob", None), false);
    let entry = model.account(account).unwrap();
    assert_eq!(
        entry.logged_in.get("alice").map(String::as_str),
        Some("alice_acct")
    );
    assert!(!entry.logged_in.contains_key("bob"));
}
