use super::*;

#[test]
fn parses_comments_colons_and_ipv6() {
    let hexed = "ab".repeat(32);
    let colons = vec!["AB"; 32].join(":");
    let text = format!("# pins\n\nIRC.Example.org:6697 {colons}\n[::1]:7000\t{hexed}  \n");
    let pins = parse_pin_file(&text).unwrap();
    assert_eq!(pins.len(), 2);
    assert_eq!(pins[0].host, "irc.example.org");
    assert_eq!(pins[0].port, 6697);
    assert_eq!(pins[0].sha256, [0xab; 32]);
    assert_eq!(pins[1].host, "::1");
}

#[test]
fn bad_lines_name_the_line_not_the_content() {
    for text in [
        "secret.example:6697",
        "secret.example 00",
        "secret.example:99999 00",
        "secret.example:6697 zz",
    ] {
        let error = parse_pin_file(&format!("# c\n{text}\n"))
            .unwrap_err()
            .to_string();
        assert!(error.contains("line 2"), "{error}");
        assert!(!error.contains("secret"), "{error}");
    }
}
