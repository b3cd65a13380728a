use super::*;

#[test]
fn events_are_described_without_message_text() {
    let event = |json: &str| BotEvent {
        fields: serde_json::from_str(json).unwrap(),
    };
    let answered = event(r#"{"event":"answered","to":"alice","encrypted":true}"#);
    assert_eq!(
        answered.describe().unwrap(),
        "bot: answered alice (encrypted with OTR)"
    );
    let private = event(r#"{"event":"state","peer":"alice","state":"encrypted"}"#);
    assert!(private.describe().unwrap().contains("private"));
    assert_eq!(
        event(r#"{"event":"joined","channel":"x"}"#).describe(),
        None
    );
    let closed = event(r#"{"event":"error","peer":"","kind":"irc_closed"}"#);
    assert_eq!(closed.describe().unwrap(), "bot: its IRC connection closed");
}

#[test]
fn the_script_is_where_the_binary_looks() {
    assert!(script_path().is_file(), "{}", script_path().display());
    let shim =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/harness/potr/potr_compat.py");
    assert!(shim.is_file(), "the bot imports the harness's potr shim");
}

#[test]
fn a_bot_without_server_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let port = harness::free_port().unwrap();
    let error = OtrBot::start(
        port,
        "otrbot",
        "#demo",
        "s",
        None,
        &dir.path().join("bot.log"),
    )
    .err()
    .unwrap()
    .to_string();
    assert!(error.contains("OTR bot"), "{error}");
    assert!(error.contains("stopped before IRC registration"), "{error}");
    assert!(
        error.contains("Connection refused") || error.contains("ConnectionRefused"),
        "{error}"
    );
}
