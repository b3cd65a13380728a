//! Private IRC conversations through the session: OTR with python3-potr (an independent
//! implementation), and "require encryption" toward a peer without OTR.

use std::time::Duration;

use harness::Ngircd;
use harness::potr::PotrPeer;
use messenger_chat::{MessageFlags, Model, OtrStatus};
use messenger_net::TlsTrust;
use messenger_protocol::{Command, Conversation, MessageKind};
use messenger_session::{OtrPolicy, OtrRequest};

use crate::common::*;

#[test]
fn private_conversation_with_potr_shows_plaintext_and_sends_only_ciphertext() {
    let ngircd = Ngircd::start().unwrap();
    let mut potr = PotrPeer::start(ngircd.port(), "potr").unwrap();
    let profile = tempfile::tempdir().unwrap();
    let mut session = session(
        profile.path(),
        OtrPolicy::default(),
        network(TlsTrust::public_roots().unwrap()),
    );
    let mut model = Model::new();
    let account = session.add_account(&mut model, &irc_account(&ngircd, "alice"), "alice@irc.test");
    connect(&mut session, &mut model, account);

    // We start OTR; the conversation goes private (not verified: a new key).
    let chat = model.open(account, Conversation::Direct("potr".into()));
    assert!(session.otr_request(&mut model, chat, OtrRequest::Start));
    pump(
        &mut session,
        &mut model,
        "the conversation to go private",
        |m, _| m.conversation(chat).unwrap().otr == OtrStatus::Unverified,
    );
    potr.expect("potr private", WAIT, |e| {
        e.kind() == "state" && e.str("state") == Some("encrypted")
    })
    .unwrap();

    // Our text reaches potr decrypted, and it arrived encrypted.
    let typed = "meet me at the north gate at nine";
    session
        .send(&mut model, chat, typed.into(), MessageKind::Normal)
        .unwrap();
    assert_eq!(
        potr.expect_message("alice", WAIT).unwrap(),
        (typed.to_owned(), true)
    );

    // potr's reply shows as plaintext, marked encrypted.
    potr.send("alice", "the north gate, nine, understood")
        .unwrap();
    pump(&mut session, &mut model, "potr's reply", |m, _| {
        lines(m, chat)
            .iter()
            .any(|l| l.text == "the north gate, nine, understood")
    });
    // Garbage OTR data is never shown, only a note says something was dropped (once for
    // a burst); a damaged v2 data message too; the conversation goes on.
    potr.raw("alice", "?OTR:AAMDgarbage-that-is-not-otr.")
        .unwrap();
    potr.raw("alice", "?OTR:AAIDAAAAAAAAAAAAAAAAAAAA.").unwrap();
    potr.raw("alice", "?OTR:AAIDAAAAAAAAAAAAAAAAAAAA.").unwrap();
    potr.send("alice", "still here").unwrap();
    pump(
        &mut session,
        &mut model,
        "the message after the garbage",
        |m, _| lines(m, chat).iter().any(|l| l.text == "still here"),
    );
    let notes: Vec<String> = lines(&model, chat)
        .into_iter()
        .filter(|l| l.from.is_none() && !l.me)
        .map(|l| l.text)
        .collect();
    assert!(
        notes.iter().any(|n| n.contains("protocol version")),
        "{notes:#?}"
    );
    let damaged = notes
        .iter()
        .filter(|n| n.contains("damaged") || n.contains("could not be read"))
        .count();
    assert_eq!(damaged, 1, "one note for the burst: {notes:#?}");

    let log = lines(&model, chat);
    let reply = log
        .iter()
        .find(|l| l.text == "the north gate, nine, understood")
        .unwrap();
    assert_eq!(reply.from.as_deref(), Some("potr"));
    assert!(reply.flags.contains(MessageFlags::ENCRYPTED), "{reply:?}");

    // Our own entry is the text we typed, sent encrypted; nothing OTR-internal is shown.
    let ours: Vec<_> = log.iter().filter(|l| l.me).collect();
    assert_eq!(ours.len(), 1, "{log:#?}");
    assert_eq!(ours[0].text, typed);
    assert!(
        ours[0]
            .flags
            .contains(MessageFlags::OUTGOING.with(MessageFlags::ENCRYPTED)),
        "{log:#?}"
    );
    assert!(!ours[0].flags.contains(MessageFlags::FAILED), "{log:#?}");
    assert!(
        log.iter().all(|l| !l.text.contains("?OTR")),
        "OTR data shown: {log:#?}"
    );
    assert!(
        log.iter().filter(|l| l.text.contains(typed)).count() == 1,
        "{log:#?}"
    );
    // Everything potr received from us was OTR-encrypted: a plaintext body would have
    // arrived as a message with `encrypted: false`.
    assert!(
        potr.seen()
            .iter()
            .all(|e| !(e.kind() == "message" && e.bool("encrypted") == Some(false))),
        "{:?}",
        potr.seen()
    );
}

