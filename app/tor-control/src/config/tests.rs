use super::*;
use crate::reply::ReplyParser;

fn reply(lines: &[&str]) -> Reply {
    let mut parser = ReplyParser::new();
    for line in lines {
        if let Some(reply) = parser.feed_line(line).unwrap() {
            return reply;
        }
    }
    panic!("no complete reply");
}

#[test]
fn values_defaults_and_repeated_keys() {
    let entries = ConfigEntry::from_reply(&reply(&[
        "250-Bridge=obfs4 192.0.2.1:1 AAAA cert=x+y/z== iat-mode=0",
        "250-Bridge=192.0.2.2:2",
        "250-ContactInfo=\"a \\\"b\\\"\"",
        "250 Socks5Proxy",
    ]))
    .unwrap();
    assert_eq!(
        entries,
        [
            ConfigEntry::new("Bridge", "obfs4 192.0.2.1:1 AAAA cert=x+y/z== iat-mode=0"),
            ConfigEntry::new("Bridge", "192.0.2.2:2"),
            ConfigEntry::new("ContactInfo", "a \"b\""),
            ConfigEntry::reset("Socks5Proxy"),
        ]
    );
}

#[test]
fn rejects_a_line_that_is_no_option() {
    assert!(ConfigEntry::from_reply(&reply(&["250 not an option"])).is_err());
}
