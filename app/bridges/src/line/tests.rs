use super::*;

const FINGERPRINT: &str = "0123456789ABCDEF0123456789ABCDEF01234567";
/// A real obfs4 certificate (52 bytes in base64, from a built-in bridge).
const CERT: &str = "ssH+9rP8dG2NLDN2XuFw63hIO/9MNNinLmxQDpVa+7kTOa9/m+tGWT1SmSYpQ9uTBGa6Hw";

fn obfs4(rest: &str) -> String {
    format!("obfs4 192.0.2.1:443 {FINGERPRINT} {rest}")
}

fn problem(input: &str) -> LineProblem {
    match BridgeLine::parse(input) {
        Err(error) => {
            assert!(!error.line.is_empty() || input.trim().is_empty());
            error.problem
        }
        Ok(line) => panic!("{input:?} parsed as {line:?}"),
    }
}

#[test]
fn obfs4_line() {
    let line = BridgeLine::parse(&obfs4(&format!("cert={CERT} iat-mode=0"))).unwrap();
    assert_eq!(line.transport, Some(Transport::Obfs4));
    assert_eq!(line.addr.port(), 443);
    assert_eq!(
        line.to_string(),
        format!("obfs4 192.0.2.1:443 {FINGERPRINT} cert={CERT} iat-mode=0")
    );
}

#[test]
fn leading_bridge_word_and_lower_case_fingerprint() {
    let input = format!(
        "Bridge obfs4 192.0.2.1:443 {} cert={CERT} iat-mode=1",
        FINGERPRINT.to_lowercase()
    );
    let line = BridgeLine::parse(&input).unwrap();
    assert_eq!(line.fingerprint.as_deref(), Some(FINGERPRINT));
}

#[test]
fn plain_bridges() {
    let line = BridgeLine::parse(&format!("192.0.2.7:9001 {FINGERPRINT}")).unwrap();
    assert_eq!(line.transport, None);
    BridgeLine::parse("[2001:db8::1]:443").unwrap();
}

#[test]
fn snowflake_line_of_tor_browser() {
    let input = format!(
        "snowflake 192.0.2.3:80 {FINGERPRINT} fingerprint={FINGERPRINT} \
         url=https://broker.example/ fronts=a.example,b.example front=a.example \
         ice=stun:stun.example:3478 utls-imitate=hellorandomizedalpn"
    );
    let line = BridgeLine::parse(&input).unwrap();
    assert_eq!(line.transport, Some(Transport::Snowflake));
    assert_eq!(line.argument("front"), Some("a.example"));
    assert_eq!(line.to_string(), input);
}

#[test]
fn snowflake_needs_https_broker() {
    let base = format!("snowflake 192.0.2.3:80 {FINGERPRINT}");
    assert_eq!(
        problem(&base),
        LineProblem::MissingArgument {
            transport: Transport::Snowflake,
            key: "url"
        }
    );
    assert!(matches!(
        problem(&format!("{base} url=http://broker.example/")),
        LineProblem::BadSnowflakeArgument { key, .. } if key == "url"
    ));
    assert!(matches!(
        problem(&format!("{base} url=https://b.example/ fingerprint=xyz")),
        LineProblem::BadSnowflakeArgument { key, .. } if key == "fingerprint"
    ));
}

#[test]
fn error_names_the_line() {
    let err = BridgeLine::parse("obfs4 nothing").unwrap_err().to_string();
    assert!(err.contains("\"obfs4 nothing\""), "{err}");
}

#[test]
fn empty_line() {
    assert_eq!(problem("   "), LineProblem::Empty);
    assert_eq!(problem("Bridge"), LineProblem::Empty);
}

#[test]
fn transports_we_do_not_ship() {
    for transport in ["webtunnel", "meek_lite", "conjure", "scramblesuit"] {
        let err =
            BridgeLine::parse(&format!("{transport} 192.0.2.3:80 {FINGERPRINT}")).unwrap_err();
        assert_eq!(
            err.problem,
            LineProblem::UnsupportedTransport(transport.to_owned())
        );
        let text = err.to_string();
        assert!(
            text.contains("obfs4") && text.contains("snowflake"),
            "{text}"
        );
    }
}

#[test]
fn bad_transport_name() {
    assert!(matches!(
        problem("ob/fs4 192.0.2.1:443"),
        LineProblem::NotTransportOrAddress(_)
    ));
}

#[test]
fn missing_address() {
    assert_eq!(
        problem("obfs4"),
        LineProblem::MissingAddress("obfs4".into())
    );
}

