use super::*;
use crate::Prosody;

#[test]
fn a_complete_iq_is_found_whether_it_closes_itself_or_not() {
    let buffer = "<presence/><iq type='result' id='a1'/><iq type='result' id='b2'><x/></iq>tail";
    let (start, end) = complete_iq(buffer, "id='a1'").unwrap();
    assert_eq!(&buffer[start..end], "<iq type='result' id='a1'/>");
    let (start, end) = complete_iq(buffer, "id='b2'").unwrap();
    assert_eq!(&buffer[start..end], "<iq type='result' id='b2'><x/></iq>");
    assert_eq!(complete_iq("<iq id='c3'><query>", "id='c3'"), None);
    assert_eq!(complete_iq(buffer, "id='zz'"), None);
}

#[tokio::test]
async fn two_peers_log_in_and_exchange_a_message_and_a_bad_password_is_refused() {
    let prosody = Prosody::start(&[("ann", "ann-pw"), ("ben", "ben-pw")]).unwrap();
    let mut ann = XmppRawPeer::login(&prosody, ("ann", "ann-pw"), "one")
        .await
        .unwrap();
    let mut ben = XmppRawPeer::login(&prosody, ("ben", "ben-pw"), "two")
        .await
        .unwrap();
    assert_eq!(ann.jid(), "ann@xmpp.test/one");
    ann.send(&format!(
        "<message to='{}' type='chat' id='m1'><body>hello ben</body></message>",
        ben.jid()
    ))
    .await
    .unwrap();
    let received = ben.wait_for("</message>").await.unwrap();
    assert!(received.contains("<body>hello ben</body>"), "{received}");

    let refused = XmppRawPeer::login(&prosody, ("ann", "wrong"), "three").await;
    let error = refused
        .err()
        .expect("a wrong password is refused")
        .to_string();
    assert!(error.contains("login as ann refused"), "{error}");
    assert!(error.contains(&prosody.c2s_port().to_string()), "{error}");
}
