//! Unit tests of the stanza-to-event mapping on parsed xmpp-parsers stanzas.

use std::time::{Duration, SystemTime};

use messenger_protocol::{Command, Conversation, Event, IncomingMessage, MessageKind, OutgoingId};
use tokio_xmpp::Stanza;
use xmpp_parsers::jid::FullJid;
use xmpp_parsers::minidom::Element;

use super::{Output, XmppState};

const NOW: Duration = Duration::from_secs(1_700_000_000);
const ROOM: &str = "room@conference.xmpp.test";

fn now() -> SystemTime {
    SystemTime::UNIX_EPOCH + NOW
}

fn session() -> XmppState {
    XmppState::new(
        FullJid::new("alice@xmpp.test/abc").unwrap(),
        "alice".to_owned(),
    )
}

fn stanza(xml: &str) -> Stanza {
    let element: Element = xml.parse().unwrap();
    Stanza::try_from(element).unwrap()
}

fn feed(session: &mut XmppState, xml: &str) -> Vec<Output> {
    session.stanza(stanza(xml), now())
}

fn events(outputs: &[Output]) -> Vec<Event> {
    outputs
        .iter()
        .filter_map(|o| match o {
            Output::Event(e) => Some(e.clone()),
            Output::Send { .. } => None,
        })
        .collect()
}

fn sent(outputs: Vec<Output>) -> Vec<Element> {
    outputs
        .into_iter()
        .filter_map(|o| match o {
            Output::Send { stanza, .. } => Some(Element::from(*stanza)),
            Output::Event(_) => None,
        })
        .collect()
}

fn joined_session() -> XmppState {
    let mut s = session();
    s.command(Command::Join {
        room: ROOM.to_owned(),
        password: None,
    });
    feed(
        &mut s,
        "<presence xmlns='jabber:client' from='room@conference.xmpp.test/bob'>\
         <x xmlns='http://jabber.org/protocol/muc#user'><item affiliation='none' role='participant'/></x></presence>",
    );
    feed(
        &mut s,
        "<presence xmlns='jabber:client' from='room@conference.xmpp.test/alice'>\
         <x xmlns='http://jabber.org/protocol/muc#user'><item affiliation='owner' role='moderator'/>\
         <status code='110'/></x></presence>",
    );
    s
}

#[test]
fn start_reports_fetches_roster_and_sends_a_bare_available_presence() {
    let mut s = session();
    let outputs = s.start(&[]);
    assert_eq!(
        events(&outputs),
        vec![Event::Connected {
            own_name: "alice@xmpp.test/abc".to_owned()
        }]
    );
    let stanzas = sent(outputs);
    assert_eq!(stanzas.len(), 2);
    assert!(stanzas[0].is("iq", "jabber:client"));
    assert!(stanzas[0].has_child("query", "jabber:iq:roster"));
    let presence = &stanzas[1];
    assert!(presence.is("presence", "jabber:client"));
    assert_eq!(presence.attr("type"), None);
    // No show, status, caps, avatar hash or idle time. xmpp-parsers always writes the
    // priority; it is the RFC's default 0, which says nothing.
    let children: Vec<_> = presence.children().collect();
    assert_eq!(children.len(), 1, "{presence:?}");
    assert!(children[0].is("priority", "jabber:client"));
    assert_eq!(children[0].text(), "0");
}

#[test]
fn roster_items_become_offline_contacts_then_presence_flips() {
    let mut s = session();
    let outputs = s.start(&[]);
    let roster_id = sent(outputs)[0].attr("id").unwrap().to_owned();
    let result = feed(
        &mut s,
        &format!(
            "<iq xmlns='jabber:client' type='result' id='{roster_id}'><query xmlns='jabber:iq:roster'>\
             <item jid='bob@xmpp.test' subscription='both'/><item jid='carol@xmpp.test' subscription='to'/></query></iq>"
        ),
    );
    assert_eq!(
        events(&result),
        vec![
            Event::Presence {
                contact: "bob@xmpp.test".to_owned(),
                available: false
            },
            Event::Presence {
                contact: "carol@xmpp.test".to_owned(),
                available: false
            },
        ]
    );
    let online = feed(
        &mut s,
        "<presence xmlns='jabber:client' from='bob@xmpp.test/phone'><show>away</show><status>lunch</status></presence>",
    );
    assert_eq!(
        events(&online),
        vec![Event::Presence {
            contact: "bob@xmpp.test".to_owned(),
            available: true
        }]
    );
    // A second resource changes nothing; the last one leaving makes the contact offline.
    assert!(
        events(&feed(
            &mut s,
            "<presence xmlns='jabber:client' from='bob@xmpp.test/pc'/>"
        ))
        .is_empty()
    );
    assert!(
        events(&feed(
            &mut s,
            "<presence xmlns='jabber:client' type='unavailable' from='bob@xmpp.test/pc'/>"
        ))
        .is_empty()
    );
    assert_eq!(
        events(&feed(
            &mut s,
            "<presence xmlns='jabber:client' type='unavailable' from='bob@xmpp.test/phone'/>"
        )),
        vec![Event::Presence {
            contact: "bob@xmpp.test".to_owned(),
            available: false
        }]
    );
}

