//! Register, join, exchange messages, CTCP, and a long message.

use messenger_irc::CTCP_VERSION_REPLY;
use messenger_protocol::{Command, Conversation, Event, MessageKind, OutgoingId};

use crate::common::*;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn register_join_and_exchange_messages() {
    let ngircd = harness::Ngircd::start().unwrap();
    let mut app = connected(plaintext_account(&ngircd, "tmalice"), shared_network()).await;
    let mut peer = blocking(|| {
        let mut peer = RawPeer::connect(&ngircd, "peer");
        peer.join("#tor");
        peer
    });

    app.commands
        .send(Command::Join {
            room: "#tor".into(),
            password: None,
        })
        .await
        .unwrap();
    let members = wait_for(&mut app, |e| matches!(e, Event::Members { .. })).await;
    match members {
        Event::Members { room, members } => {
            assert_eq!(room, "#tor");
            assert!(members.contains(&"peer".to_owned()), "{members:?}");
            assert!(members.contains(&"tmalice".to_owned()), "{members:?}");
        }
        _ => unreachable!(),
    }
    blocking(|| peer.expect(|l| l.starts_with(":tmalice!") && l.contains(" JOIN ")));
    // The neutral user name, as the server shows it to others.
    blocking(|| {
        peer.send("WHO #tor");
        let who = peer.expect(|l| l.contains(" 352 ") && l.contains(" tmalice "));
        assert!(who.contains(" ~user ") || who.contains(" user "), "{who}");
        assert!(who.ends_with(" user"), "{who}");
    });

    // Peer to app, in the room and in a query.
    blocking(|| peer.send("PRIVMSG #tor :hello \x02room\x02"));
    let event = wait_for(&mut app, |e| matches!(e, Event::Message(_))).await;
    let Event::Message(message) = event else {
        unreachable!()
    };
    assert_eq!(message.from, "peer");
    assert_eq!(message.conversation, Conversation::Room("#tor".into()));
    assert_eq!(message.body, "hello room");
    blocking(|| peer.send("PRIVMSG tmalice :just us"));
    let event = wait_for(&mut app, |e| matches!(e, Event::Message(_))).await;
    let Event::Message(message) = event else {
        unreachable!()
    };
    assert_eq!(message.conversation, Conversation::Direct("peer".into()));
    assert_eq!(message.body, "just us");

    // App to peer: a room message, an action, a query.
    for (to, body, kind, id) in [
        (
            Conversation::Room("#tor".into()),
            "hi all",
            MessageKind::Normal,
            1,
        ),
        (
            Conversation::Room("#tor".into()),
            "waves",
            MessageKind::Action,
            2,
        ),
        (
            Conversation::Direct("peer".into()),
            "psst",
            MessageKind::Normal,
            3,
        ),
    ] {
        app.commands
            .send(Command::Send {
                to,
                body: body.into(),
                kind,
                id: OutgoingId(id),
            })
            .await
            .unwrap();
        wait_for(&mut app, |e| *e == Event::Sent { id: OutgoingId(id) }).await;
    }
    blocking(|| {
        peer.expect(|l| l.starts_with(":tmalice!") && l.ends_with("PRIVMSG #tor :hi all"));
        peer.expect(|l| l.ends_with("PRIVMSG #tor :\x01ACTION waves\x01"));
        peer.expect(|l| l.ends_with("PRIVMSG peer :psst"));
    });

    // Topic and nick changes come back as events.
    app.commands
        .send(Command::SetTopic {
            room: "#tor".into(),
            topic: "new topic".into(),
        })
        .await
        .unwrap();
    wait_for(&mut app, |e| {
        *e == Event::Topic {
            room: "#tor".into(),
            topic: "new topic".into(),
        }
    })
    .await;
    app.commands
        .send(Command::ChangeNick {
            nick: "tmalice2".into(),
        })
        .await
        .unwrap();
    wait_for(
        &mut app,
        |e| matches!(e, Event::NickChanged { new, .. } if new == "tmalice2"),
    )
    .await;

    // Leaving and disconnecting: the fixed quit message, no reconnect.
    app.commands
        .send(Command::Leave {
            room: "#tor".into(),
        })
        .await
        .unwrap();
    wait_for(
        &mut app,
        |e| matches!(e, Event::Left { member, .. } if member == "tmalice2"),
    )
    .await;
    blocking(|| peer.expect(|l| l.starts_with(":tmalice2!") && l.contains(" PART #tor")));
    app.commands.send(Command::Disconnect).await.unwrap();
    let event = wait_for(&mut app, |e| matches!(e, Event::Disconnected { .. })).await;
    assert_eq!(
        event,
        Event::Disconnected {
            reason: messenger_protocol::DisconnectReason::UserRequest,
            retry_in: None
        }
    );
    // A message sent now is reported unsent.
    app.commands
        .send(Command::Send {
            to: Conversation::Direct("peer".into()),
            body: "late".into(),
            kind: MessageKind::Normal,
            id: OutgoingId(9),
        })
        .await
        .unwrap();
    wait_for(&mut app, |e| {
        matches!(e, Event::SendFailed { id: OutgoingId(9), reason } if reason.contains("not connected"))
    })
    .await;
    // No reconnect follows a user disconnect.
    let quiet = tokio::time::timeout(std::time::Duration::from_secs(3), app.events.recv()).await;
    assert!(
        quiet.is_err(),
        "unexpected event after disconnect: {quiet:?}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ctcp_answers_and_refusals() {
    let ngircd = harness::Ngircd::start().unwrap();
    let mut app = connected(plaintext_account(&ngircd, "tmbob"), shared_network()).await;
    let mut peer = blocking(|| RawPeer::connect(&ngircd, "asker"));
    let notice_from_app = |l: &str| l.starts_with(":tmbob!") && l.contains(" NOTICE asker ");

    // PING is ignored: the next notice we get is the answer to the VERSION sent after it.
    blocking(|| {
        peer.send("PRIVMSG tmbob :\x01PING 1234567\x01");
        peer.send("PRIVMSG tmbob :\x01VERSION\x01");
        let reply = peer.expect(notice_from_app);
        assert_eq!(
            trailing(&reply),
            format!("\x01VERSION {CTCP_VERSION_REPLY}\x01")
        );
        peer.send("PRIVMSG tmbob :\x01TIME\x01");
        let reply = peer.expect(notice_from_app);
        let time = trailing(&reply);
        assert!(
            time.starts_with("\x01TIME ") && time.ends_with(" +0000\x01"),
            "{time}"
        );
        // Other queries and DCC offers get no answer at all.
        peer.send("PRIVMSG tmbob :\x01CLIENTINFO\x01");
        peer.send("PRIVMSG tmbob :\x01USERINFO\x01");
        peer.send("PRIVMSG tmbob :\x01DCC SEND file.txt 2130706433 5000 100\x01");
        peer.send("PRIVMSG tmbob :\x01VERSION\x01");
        let reply = peer.expect(notice_from_app);
        assert!(trailing(&reply).starts_with("\x01VERSION "), "{reply}");
    });
    let refused = wait_for(&mut app, |e| matches!(e, Event::Error(_))).await;
    assert!(matches!(refused, Event::Error(text) if text.contains("DCC")));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_thousand_characters_arrive_whole() {
    let ngircd = harness::Ngircd::start().unwrap();
    let mut app = connected(plaintext_account(&ngircd, "tmlong"), shared_network()).await;
    let mut peer = blocking(|| RawPeer::connect(&ngircd, "reader"));
    let body: String = (0..2000)
        .map(|i| ['a', 'é', ' ', '中', 'z', '😀', '.', 'k'][i % 8])
        .collect();
    assert_eq!(body.chars().count(), 2000);
    app.commands
        .send(Command::Send {
            to: Conversation::Direct("reader".into()),
            body: body.clone(),
            kind: MessageKind::Normal,
            id: OutgoingId(1),
        })
        .await
        .unwrap();
    wait_for(&mut app, |e| *e == Event::Sent { id: OutgoingId(1) }).await;
    let received = blocking(|| {
        let mut received = String::new();
        let mut lines = 0;
        while received.chars().count() < 2000 {
            let line = peer.expect(|l| l.starts_with(":tmlong!") && l.contains(" PRIVMSG reader "));
            assert!(line.len() + 2 <= 512, "line of {} bytes", line.len());
            let text = line.split_once(" PRIVMSG reader ").unwrap().1;
            received.push_str(text.strip_prefix(':').unwrap_or(text));
            lines += 1;
        }
        assert!(lines > 1);
        received
    });
    assert_eq!(received, body);
}
