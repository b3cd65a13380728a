use super::*;
use messenger_bridges::{BridgeLine, BridgeSelection, PtConfig, Transport};

const FINGERPRINT: &str = "0123456789ABCDEF0123456789ABCDEF01234567";

fn plain(n: u8) -> BridgeLine {
    BridgeLine::parse(&format!("192.0.2.{n}:9001 {FINGERPRINT}")).unwrap()
}

#[test]
fn set_bridges_keeps_other_lines_in_place() {
    let mut torrc = UserTorrc::parse("# my settings\nHTTPSProxy 127.0.0.1:8080\n");
    torrc.set_bridges(&BridgeSelection::custom(&[plain(1), plain(2)]).unwrap());
    assert_eq!(
        torrc.to_text(),
        format!(
            "# my settings\nHTTPSProxy 127.0.0.1:8080\nBridge 192.0.2.1:9001 {FINGERPRINT}\n\
             Bridge 192.0.2.2:9001 {FINGERPRINT}\nUseBridges 1\n"
        )
    );
    assert!(torrc.use_bridges());
    assert_eq!(torrc.bridges().len(), 2);
    // Replacing puts the new lines where the old ones were.
    let mut with_tail = UserTorrc::parse(&format!("{}# tail\n", torrc.to_text()));
    with_tail.set_bridges(&BridgeSelection::custom(&[plain(3)]).unwrap());
    assert_eq!(
        with_tail.to_text(),
        format!(
            "# my settings\nHTTPSProxy 127.0.0.1:8080\nBridge 192.0.2.3:9001 {FINGERPRINT}\n\
             UseBridges 1\n# tail\n"
        )
    );
}

#[test]
fn direct_removes_bridge_lines_and_the_legacy_plugin_line() {
    let mut torrc = UserTorrc::parse(&format!(
        "Bridge 192.0.2.1:9001 {FINGERPRINT}\nUseBridges 1\n{LEGACY_OBFS4_PLUGIN_LINE}\nSocksPort 9999\n"
    ));
    torrc.set_bridges(&BridgeSelection::direct());
    assert_eq!(torrc.to_text(), "SocksPort 9999\n");
    assert!(!torrc.use_bridges());
}

#[test]
fn built_in_bridges_are_written_and_read_back() {
    let config = PtConfig::built_in().unwrap();
    let selection = BridgeSelection::built_in(Transport::Snowflake, &config).unwrap();
    let mut torrc = UserTorrc::default();
    torrc.set_bridges(&selection);
    let back = UserTorrc::parse(&torrc.to_text());
    assert_eq!(
        BridgeSelection::from_options(back.use_bridges(), &back.bridges(), &config),
        selection
    );
}

#[test]
fn own_plugin_lines_are_reported_and_kept() {
    let custom = "ClientTransportPlugin obfs4 exec /opt/obfs4proxy";
    let mut torrc = UserTorrc::parse(&format!("{custom}\n{LEGACY_OBFS4_PLUGIN_LINE}\n"));
    assert_eq!(torrc.own_plugin_lines(), [custom]);
    assert!(torrc.remove_legacy_plugin_line());
    torrc.set_bridges(&BridgeSelection::direct());
    assert_eq!(torrc.to_text(), format!("{custom}\n"));
}

#[test]
fn comments_mentioning_bridge_are_not_bridges() {
    let torrc = UserTorrc::parse("# Bridge 1.2.3.4:1\nbridge 192.0.2.9:1\nUseBridges 0\n");
    assert_eq!(torrc.bridges(), ["192.0.2.9:1"]);
    assert!(!torrc.use_bridges());
}

#[test]
fn save_and_load_round_trip_private() {
    use std::os::unix::fs::PermissionsExt;
    let temp = tempfile::tempdir().unwrap();
    let path = temp.path().join("torrc");
    assert_eq!(UserTorrc::load(&path).unwrap(), UserTorrc::default());
    let mut torrc = UserTorrc::default();
    torrc.set_bridges(&BridgeSelection::custom(&[plain(1)]).unwrap());
    torrc.save(&path).unwrap();
    assert_eq!(UserTorrc::load(&path).unwrap(), torrc);
    let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);
}