#[test]
fn subscription_requests_are_not_approved_automatically() {
    let mut s = session();
    let outputs = feed(
        &mut s,
        "<presence xmlns='jabber:client' type='subscribe' from='mallory@xmpp.test'/>",
    );
    assert!(outputs.is_empty());
}

#[test]
fn roster_push_from_a_stranger_is_refused() {
    let mut s = session();
    let answer = sent(feed(
        &mut s,
        "<iq xmlns='jabber:client' type='set' id='p1' from='mallory@evil.test'>\
         <query xmlns='jabber:iq:roster'><item jid='x@evil.test'/></query></iq>",
    ));
    assert_eq!(answer[0].attr("type"), Some("error"));
    let pushed = feed(
        &mut s,
        "<iq xmlns='jabber:client' type='set' id='p2' from='alice@xmpp.test'>\
         <query xmlns='jabber:iq:roster'><item jid='dave@xmpp.test'/></query></iq>",
    );
    assert_eq!(
        events(&pushed),
        vec![Event::Presence {
            contact: "dave@xmpp.test".to_owned(),
            available: false
        }]
    );
    assert_eq!(sent(pushed)[0].attr("type"), Some("result"));
}

#[test]
fn chat_messages_arrive_as_plain_text_in_a_direct_conversation() {
    let mut s = session();
    let outputs = feed(
        &mut s,
        "<message xmlns='jabber:client' type='chat' from='bob@xmpp.test/phone' id='m1'>\
         <body>hello</body><html xmlns='http://jabber.org/protocol/xhtml-im'>\
         <body xmlns='http://www.w3.org/1999/xhtml'><b>HELLO</b></body></html>\
         <active xmlns='http://jabber.org/protocol/chatstates'/>\
         <request xmlns='urn:xmpp:receipts'/></message>",
    );
    assert_eq!(
        events(&outputs),
        vec![Event::Message(IncomingMessage {
            from: "bob@xmpp.test/phone".to_owned(),
            conversation: Conversation::Direct("bob@xmpp.test".to_owned()),
            body: "hello".to_owned(),
            kind: MessageKind::Normal,
            received: now(),
        })]
    );
    // No receipt, no chat state: nothing goes back.
    assert!(sent(outputs).is_empty());
}

#[test]
fn chat_states_alone_produce_nothing() {
    let mut s = session();
    let outputs = feed(
        &mut s,
        "<message xmlns='jabber:client' type='chat' from='bob@xmpp.test/phone'>\
         <composing xmlns='http://jabber.org/protocol/chatstates'/></message>",
    );
    assert!(outputs.is_empty());
}

#[test]
fn outgoing_chat_is_a_body_and_nothing_else() {
    let mut s = session();
    let outputs = s.command(Command::Send {
        to: Conversation::Direct("bob@xmpp.test".to_owned()),
        body: "waves".to_owned(),
        kind: MessageKind::Action,
        id: OutgoingId(7),
    });
    assert!(matches!(
        &outputs[0],
        Output::Send {
            completes: Some(OutgoingId(7)),
            ..
        }
    ));
    let message = &sent(outputs)[0];
    assert_eq!(message.attr("type"), Some("chat"));
    assert_eq!(message.attr("to"), Some("bob@xmpp.test"));
    let children: Vec<_> = message.children().map(|c| c.name().to_owned()).collect();
    assert_eq!(children, vec!["body"]);
    assert_eq!(
        message.get_child("body", "jabber:client").unwrap().text(),
        "/me waves"
    );
}

