use super::*;

#[test]
fn parses_users_servers_numerics_and_trailing() {
    let line = parse_line(":alice!~u@host PRIVMSG #tor :hello there").unwrap();
    assert_eq!(line.source, Source::User("alice".into()));
    assert_eq!(line.command, "PRIVMSG");
    assert_eq!(line.params, vec!["#tor", "hello there"]);
    let line = parse_line(":irc.test 001 bob :Welcome bob").unwrap();
    assert_eq!(line.source, Source::Server("irc.test".into()));
    assert_eq!(line.numeric(), Some(1));
    assert_eq!(line.param(0), "bob");
    let line = parse_line("PING :token").unwrap();
    assert_eq!(line.params, vec!["token"]);
    let line = parse_line(":s CAP * LS :multi-prefix sasl").unwrap();
    assert_eq!(line.command, "CAP");
    assert_eq!(line.params, vec!["*", "LS", "multi-prefix sasl"]);
    let line = parse_line(":s 904 bob :SASL authentication failed").unwrap();
    assert_eq!(line.numeric(), Some(904));
}

#[test]
fn builds_with_colon_only_when_needed() {
    assert_eq!(
        build_line("PRIVMSG", &["#a", "hi there"]).unwrap(),
        "PRIVMSG #a :hi there"
    );
    assert_eq!(build_line("NICK", &["bob"]).unwrap(), "NICK bob");
    assert_eq!(
        build_line("PRIVMSG", &["#a", ":)"]).unwrap(),
        "PRIVMSG #a ::)"
    );
}

#[test]
fn folds_rfc1459_case() {
    assert_eq!(fold_case("Nick[A]"), fold_case("nick{a}"));
}
