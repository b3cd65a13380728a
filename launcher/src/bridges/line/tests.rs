use super::*;

const FINGERPRINT: &str = "0123456789ABCDEF0123456789ABCDEF01234567";
const CERT: &str = "ssH+9rP8dG2NLDN2XuFw63hIO/9MNNinLmxQDpVa+7kTOa9/m+tGWT1SmSYpQ9uTBGa6Hw";

fn obfs4(rest: &str) -> String {
    format!("obfs4 192.0.2.1:443 {FINGERPRINT} {rest}")
}

fn reason(input: &str) -> String {
    match BridgeLine::parse(input) {
        Err(BridgeError::InvalidLine { line, reason }) => {
            assert!(!line.is_empty());
            reason
        }
        other => panic!("expected InvalidLine for {input:?}, got {other:?}"),
    }
}

#[test]
fn obfs4_line() {
    let line = BridgeLine::parse(&obfs4(&format!("cert={CERT} iat-mode=0"))).unwrap();
    assert_eq!(line.transport.as_deref(), Some("obfs4"));
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
fn error_names_the_line() {
    let err = BridgeLine::parse("obfs4 nothing").unwrap_err().to_string();
    assert!(err.contains("obfs4 nothing"), "{err}");
}

#[test]
fn empty_line() {
    assert!(reason("   ").contains("empty"));
}

#[test]
fn unsupported_transport() {
    let err = BridgeLine::parse(&format!("snowflake 192.0.2.3:80 {FINGERPRINT}")).unwrap_err();
    assert!(
        matches!(err, BridgeError::UnsupportedTransport { ref transport, .. } if transport == "snowflake")
    );
    assert!(err.to_string().contains("obfs4"), "{err}");
}

#[test]
fn bad_transport_name() {
    assert!(reason("ob-fs4 192.0.2.1:443").contains("transport"));
}

#[test]
fn missing_address() {
    assert!(reason("obfs4").contains("missing"));
}

#[test]
fn hostname_instead_of_ip() {
    assert!(reason(&obfs4("").replace("192.0.2.1:443", "bridge.example:443")).contains("IP:PORT"));
}

#[test]
fn address_without_port_or_bad_port() {
    assert!(reason("obfs4 192.0.2.1").contains("IP:PORT"));
    assert!(reason("obfs4 192.0.2.1:70000").contains("IP:PORT"));
    assert!(reason("192.0.2.1:0").contains("port 0"));
}

#[test]
fn bad_fingerprint() {
    assert!(reason("obfs4 192.0.2.1:443 ABCDEF cert=x iat-mode=0").contains("fingerprint"));
    let not_hex = "G".repeat(40);
    assert!(reason(&format!("192.0.2.1:443 {not_hex}")).contains("fingerprint"));
}

#[test]
fn obfs4_needs_fingerprint_cert_and_iat_mode() {
    assert!(reason(&format!("obfs4 192.0.2.1:443 cert={CERT} iat-mode=0")).contains("fingerprint"));
    assert!(reason(&obfs4("iat-mode=0")).contains("cert"));
    assert!(reason(&obfs4(&format!("cert={CERT}"))).contains("iat-mode"));
    assert!(reason(&obfs4(&format!("cert={CERT} iat-mode=7"))).contains("iat-mode=7"));
    assert!(reason(&obfs4("cert=bad!chars iat-mode=0")).contains("base64"));
}

#[test]
fn unknown_or_malformed_arguments() {
    assert!(reason(&obfs4(&format!("cert={CERT} iat-mode=0 url=x"))).contains("url"));
    assert!(reason(&obfs4(&format!("cert={CERT} iat-mode=0 stray"))).contains("stray"));
    assert!(reason(&format!("192.0.2.1:443 {FINGERPRINT} cert=x")).contains("plain bridge"));
}

#[test]
fn line_break_cannot_inject_options() {
    let input = format!("192.0.2.1:443 {FINGERPRINT}\nSocksPort 0.0.0.0:9050");
    let why = reason(&input);
    assert!(why.contains("line break"), "{why}");
}