#[test]
fn version_and_last_activity_are_not_answered_time_is_utc() {
    let mut s = session();
    for query in ["jabber:iq:version", "jabber:iq:last", "urn:example:unknown"] {
        let answer = sent(feed(
            &mut s,
            &format!(
                "<iq xmlns='jabber:client' type='get' id='q' from='bob@xmpp.test/x'><query xmlns='{query}'/></iq>"
            ),
        ));
        assert_eq!(answer.len(), 1);
        assert_eq!(answer[0].attr("type"), Some("error"), "{query}");
        assert_eq!(answer[0].attr("to"), Some("bob@xmpp.test/x"));
        let error = answer[0].get_child("error", "jabber:client").unwrap();
        assert!(error.has_child("service-unavailable", "urn:ietf:params:xml:ns:xmpp-stanzas"));
        // No text that could say anything about us.
        assert_eq!(error.children().count(), 1);
    }
    let answer = sent(feed(
        &mut s,
        "<iq xmlns='jabber:client' type='get' id='t' from='bob@xmpp.test/x'><time xmlns='urn:xmpp:time'/></iq>",
    ));
    assert_eq!(answer[0].attr("type"), Some("result"));
    let time = answer[0].get_child("time", "urn:xmpp:time").unwrap();
    assert_eq!(
        time.get_child("tzo", "urn:xmpp:time").unwrap().text(),
        "+00:00"
    );
    assert_eq!(
        time.get_child("utc", "urn:xmpp:time").unwrap().text(),
        "2023-11-14T22:13:20Z"
    );
}

#[test]
fn unknown_sets_and_pings_and_disco() {
    let mut s = session();
    let answer = sent(feed(
        &mut s,
        "<iq xmlns='jabber:client' type='set' id='s' from='bob@xmpp.test/x'><query xmlns='jabber:iq:private'/></iq>",
    ));
    assert_eq!(answer[0].attr("type"), Some("error"));
    let answer = sent(feed(
        &mut s,
        "<iq xmlns='jabber:client' type='get' id='p' from='xmpp.test'><ping xmlns='urn:xmpp:ping'/></iq>",
    ));
    assert_eq!(answer[0].attr("type"), Some("result"));
    let answer = sent(feed(
        &mut s,
        "<iq xmlns='jabber:client' type='get' id='d' from='bob@xmpp.test/x'><query xmlns='http://jabber.org/protocol/disco#info'/></iq>",
    ));
    let query = answer[0]
        .get_child("query", "http://jabber.org/protocol/disco#info")
        .unwrap();
    let identity = query
        .get_child("identity", "http://jabber.org/protocol/disco#info")
        .unwrap();
    assert_eq!(identity.attr("category"), Some("client"));
    assert_eq!(identity.attr("type"), Some("pc"));
    assert_eq!(identity.attr("name"), None);
    let features: Vec<_> = query
        .children()
        .filter(|c| c.name() == "feature")
        .map(|c| c.attr("var").unwrap().to_owned())
        .collect();
    assert_eq!(features, crate::answers::DISCO_FEATURES.to_vec());
    let answer = sent(feed(
        &mut s,
        "<iq xmlns='jabber:client' type='get' id='n' from='bob@xmpp.test/x'>\
         <query xmlns='http://jabber.org/protocol/disco#info' node='http://example.org#abc'/></iq>",
    ));
    assert_eq!(answer[0].attr("type"), Some("error"));
}

#[test]
fn joining_a_room_asks_for_no_history_and_reports_members() {
    let mut s = session();
    let join = sent(s.command(Command::Join {
        room: "room".to_owned(),
        password: Some("key".to_owned()),
    }));
    assert_eq!(join[0].attr("to"), Some("room@conference.xmpp.test/alice"));
    let muc = join[0]
        .get_child("x", "http://jabber.org/protocol/muc")
        .unwrap();
    assert_eq!(
        muc.get_child("history", "http://jabber.org/protocol/muc")
            .unwrap()
            .attr("maxstanzas"),
        Some("0")
    );
    assert_eq!(
        muc.get_child("password", "http://jabber.org/protocol/muc")
            .unwrap()
            .text(),
        "key"
    );
    assert!(events(&feed(
        &mut s,
        "<presence xmlns='jabber:client' from='room@conference.xmpp.test/bob'>\
         <x xmlns='http://jabber.org/protocol/muc#user'><item affiliation='none' role='participant'/></x></presence>"
    ))
    .is_empty());
    let own = feed(
        &mut s,
        "<presence xmlns='jabber:client' from='room@conference.xmpp.test/alice'>\
         <x xmlns='http://jabber.org/protocol/muc#user'><item affiliation='none' role='participant'/><status code='110'/></x></presence>",
    );
    assert_eq!(
        events(&own),
        vec![
            Event::Members {
                room: ROOM.to_owned(),
                members: vec!["alice".to_owned(), "bob".to_owned()]
            },
            Event::Joined {
                room: ROOM.to_owned(),
                member: "alice".to_owned()
            },
        ]
    );
}

