use super::*;

const FINGERPRINT: &str = "0123456789ABCDEF0123456789ABCDEF01234567";
const CERT: &str = "ssH+9rP8dG2NLDN2XuFw63hIO/9MNNinLmxQDpVa+7kTOa9/m+tGWT1SmSYpQ9uTBGa6Hw";

/// A bundle with both transport programs (scripts: they are never run here) and a profile.
fn setup() -> (tempfile::TempDir, Bridges) {
    use std::os::unix::fs::PermissionsExt;
    let temp = tempfile::tempdir().unwrap();
    let pt = temp.path().join("bundle/tor/pluggable_transports");
    std::fs::create_dir_all(&pt).unwrap();
    for program in ["obfs4proxy", "snowflake-client"] {
        let path = pt.join(program);
        std::fs::write(&path, "#!/bin/sh\n").unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    let bundle = Bundle::at(temp.path().join("bundle"));
    let profile = Profile::new(&temp.path().join("Data")).unwrap();
    let bridges = Bridges::new(profile, &bundle).unwrap();
    (temp, bridges)
}

fn obfs4(n: u8) -> String {
    format!("obfs4 192.0.2.{n}:443 {FINGERPRINT} cert={CERT} iat-mode=0")
}

#[test]
fn add_several_then_built_in_then_own_again() {
    let (_temp, bridges) = setup();
    assert_eq!(bridges.current().unwrap().mode, BridgeMode::Direct);
    let (added, total, applied) = bridges
        .add(&format!("{}\n{}\n", obfs4(1), obfs4(2)))
        .unwrap();
    assert_eq!((added, total, applied), (2, 2, Applied::NextStart));
    assert_eq!(bridges.current().unwrap().mode, BridgeMode::Custom);
    bridges.use_built_in(Transport::Snowflake).unwrap();
    assert_eq!(
        bridges.current().unwrap().mode,
        BridgeMode::BuiltIn(Transport::Snowflake)
    );
    // The person's own are kept meanwhile, and come back.
    assert_eq!(bridges.own().unwrap().bridges.len(), 2);
    assert_eq!(bridges.use_own().unwrap(), (2, Applied::NextStart));
    assert_eq!(bridges.current().unwrap().bridges.len(), 2);
    bridges.off().unwrap();
    assert_eq!(bridges.current().unwrap().mode, BridgeMode::Direct);
    assert_eq!(bridges.own().unwrap().bridges.len(), 2);
}

#[test]
fn a_bad_line_among_several_writes_nothing() {
    let (temp, bridges) = setup();
    let err = bridges
        .add(&format!(
            "{}\nobfs4 192.0.2.2:443 {FINGERPRINT} cert=cut iat-mode=0\n",
            obfs4(1)
        ))
        .unwrap_err();
    let text = err.to_string();
    assert!(
        text.contains("line 2") && text.contains("Nothing was changed"),
        "{text}"
    );
    assert!(!temp.path().join("Data/Tor/torrc").exists());
    assert!(!temp.path().join("Data/Tor/custom-bridges").exists());
}

#[test]
fn remove_in_use_updates_tor_and_last_one_means_direct() {
    let (_temp, bridges) = setup();
    bridges.add(&format!("{}\n{}", obfs4(1), obfs4(2))).unwrap();
    let (removed, applied) = bridges.remove(1).unwrap();
    assert_eq!(removed.to_string(), obfs4(1));
    assert_eq!(applied, Some(Applied::NextStart));
    assert_eq!(bridges.current().unwrap().bridges, [obfs4(2)]);
    bridges.remove(1).unwrap();
    assert_eq!(bridges.current().unwrap().mode, BridgeMode::Direct);
    assert!(matches!(
        bridges.remove(1),
        Err(BridgeError::NoSuchBridge {
            number: 1,
            count: 0
        })
    ));
    assert!(matches!(
        bridges.use_own(),
        Err(BridgeError::Selection(SelectionError::NoCustomBridges))
    ));
}

#[test]
fn own_bridges_of_an_older_torrc_are_taken_over() {
    let (temp, bridges) = setup();
    std::fs::create_dir_all(temp.path().join("Data/Tor")).unwrap();
    std::fs::write(
        temp.path().join("Data/Tor/torrc"),
        format!(
            "Bridge {}\nUseBridges 1\n{LEGACY_OBFS4_PLUGIN_LINE}\n",
            obfs4(7)
        ),
    )
    .unwrap();
    assert_eq!(bridges.own().unwrap().bridges.len(), 1);
    bridges.use_built_in(Transport::Obfs4).unwrap();
    let torrc = std::fs::read_to_string(temp.path().join("Data/Tor/torrc")).unwrap();
    assert!(!torrc.contains(LEGACY_OBFS4_PLUGIN_LINE), "{torrc}");
    assert_eq!(bridges.use_own().unwrap().0, 1);
}

#[test]
fn transport_missing_from_the_bundle_is_refused() {
    let (temp, _) = setup();
    std::fs::remove_file(
        temp.path()
            .join("bundle/tor/pluggable_transports/snowflake-client"),
    )
    .unwrap();
    let bundle = Bundle::at(temp.path().join("bundle"));
    let bridges = Bridges::new(Profile::new(&temp.path().join("Data")).unwrap(), &bundle).unwrap();
    let err = bridges
        .use_built_in(Transport::Snowflake)
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("missing from the bundle") && err.contains("unpack"),
        "{err}"
    );
    assert!(!temp.path().join("Data/Tor/torrc").exists());
}
