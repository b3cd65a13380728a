use super::*;

fn message(xml: &str) -> Message {
    let element: Element = xml.parse().unwrap();
    Message::try_from(element).unwrap()
}

#[test]
fn xhtml_is_dropped_when_a_plain_body_exists() {
    let m = message(
        "<message xmlns='jabber:client' type='chat'><body>plain words</body>\
             <html xmlns='http://jabber.org/protocol/xhtml-im'><body xmlns='http://www.w3.org/1999/xhtml'>\
             <p><b>bold</b> <img src='http://tracker.example/x.png'/></p></body></html></message>",
    );
    assert_eq!(plain_body(&m).as_deref(), Some("plain words"));
}

#[test]
fn xhtml_only_messages_keep_their_text_without_tags() {
    let m = message(
        "<message xmlns='jabber:client' type='chat'>\
             <html xmlns='http://jabber.org/protocol/xhtml-im'><body xmlns='http://www.w3.org/1999/xhtml'>\
             <p>Hello <a href='http://x.example/'>there</a></p><p><span style='color:red'>red</span></p></body></html></message>",
    );
    assert_eq!(plain_body(&m).as_deref(), Some("Hello there\nred"));
}

#[test]
fn no_body_means_no_text() {
    let m = message(
        "<message xmlns='jabber:client' type='chat'><active xmlns='http://jabber.org/protocol/chatstates'/></message>",
    );
    assert_eq!(plain_body(&m), None);
}

#[test]
fn actions_round_trip() {
    assert_eq!(outgoing_body("waves", MessageKind::Action), "/me waves");
    assert_eq!(
        incoming_kind("/me waves".to_owned()),
        (MessageKind::Action, "waves".to_owned())
    );
    assert_eq!(
        incoming_kind("hi".to_owned()),
        (MessageKind::Normal, "hi".to_owned())
    );
}
