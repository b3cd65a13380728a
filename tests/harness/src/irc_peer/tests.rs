use super::*;

#[test]
fn the_command_follows_tags_and_prefix() {
    assert_eq!(command_of(":irc.test 001 me :hi"), Some("001"));
    assert_eq!(
        command_of("@time=2026-01-01T00:00:00.000Z :a!b@c PRIVMSG #x :y"),
        Some("PRIVMSG")
    );
    assert_eq!(command_of("PING :x"), Some("PING"));
    assert_eq!(command_of(""), None);
}

#[test]
fn cap_lines_are_read_with_or_without_tags() {
    let tagged = "@time=2026-01-01T00:00:00.000Z :irc.test CAP * ACK :sasl server-time";
    assert_eq!(cap_subcommand(tagged), Some("ACK"));
    assert_eq!(cap_subcommand(":irc.test CAP me LS * :a b"), Some("LS"));
    assert_eq!(after_command(":irc.test CAP me LS * :a b"), "me LS * :a b");
    assert_eq!(cap_subcommand(":irc.test 001 me :hi"), None);
    assert!(is_authenticate_continue("@time=x AUTHENTICATE :+"));
    assert!(is_authenticate_continue("AUTHENTICATE +"));
    assert!(!is_authenticate_continue("AUTHENTICATE abc"));
}
