use super::*;

const FINGERPRINT: &str = "0123456789ABCDEF0123456789ABCDEF01234567";

fn config() -> PtConfig {
    PtConfig::built_in().unwrap()
}

#[test]
fn built_in_choice_gives_every_line_and_is_recognised() {
    let config = config();
    let selection = BridgeSelection::built_in(Transport::Obfs4, &config).unwrap();
    assert_eq!(selection.mode, BridgeMode::BuiltIn(Transport::Obfs4));
    assert_eq!(
        selection.bridges.len(),
        config.built_in_bridges(Transport::Obfs4).len()
    );
    assert_eq!(selection.transports(), [Transport::Obfs4]);
    let back = BridgeSelection::from_options(true, &selection.bridges, &config);
    assert_eq!(back, selection);
    // A subset of the built-in lines (tor's GETCONF after the person removed one) still is.
    let some = BridgeSelection::from_options(true, &selection.bridges[..2], &config);
    assert_eq!(some.mode, BridgeMode::BuiltIn(Transport::Obfs4));
}

#[test]
fn other_lines_are_custom_and_no_bridges_direct() {
    let config = config();
    let own = vec![format!("192.0.2.9:443 {FINGERPRINT}")];
    assert_eq!(
        BridgeSelection::from_options(true, &own, &config).mode,
        BridgeMode::Custom
    );
    assert_eq!(
        BridgeSelection::from_options(false, &own, &config).mode,
        BridgeMode::Direct
    );
    assert_eq!(
        BridgeSelection::from_options(true, &[], &config).mode,
        BridgeMode::Direct
    );
    let mut mixed = BridgeSelection::built_in(Transport::Obfs4, &config)
        .unwrap()
        .bridges;
    mixed.extend(own);
    assert_eq!(
        BridgeSelection::from_options(true, &mixed, &config).mode,
        BridgeMode::Custom
    );
}

#[test]
fn setconf_entries_and_torrc_lines() {
    let bridge = BridgeLine::parse(&format!("192.0.2.9:443 {FINGERPRINT}")).unwrap();
    let custom = BridgeSelection::custom(std::slice::from_ref(&bridge)).unwrap();
    assert_eq!(
        custom.tor_options(),
        [
            ("UseBridges", Some("1".to_owned())),
            ("Bridge", Some(bridge.to_string()))
        ]
    );
    assert_eq!(
        custom.torrc_lines(),
        [format!("Bridge {bridge}"), "UseBridges 1".to_owned()]
    );
    assert_eq!(
        BridgeSelection::direct().tor_options(),
        [("UseBridges", Some("0".to_owned())), ("Bridge", None)]
    );
    assert!(BridgeSelection::direct().torrc_lines().is_empty());
    assert_eq!(
        BridgeSelection::custom(&[]),
        Err(SelectionError::NoCustomBridges)
    );
}

#[test]
fn unavailable_transport_is_refused_with_the_reason() {
    let config = config();
    let selection = BridgeSelection::built_in(Transport::Snowflake, &config).unwrap();
    let bundle = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(bundle.path().join(crate::pt_config::PT_DIR)).unwrap();
    let none = PluggableTransports::locate(&config, bundle.path(), None);
    let err = selection.check_available(&none).unwrap_err();
    assert!(err.to_string().contains("missing from the bundle"), "{err}");
}
