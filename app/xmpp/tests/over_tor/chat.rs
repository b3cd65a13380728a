//! Login, roster, 1:1 messages both ways (markup stripped), and a room.

use messenger_protocol::{Command, Conversation, Event, IncomingMessage, MessageKind, OutgoingId};

use crate::common::*;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn logs_in_with_a_random_resource_and_gets_the_roster() {
    let prosody = start_prosody();
    // Put bob on alice's roster with a raw session of alice.
    let mut raw_alice = XmppRawPeer::login(&prosody, ALICE, "setup").await.unwrap();
    raw_alice
        .send("<iq type='set' id='r1'><query xmlns='jabber:iq:roster'><item jid='bob@xmpp.test' name='Bob'/></query></iq>")
        .await
.unwrap();
    raw_alice.wait_for_iq("r1").await.unwrap();

    let network = network_with(pinned_trust(&prosody));
    let (mut handle, own) = connected(account(&prosody, ALICE), network.clone()).await;
    let resource = own.strip_prefix("alice@xmpp.test/").expect("own JID");
    assert_eq!(resource.len(), 16, "{own}");
    assert!(resource.bytes().all(|b| b.is_ascii_hexdigit()), "{own}");
    wait_for(&mut handle, |e| {
        *e == Event::Presence {
            contact: "bob@xmpp.test".to_owned(),
            available: false,
        }
    })
    .await;

    // A second connection gets another resource.
    let (_second, other) = connected(account(&prosody, ALICE), network).await;
    assert_ne!(own, other);

    handle.commands.send(Command::Disconnect).await.unwrap();
    wait_for(&mut handle, |e| {
        matches!(
            e,
            Event::Disconnected {
                reason: messenger_protocol::DisconnectReason::UserRequest,
                retry_in: None
            }
        )
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn chat_both_ways_with_markup_stripped() {
    let prosody = start_prosody();
    let (mut alice, own) = connected(
        account(&prosody, ALICE),
        network_with(pinned_trust(&prosody)),
    )
    .await;
    let mut bob = XmppRawPeer::login(&prosody, BOB, "raw").await.unwrap();

    bob.send(&format!(
        "<message to='{own}' type='chat' id='m1'><body>hello alice</body>\
         <html xmlns='http://jabber.org/protocol/xhtml-im'><body xmlns='http://www.w3.org/1999/xhtml'>\
         <p><b>hello</b> <img src='http://tracker.example/pixel.png'/></p></body></html>\
         <request xmlns='urn:xmpp:receipts'/><active xmlns='http://jabber.org/protocol/chatstates'/></message>"
    ))
    .await
.unwrap();
    let Event::Message(IncomingMessage {
        from,
        conversation,
        body,
        kind,
        ..
    }) = wait_for(&mut alice, |e| matches!(e, Event::Message(_))).await
    else {
        unreachable!()
    };
    assert_eq!(from, "bob@xmpp.test/raw");
    assert_eq!(
        conversation,
        Conversation::Direct("bob@xmpp.test".to_owned())
    );
    assert_eq!(body, "hello alice");
    assert_eq!(kind, MessageKind::Normal);

    alice
        .commands
        .send(Command::Send {
            to: Conversation::Direct("bob@xmpp.test/raw".to_owned()),
            body: "hello bob".to_owned(),
            kind: MessageKind::Normal,
            id: OutgoingId(1),
        })
        .await
        .unwrap();
    wait_for(&mut alice, |e| *e == Event::Sent { id: OutgoingId(1) }).await;
    let received = bob.wait_for("</message>").await.unwrap();
    let start = received.rfind("<message").unwrap();
    let message = &received[start..];
    assert!(message.contains("<body>hello bob</body>"), "{message}");
    // No receipt, no chat state, no markup: the body is the only child.
    for forbidden in [
        "receipts",
        "chatstates",
        "xhtml",
        "<html",
        "<received",
        "<active",
    ] {
        assert!(!received.contains(forbidden), "{forbidden} in {received}");
    }

    // A message the server bounces is reported as not sent.
    alice
        .commands
        .send(Command::Send {
            to: Conversation::Direct("nobody@xmpp.test".to_owned()),
            body: "anyone?".to_owned(),
            kind: MessageKind::Normal,
            id: OutgoingId(2),
        })
        .await
        .unwrap();
    wait_for(&mut alice, |e| {
        matches!(
            e,
            Event::SendFailed {
                id: OutgoingId(2),
                ..
            }
        )
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn room_join_members_and_messages() {
    let prosody = start_prosody();
    let room = format!("lobby@{}", prosody.muc_domain());
    let (mut alice, _) = connected(
        account(&prosody, ALICE),
        network_with(pinned_trust(&prosody)),
    )
    .await;
    alice
        .commands
        .send(Command::Join {
            room: room.clone(),
            password: None,
        })
        .await
        .unwrap();
    // Alice creates the room (and opens it with the default configuration).
    wait_for(&mut alice, |e| {
        *e == Event::Joined {
            room: room.clone(),
            member: "alice".to_owned(),
        }
    })
    .await;

    let mut bob = XmppRawPeer::login(&prosody, BOB, "raw").await.unwrap();
    // Alice's Joined comes with her own presence; the room opens to others only once
    // prosody has taken her instant-room configuration, a moment later. Until then a join
    // gets item-not-found: try again shortly, a bounded number of times.
    let mut attempts = 0;
    loop {
        bob.send(&format!(
            "<presence to='{room}/bob'><x xmlns='http://jabber.org/protocol/muc'/></presence>"
        ))
        .await
        .unwrap();
        let read = bob
            .wait_for_either("status code='110'", "item-not-found")
            .await
            .unwrap();
        if read.contains("status code='110'") {
            break;
        }
        attempts += 1;
        assert!(attempts < 20, "the room never opened: {read}");
        tokio::time::sleep(std::time::Duration::from_millis(250)).await;
    }
    wait_for(&mut alice, |e| {
        *e == Event::Joined {
            room: room.clone(),
            member: "bob".to_owned(),
        }
    })
    .await;

    bob.send(&format!(
        "<message to='{room}' type='groupchat' id='g1'><body>hi room</body></message>"
    ))
    .await
    .unwrap();
    let event = wait_for(&mut alice, |e| matches!(e, Event::Message(_))).await;
    let Event::Message(message) = event else {
        unreachable!()
    };
    assert_eq!(message.from, "bob");
    assert_eq!(message.conversation, Conversation::Room(room.clone()));
    assert_eq!(message.body, "hi room");

    alice
        .commands
        .send(Command::Send {
            to: Conversation::Room(room.clone()),
            body: "hi bob".to_owned(),
            kind: MessageKind::Normal,
            id: OutgoingId(5),
        })
        .await
        .unwrap();
    wait_for(&mut alice, |e| *e == Event::Sent { id: OutgoingId(5) }).await;
    let seen = bob.wait_for("hi bob</body>").await.unwrap();
    assert!(seen.contains(&format!("from='{room}/alice'")), "{seen}");

    alice
        .commands
        .send(Command::SetTopic {
            room: room.clone(),
            topic: "Plans".to_owned(),
        })
        .await
        .unwrap();
    wait_for(&mut alice, |e| {
        *e == Event::Topic {
            room: room.clone(),
            topic: "Plans".to_owned(),
        }
    })
    .await;

    bob.send(&format!("<presence to='{room}/bob' type='unavailable'/>"))
        .await
        .unwrap();
    wait_for(&mut alice, |e| {
        *e == Event::Left {
            room: room.clone(),
            member: "bob".to_owned(),
        }
    })
    .await;
}
