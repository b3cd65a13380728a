use super::*;
use std::ffi::OsString;

fn executable(dir: &Path, name: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, "#!/bin/sh\n").unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
    path
}

#[test]
fn explicit_wins() {
    let temp = tempfile::tempdir().unwrap();
    let tor = executable(temp.path(), "mytor");
    let found = find_tor(Some(&tor), &Bundle::at(temp.path()), None).unwrap();
    assert_eq!(found.origin, TorOrigin::CommandLine);
}

#[test]
fn explicit_missing_or_not_executable_is_an_error() {
    let temp = tempfile::tempdir().unwrap();
    let err = find_tor(
        Some(&temp.path().join("none")),
        &Bundle::at(temp.path()),
        None,
    )
    .unwrap_err();
    assert!(err.to_string().contains("does not exist"), "{err}");
    let plain = temp.path().join("plain");
    std::fs::write(&plain, "").unwrap();
    let err = find_tor(Some(&plain), &Bundle::at(temp.path()), None).unwrap_err();
    assert!(err.to_string().contains("is not executable"), "{err}");
}

#[test]
fn bundled_before_path() {
    let temp = tempfile::tempdir().unwrap();
    std::fs::create_dir(temp.path().join("tor")).unwrap();
    executable(&temp.path().join("tor"), "tor");
    let other = tempfile::tempdir().unwrap();
    executable(other.path(), "tor");
    let path = OsString::from(other.path());
    let found = find_tor(None, &Bundle::at(temp.path()), Some(&path)).unwrap();
    assert_eq!(found.origin, TorOrigin::Bundled);
}

#[test]
fn path_as_last_resort() {
    let bundle = tempfile::tempdir().unwrap();
    let other = tempfile::tempdir().unwrap();
    executable(other.path(), "tor");
    let path = std::env::join_paths(["/nonexistent", other.path().to_str().unwrap()]).unwrap();
    let found = find_tor(None, &Bundle::at(bundle.path()), Some(&path)).unwrap();
    assert_eq!(found.origin, TorOrigin::SearchPath);
    assert_eq!(found.path, other.path().join("tor"));
}

#[test]
fn nothing_found() {
    let bundle = tempfile::tempdir().unwrap();
    let path = OsString::from("/nonexistent");
    let err = find_tor(None, &Bundle::at(bundle.path()), Some(&path)).unwrap_err();
    assert!(matches!(err, LaunchError::TorNotFound { .. }));
    assert!(err.to_string().contains("--tor"), "{err}");
}
