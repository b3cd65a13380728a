use super::*;
use crate::reply::ReplyParser;

#[test]
fn methods_cookie_file_and_version() {
    let mut parser = ReplyParser::new();
    let mut reply = None;
    for line in [
        "250-PROTOCOLINFO 1",
        "250-AUTH METHODS=COOKIE,SAFECOOKIE COOKIEFILE=\"/d/control_auth_cookie\"",
        "250-VERSION Tor=\"0.4.9.11\"",
        "250 OK",
    ] {
        reply = parser.feed_line(line).unwrap();
    }
    let info = ProtocolInfo::from_reply(&reply.unwrap()).unwrap();
    assert!(info.offers("SAFECOOKIE") && info.offers("COOKIE"));
    assert!(!info.offers("NULL"));
    assert_eq!(info.cookie_file.as_deref(), Some("/d/control_auth_cookie"));
    assert_eq!(info.tor_version.as_deref(), Some("0.4.9.11"));
}
