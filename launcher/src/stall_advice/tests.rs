use super::*;

#[test]
fn names_warning_and_remedies() {
    let text = stall_advice(Some("Connection refused"), Path::new("/d/Tor/torrc"));
    assert!(text.contains("Connection refused"));
    for word in [
        "bridges add",
        "clock",
        "firewall",
        "/d/Tor/torrc",
        "--stall-timeout",
    ] {
        assert!(text.contains(word), "missing {word}: {text}");
    }
}

#[test]
fn clock_first_for_clock_warnings() {
    let text = stall_advice(Some("Our clock is 3 hours behind"), Path::new("/t"));
    let clock = text.find("date, time").unwrap();
    let bridges = text.find("bridges add").unwrap();
    assert!(clock < bridges);
}

#[test]
fn without_warning() {
    assert!(stall_advice(None, Path::new("/t")).contains("no warning"));
}
