use super::*;

const FINGERPRINT: &str = "0123456789ABCDEF0123456789ABCDEF01234567";

fn obfs4() -> BridgeLine {
    BridgeLine::parse(&format!(
        "obfs4 192.0.2.1:443 {FINGERPRINT} cert=abc+/= iat-mode=0"
    ))
    .unwrap()
}

fn plain() -> BridgeLine {
    BridgeLine::parse(&format!("192.0.2.2:9001 {FINGERPRINT}")).unwrap()
}

#[test]
fn add_sets_use_bridges_and_plugin() {
    let mut torrc = UserTorrc::parse("# my settings\nHTTPSProxy 127.0.0.1:8080\n");
    assert!(torrc.add_bridge(&obfs4()));
    let text = torrc.to_text();
    assert!(text.starts_with("# my settings\nHTTPSProxy 127.0.0.1:8080\n"));
    assert!(text.contains("\nUseBridges 1\n"));
    assert!(text.contains(OBFS4_PLUGIN_LINE));
    assert_eq!(torrc.bridges().len(), 1);
}

#[test]
fn duplicate_is_not_added_twice() {
    let mut torrc = UserTorrc::default();
    assert!(torrc.add_bridge(&obfs4()));
    assert!(!torrc.add_bridge(&obfs4()));
    assert_eq!(torrc.bridges().len(), 1);
    assert_eq!(torrc.to_text().matches("UseBridges").count(), 1);
}

#[test]
fn remove_last_bridge_clears_managed_lines() {
    let mut torrc = UserTorrc::default();
    torrc.add_bridge(&obfs4());
    torrc.add_bridge(&plain());
    assert_eq!(torrc.remove_bridge(1).unwrap(), obfs4().to_string());
    assert!(!torrc.to_text().contains("ClientTransportPlugin"));
    assert!(torrc.to_text().contains("UseBridges 1"));
    torrc.remove_bridge(1).unwrap();
    assert_eq!(torrc.to_text(), "");
}

#[test]
fn remove_out_of_range() {
    let mut torrc = UserTorrc::default();
    torrc.add_bridge(&plain());
    for number in [0, 2] {
        let err = torrc.remove_bridge(number).unwrap_err();
        assert!(matches!(err, BridgeError::NoSuchBridge { count: 1, .. }));
        assert!(err.to_string().contains(&number.to_string()));
    }
}

#[test]
fn user_plugin_line_is_kept() {
    let custom = "ClientTransportPlugin obfs4 exec /opt/obfs4proxy";
    let mut torrc = UserTorrc::parse(custom);
    torrc.add_bridge(&obfs4());
    assert!(!torrc.to_text().contains(OBFS4_PLUGIN_LINE));
    torrc.remove_bridge(1).unwrap();
    assert!(torrc.to_text().contains(custom));
}

#[test]
fn comments_mentioning_bridge_are_not_bridges() {
    let torrc = UserTorrc::parse("# Bridge 1.2.3.4:1\nbridge 192.0.2.9:1\n");
    assert_eq!(torrc.bridges(), ["192.0.2.9:1"]);
}

#[test]
fn save_and_load_round_trip() {
    let temp = tempfile::tempdir().unwrap();
    let path = temp.path().join("torrc");
    assert_eq!(UserTorrc::load(&path).unwrap(), UserTorrc::default());
    let mut torrc = UserTorrc::default();
    torrc.add_bridge(&plain());
    torrc.save(&path).unwrap();
    assert_eq!(UserTorrc::load(&path).unwrap(), torrc);
}
