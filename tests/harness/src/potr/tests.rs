use super::*;

/// Issue 2, item 6: two potr peers complete the AKE through ngircd and decrypt a message.
#[test]
fn two_potr_peers_complete_the_ake_through_ngircd() {
    let server = crate::Ngircd::start().unwrap();
    let mut alice = PotrPeer::start(server.port(), "palice").unwrap();
    let mut bob = PotrPeer::start(server.port(), "pbob").unwrap();
    let limit = Duration::from_secs(30);
    alice.start_otr("pbob").unwrap();
    let state = alice
        .expect("encrypted", limit, |e| {
            e.kind() == "state" && e.str("state") == Some("encrypted")
        })
        .unwrap();
    assert_eq!(state.str("fingerprint"), Some(bob.fingerprint()));
    bob.expect("encrypted", limit, |e| {
        e.kind() == "state" && e.str("state") == Some("encrypted")
    })
    .unwrap();
    alice.send("pbob", "über secret").unwrap();
    assert_eq!(
        bob.expect_message("palice", limit).unwrap(),
        ("über secret".into(), true)
    );
    let pid = alice.pid();
    drop(alice);
    assert!(!crate::process::process_is_running(pid), "stopped on drop");
}

#[test]
fn parses_the_peers_events() {
    let event = parse_object(r#"{"event": "message", "from": "alice", "text": "a \"q\" \u00e9 \ud83d\ude00", "encrypted": true, "n": 3}"#).unwrap();
    assert_eq!(event.get("text"), Some(&Value::Str("a \"q\" é 😀".into())));
    assert_eq!(event.get("encrypted"), Some(&Value::Bool(true)));
    assert_eq!(event.get("n"), Some(&Value::Num(3.0)));
    assert!(parse_object("not json").is_none());
}

#[test]
fn json_strings_round_trip() {
    let s = "tab\there \"quoted\" back\\slash\nnew";
    let line = format!("{{\"k\":{}}}", json_string(s));
    assert_eq!(
        parse_object(&line).unwrap().get("k"),
        Some(&Value::Str(s.into()))
    );
}
