use super::without_account;

const FILE: &str = "(privkeys\n (account\n(name \"alice@irc.test\")\n(protocol irc)\n\
    (private-key \n (dsa \n  (p #00FC#)\n  (x #12#)\n  )\n )\n )\n (account\n\
    (name carol)\n(protocol xmpp)\n(private-key \n (dsa \n  (p #00AB#)\n  )\n )\n )\n)\n";

#[test]
fn the_named_account_is_dropped_and_the_others_kept_byte_for_byte() {
    let out = without_account(FILE.as_bytes(), "alice@irc.test", "irc")
        .unwrap()
        .unwrap();
    let out = String::from_utf8(out).unwrap();
    assert!(!out.contains("alice"), "{out}");
    assert!(out.contains(
        "(account\n(name carol)\n(protocol xmpp)\n(private-key \n (dsa \n  (p #00AB#)\n  )\n )\n )"
    ));
    let empty = without_account(out.as_bytes(), "carol", "xmpp")
        .unwrap()
        .unwrap();
    assert_eq!(empty, b"(privkeys\n)\n");
}

#[test]
fn another_protocol_or_name_is_not_touched() {
    assert_eq!(
        without_account(FILE.as_bytes(), "alice@irc.test", "xmpp").unwrap(),
        None
    );
    assert_eq!(
        without_account(FILE.as_bytes(), "alice", "irc").unwrap(),
        None
    );
}

#[test]
fn escapes_and_hex_names_are_decoded() {
    let file = "(privkeys (account (name \"a\\x41\\101\\\"\") (protocol #697263#)))";
    assert!(
        without_account(file.as_bytes(), "aAA\"", "irc")
            .unwrap()
            .is_some()
    );
}

#[test]
fn damaged_files_are_refused() {
    for bad in [
        "(privkeys (account (name a)",
        "(privkeys) trailing",
        "(notkeys)",
        "(privkeys (account (name \"a)))",
        "(privkeys (account (name #abc#)))",
        "(privkeys {})",
    ] {
        assert!(
            without_account(bad.as_bytes(), "a", "irc").is_err(),
            "{bad}"
        );
    }
}