#[test]
fn hostname_instead_of_ip() {
    assert!(matches!(
        problem(
            &obfs4(&format!("cert={CERT} iat-mode=0"))
                .replace("192.0.2.1:443", "bridge.example:443")
        ),
        LineProblem::BadAddress(_)
    ));
}

#[test]
fn address_without_port_or_bad_port() {
    assert!(matches!(
        problem("obfs4 192.0.2.1"),
        LineProblem::BadAddress(_)
    ));
    assert!(matches!(
        problem("obfs4 192.0.2.1:70000"),
        LineProblem::BadAddress(_)
    ));
    assert_eq!(problem("192.0.2.1:0"), LineProblem::PortZero);
}

#[test]
fn bad_fingerprint() {
    assert!(matches!(
        problem("obfs4 192.0.2.1:443 ABCDEF cert=x iat-mode=0"),
        LineProblem::BadFingerprint(_)
    ));
    let not_hex = "G".repeat(40);
    assert!(matches!(
        problem(&format!("192.0.2.1:443 {not_hex}")),
        LineProblem::BadFingerprint(_)
    ));
}

#[test]
fn obfs4_needs_fingerprint_cert_and_iat_mode() {
    assert_eq!(
        problem(&format!("obfs4 192.0.2.1:443 cert={CERT} iat-mode=0")),
        LineProblem::MissingFingerprint(Transport::Obfs4)
    );
    assert_eq!(
        problem(&obfs4("iat-mode=0")),
        LineProblem::MissingArgument {
            transport: Transport::Obfs4,
            key: "cert"
        }
    );
    assert!(matches!(
        problem(&obfs4(&format!("cert={CERT}"))),
        LineProblem::MissingArgument {
            key: "iat-mode",
            ..
        }
    ));
    assert_eq!(
        problem(&obfs4(&format!("cert={CERT} iat-mode=7"))),
        LineProblem::BadIatMode("7".into())
    );
}

#[test]
fn cert_must_be_52_bytes_of_base64() {
    // Cut short when copied, not base64 at all, one byte too many.
    for cert in [&CERT[..40], "bad!chars", &format!("{CERT}AAAA")] {
        assert_eq!(
            problem(&obfs4(&format!("cert={cert} iat-mode=0"))),
            LineProblem::BadCert,
            "{cert}"
        );
    }
    // Padded is fine too.
    BridgeLine::parse(&obfs4(&format!("cert={CERT}== iat-mode=0"))).unwrap();
}

#[test]
fn unknown_repeated_or_malformed_arguments() {
    assert!(matches!(
        problem(&obfs4(&format!("cert={CERT} iat-mode=0 url=x"))),
        LineProblem::UnknownArgument { key, .. } if key == "url"
    ));
    assert_eq!(
        problem(&obfs4(&format!("cert={CERT} iat-mode=0 stray"))),
        LineProblem::NotKeyValue("stray".into())
    );
    assert_eq!(
        problem(&obfs4(&format!("cert={CERT} iat-mode=0 iat-mode=1"))),
        LineProblem::RepeatedArgument("iat-mode".into())
    );
    assert_eq!(
        problem(&format!("192.0.2.1:443 {FINGERPRINT} cert=x")),
        LineProblem::PlainWithArguments("cert".into())
    );
}

#[test]
fn line_break_cannot_inject_options() {
    let input = format!("192.0.2.1:443 {FINGERPRINT}\nSocksPort 0.0.0.0:9050");
    assert_eq!(problem(&input), LineProblem::ControlCharacter);
}

#[test]
fn several_lines_at_once() {
    let text = format!(
        "\n  Bridge obfs4 192.0.2.1:443 {FINGERPRINT} cert={CERT} iat-mode=0\n\
         # a comment\n\
         192.0.2.2:9001 {FINGERPRINT}\n\
         192.0.2.2:9001 {FINGERPRINT}\n"
    );
    let bridges = BridgeLine::parse_many(&text).unwrap();
    assert_eq!(bridges.len(), 2, "duplicates are kept once");
}

#[test]
fn several_lines_name_the_bad_one() {
    let text = format!(
        "192.0.2.2:9001 {FINGERPRINT}\nobfs4 192.0.2.1:443 {FINGERPRINT} cert=short iat-mode=0\n"
    );
    let err = BridgeLine::parse_many(&text).unwrap_err();
    assert_eq!(err.number, Some(2));
    assert_eq!(err.problem, LineProblem::BadCert);
    assert!(
        err.to_string()
            .starts_with("line 2: invalid bridge line \"obfs4 192.0.2.1:443"),
        "{err}"
    );
    assert_eq!(
        BridgeLine::parse_many("\n# only a comment\n")
            .unwrap_err()
            .problem,
        LineProblem::Empty
    );
}
