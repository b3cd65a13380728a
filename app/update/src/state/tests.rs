use super::*;
use std::os::unix::fs::PermissionsExt;

#[test]
fn round_trips_with_private_permissions() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("update-state.json");
    assert_eq!(UpdateState::load(&path).unwrap(), UpdateState::default());
    let state = UpdateState {
        highest_sequence: 9,
        manifest_sha256: "ab".into(),
        highest_version: "0.2.0".into(),
        added_keys: vec!["RW...".into()],
        revoked_keys: vec![],
    };
    state.save(&path).unwrap();
    assert_eq!(UpdateState::load(&path).unwrap(), state);
    let mode = std::fs::metadata(&path).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o600);
}

#[test]
fn a_damaged_file_is_reported_and_kept() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("update-state.json");
    std::fs::write(&path, b"{ truncated").unwrap();
    assert!(matches!(
        UpdateState::load(&path),
        Err(StateError::Corrupt { .. })
    ));
    assert_eq!(std::fs::read(&path).unwrap(), b"{ truncated");
}
