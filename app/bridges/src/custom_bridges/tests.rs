use super::*;
use std::os::unix::fs::PermissionsExt;

const FINGERPRINT: &str = "0123456789ABCDEF0123456789ABCDEF01234567";

#[test]
fn missing_file_is_none_then_round_trip_private() {
    let dir = tempfile::tempdir().unwrap();
    let path = CustomBridges::path(dir.path());
    assert_eq!(CustomBridges::load(&path).unwrap(), None);
    let mut bridges = CustomBridges::default();
    let one = BridgeLine::parse(&format!("192.0.2.1:443 {FINGERPRINT}")).unwrap();
    assert_eq!(bridges.add(&[one.clone(), one.clone()]), 1);
    bridges.save(&path).unwrap();
    let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);
    assert_eq!(CustomBridges::load(&path).unwrap(), Some(bridges));
}

#[test]
fn only_comments_is_empty_and_a_bad_line_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let path = CustomBridges::path(dir.path());
    std::fs::write(&path, "# nothing\n\n").unwrap();
    assert_eq!(
        CustomBridges::load(&path).unwrap(),
        Some(CustomBridges::default())
    );
    std::fs::write(&path, "# x\n192.0.2.1:443 nonsense\n").unwrap();
    let err = CustomBridges::load(&path).unwrap_err().to_string();
    assert!(
        err.contains("line 2") && err.contains("fingerprint"),
        "{err}"
    );
}