#[test]
fn require_encryption_never_sends_plaintext_to_a_peer_without_otr() {
    let ngircd = Ngircd::start().unwrap();
    let mut plain = RawIrc::connect(&ngircd, "plain");
    let profile = tempfile::tempdir().unwrap();
    let policy = OtrPolicy {
        require_encryption: true,
        // Short, so the held message is given up within the test.
        queue_timeout: Duration::from_secs(5),
        ..OtrPolicy::default()
    };
    let mut session = session(
        profile.path(),
        policy,
        network(TlsTrust::public_roots().unwrap()),
    );
    let mut model = Model::new();
    let account = session.add_account(&mut model, &irc_account(&ngircd, "alice"), "alice@irc.test");
    connect(&mut session, &mut model, account);

    // Rooms are never private: a room message goes out as typed, not held, even now.
    plain.send("JOIN #square");
    plain.expect(WAIT, |line| line.contains(" 366 ")).unwrap();
    assert!(session.command(
        &mut model,
        account,
        Command::Join {
            room: "#square".into(),
            password: None,
        }
    ));
    plain
        .expect(WAIT, |line| line.contains("JOIN") && line.contains("alice"))
        .unwrap();
    let room = model.open(account, Conversation::Room("#square".into()));
    session
        .send(&mut model, room, "hello square".into(), MessageKind::Normal)
        .unwrap();
    let line = plain
        .expect(WAIT, |line| line.contains("PRIVMSG #square"))
        .unwrap();
    assert!(line.ends_with("PRIVMSG #square :hello square"), "{line}");

    let chat = model.open(account, Conversation::Direct("plain".into()));
    let typed = "the documents are in the blue folder";
    session
        .send(&mut model, chat, typed.into(), MessageKind::Normal)
        .unwrap();

    // The peer gets an OTR query, never the text.
    let query = plain
        .expect(WAIT, |line| line.contains("PRIVMSG plain :"))
        .unwrap_or_else(|| panic!("nothing arrived; seen: {:#?}", plain.seen()));
    assert!(query.contains("?OTRv2?"), "{query}");
    assert!(!query.contains(typed), "{query}");

    // The message is given up and marked failed.
    pump(
        &mut session,
        &mut model,
        "the message to be marked failed",
        |m, _| {
            lines(m, chat)
                .iter()
                .any(|l| l.me && l.flags.contains(MessageFlags::FAILED))
        },
    );
    let log = lines(&model, chat);
    let ours: Vec<_> = log.iter().filter(|l| l.me).collect();
    assert_eq!(ours.len(), 1, "{log:#?}");
    assert_eq!(ours[0].text, typed);
    assert!(!ours[0].flags.contains(MessageFlags::ENCRYPTED), "{log:#?}");

    // Nothing more arrives (a late plaintext would show here).
    plain.expect(Duration::from_secs(3), |_| false);
    assert!(
        plain
            .seen()
            .iter()
            .all(|line| !line.contains("blue folder")),
        "plaintext leaked: {:#?}",
        plain.seen()
    );

    // Dropping the session ends its account tasks: alice leaves the server.
    drop(session);
    plain
        .expect(WAIT, |line| {
            line.starts_with(":alice!") && line.contains(" QUIT")
        })
        .unwrap_or_else(|| panic!("alice stayed; seen: {:#?}", plain.seen()));
}
