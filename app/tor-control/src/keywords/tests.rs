use super::*;

#[test]
fn words_and_pairs() {
    let parsed = parse_keywords(
        "NOTICE BOOTSTRAP PROGRESS=14 TAG=handshake SUMMARY=\"Handshaking with a relay\"",
    )
    .unwrap();
    assert_eq!(parsed.words, ["NOTICE", "BOOTSTRAP"]);
    assert_eq!(parsed.get("PROGRESS"), Some("14"));
    assert_eq!(parsed.get("SUMMARY"), Some("Handshaking with a relay"));
    assert_eq!(parsed.get("MISSING"), None);
}

#[test]
fn escapes_in_quoted_values() {
    let parsed = parse_keywords(r#"A="x \"y\" \\ \n" B=plain"#).unwrap();
    assert_eq!(parsed.get("A"), Some("x \"y\" \\ \n"));
    assert_eq!(parsed.get("B"), Some("plain"));
}

#[test]
fn octal_escape() {
    let parsed = parse_keywords(r#"A="\101\060""#).unwrap();
    assert_eq!(parsed.get("A"), Some("A0"));
}

#[test]
fn empty_value() {
    let parsed = parse_keywords("A= B=1").unwrap();
    assert_eq!(parsed.get("A"), Some(""));
    assert_eq!(parsed.get("B"), Some("1"));
}

#[test]
fn rejects_unterminated_quote() {
    assert!(parse_keywords(r#"A="never closed"#).is_err());
}

#[test]
fn rejects_trailing_backslash_and_unknown_escape() {
    assert!(parse_keywords(r#"A="x\"#).is_err());
    assert!(parse_keywords(r#"A="\q""#).is_err());
    assert!(parse_keywords(r#"A="\40""#).is_err());
    assert!(parse_keywords(r#"A="\777""#).is_err());
}

#[test]
fn rejects_text_glued_to_a_quote() {
    assert!(parse_keywords(r#"A="x"B=1"#).is_err());
}

#[test]
fn quote_round_trips_bridge_lines_and_escapes() {
    for value in [
        "obfs4 192.0.2.3:443 0123456789ABCDEF0123456789ABCDEF01234567 \
             cert=ab+cd/ef== iat-mode=0",
        r#"a "quoted" word and a back\slash"#,
        "",
        "Zeichen: äöü",
    ] {
        let quoted = quote(value).unwrap();
        let (parsed, rest) = parse_quoted(&quoted).unwrap();
        assert_eq!(parsed, value);
        assert_eq!(rest, "");
    }
    assert_eq!(quote(r#"a"b\c"#).unwrap(), r#""a\"b\\c""#);
}

#[test]
fn quote_refuses_control_characters() {
    for value in ["a\nSocksPort 1", "a\rb", "tab\there", "nul\0"] {
        assert_eq!(quote(value), None, "{value:?}");
    }
}

#[test]
fn rejects_value_without_key() {
    assert!(parse_keywords("=x").is_err());
}