#[test]
fn room_traffic_maps_to_events() {
    let mut s = joined_session();
    assert_eq!(
        events(&feed(
            &mut s,
            "<presence xmlns='jabber:client' from='room@conference.xmpp.test/carol'/>"
        )),
        vec![Event::Joined {
            room: ROOM.to_owned(),
            member: "carol".to_owned()
        }]
    );
    assert_eq!(
        events(&feed(
            &mut s,
            "<message xmlns='jabber:client' type='groupchat' from='room@conference.xmpp.test/bob'><body>hi all</body></message>"
        )),
        vec![Event::Message(IncomingMessage {
            from: "bob".to_owned(),
            conversation: Conversation::Room(ROOM.to_owned()),
            body: "hi all".to_owned(),
            kind: MessageKind::Normal,
            received: now(),
        })]
    );
    // Our own message echoed by the room is not shown twice.
    assert!(feed(
        &mut s,
        "<message xmlns='jabber:client' type='groupchat' from='room@conference.xmpp.test/alice'><body>mine</body></message>"
    )
    .is_empty());
    assert_eq!(
        events(&feed(
            &mut s,
            "<message xmlns='jabber:client' type='groupchat' from='room@conference.xmpp.test/bob'><subject>News</subject></message>"
        )),
        vec![Event::Topic {
            room: ROOM.to_owned(),
            topic: "News".to_owned()
        }]
    );
    assert_eq!(
        events(&feed(
            &mut s,
            "<presence xmlns='jabber:client' type='unavailable' from='room@conference.xmpp.test/bob'>\
             <x xmlns='http://jabber.org/protocol/muc#user'><item affiliation='none' role='participant' nick='robert'/>\
             <status code='303'/></x></presence>"
        )),
        vec![Event::NickChanged {
            old: "bob".to_owned(),
            new: "robert".to_owned()
        }]
    );
    assert_eq!(
        events(&feed(
            &mut s,
            "<presence xmlns='jabber:client' type='unavailable' from='room@conference.xmpp.test/carol'/>"
        )),
        vec![Event::Left {
            room: ROOM.to_owned(),
            member: "carol".to_owned()
        }]
    );
    // A private message through the room belongs to the occupant.
    let private = events(&feed(
        &mut s,
        "<message xmlns='jabber:client' type='chat' from='room@conference.xmpp.test/robert'><body>psst</body></message>",
    ));
    assert!(matches!(
        &private[0],
        Event::Message(IncomingMessage { conversation: Conversation::Direct(c), .. })
            if c == "room@conference.xmpp.test/robert"
    ));
}

#[test]
fn sending_to_a_room_needs_a_confirmed_join() {
    let mut s = session();
    let outputs = s.command(Command::Send {
        to: Conversation::Room(ROOM.to_owned()),
        body: "x".to_owned(),
        kind: MessageKind::Normal,
        id: OutgoingId(1),
    });
    assert!(matches!(
        events(&outputs)[0],
        Event::SendFailed {
            id: OutgoingId(1),
            ..
        }
    ));
    let mut s = joined_session();
    let message = &sent(s.command(Command::Send {
        to: Conversation::Room(ROOM.to_owned()),
        body: "hello room".to_owned(),
        kind: MessageKind::Normal,
        id: OutgoingId(2),
    }))[0];
    assert_eq!(message.attr("type"), Some("groupchat"));
    assert_eq!(message.attr("to"), Some(ROOM));
}

#[test]
fn a_refused_join_is_reported_and_forgotten() {
    let mut s = session();
    s.command(Command::Join {
        room: ROOM.to_owned(),
        password: None,
    });
    let outputs = feed(
        &mut s,
        "<presence xmlns='jabber:client' type='error' from='room@conference.xmpp.test/alice'>\
         <error type='auth'><not-authorized xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></presence>",
    );
    assert_eq!(
        events(&outputs),
        vec![Event::Error(
            "Could not join the room: a password is required or it is wrong.".to_owned()
        )]
    );
}

#[test]
fn leaving_reports_and_sends_unavailable() {
    let mut s = joined_session();
    let outputs = s.command(Command::Leave {
        room: ROOM.to_owned(),
    });
    assert_eq!(
        events(&outputs),
        vec![Event::Left {
            room: ROOM.to_owned(),
            member: "alice".to_owned()
        }]
    );
    assert_eq!(sent(outputs)[0].attr("type"), Some("unavailable"));
}

#[test]
fn invalid_iq_requests_get_bad_request() {
    use tokio_xmpp::xmlstream::RawStanzaHeader;
    let mut s = session();
    let header = RawStanzaHeader {
        from: Some("bob@xmpp.test/x".to_owned()),
        to: None,
        type_: Some("get".to_owned()),
        id: Some("bad1".to_owned()),
    };
    let answer = sent(s.invalid_stanza(super::StanzaKind::Iq, &header));
    assert_eq!(answer[0].attr("type"), Some("error"));
    assert_eq!(answer[0].attr("id"), Some("bad1"));
    let header = RawStanzaHeader {
        from: None,
        to: None,
        type_: Some("result".to_owned()),
        id: Some("x".to_owned()),
    };
    assert!(s.invalid_stanza(super::StanzaKind::Iq, &header).is_empty());
}

#[test]
fn message_errors_are_reported_without_content() {
    let mut s = session();
    let outputs = feed(
        &mut s,
        "<message xmlns='jabber:client' type='error' from='bob@xmpp.test'><body>secret text</body>\
         <error type='cancel'><service-unavailable xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></message>",
    );
    let Event::Error(text) = &events(&outputs)[0] else {
        panic!("expected an error event");
    };
    assert!(!text.contains("secret"));
}

#[test]
fn the_fuzz_entry_survives_garbage() {
    for input in [
        &b""[..],
        b"<",
        b"<message/>",
        b"<message xmlns='jabber:client' type='bogus'><body>x</body></message>",
        b"<iq xmlns='jabber:client' type='get'/>",
        b"<presence xmlns='jabber:client' from='room@conference.example.org/x'><x xmlns='http://jabber.org/protocol/muc#user'><status code='abc'/></x></presence>",
        b"\xff\xfe",
    ] {
        crate::process_stanza_bytes(input);
    }
}

#[test]
fn a_room_we_create_is_opened_with_the_default_configuration() {
    let mut s = session();
    s.command(Command::Join {
        room: ROOM.to_owned(),
        password: None,
    });
    let outputs = feed(
        &mut s,
        "<presence xmlns='jabber:client' from='room@conference.xmpp.test/alice'>\
         <x xmlns='http://jabber.org/protocol/muc#user'><item affiliation='owner' role='moderator'/>\
         <status code='110'/><status code='201'/></x></presence>",
    );
    let stanzas = sent(outputs);
    assert_eq!(stanzas.len(), 1);
    assert_eq!(stanzas[0].attr("type"), Some("set"));
    assert_eq!(stanzas[0].attr("to"), Some(ROOM));
    assert!(stanzas[0].has_child("query", "http://jabber.org/protocol/muc#owner"));
}

#[test]
fn a_bounced_message_is_reported_as_not_sent() {
    let mut s = session();
    let message = &sent(s.command(Command::Send {
        to: Conversation::Direct("nobody@xmpp.test".to_owned()),
        body: "are you there".to_owned(),
        kind: MessageKind::Normal,
        id: OutgoingId(42),
    }))[0];
    let stanza_id = message.attr("id").unwrap().to_owned();
    let outputs = feed(
        &mut s,
        &format!(
            "<message xmlns='jabber:client' type='error' id='{stanza_id}' from='nobody@xmpp.test'>\
             <error type='cancel'><service-unavailable xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></message>"
        ),
    );
    assert!(matches!(
        &events(&outputs)[0],
        Event::SendFailed { id: OutgoingId(42), reason } if !reason.contains("are you there")
    ));
}
