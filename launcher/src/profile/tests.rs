use super::*;
use std::os::unix::fs::PermissionsExt;

#[test]
fn paths_and_private_tor_dir() {
    let temp = tempfile::tempdir().unwrap();
    let profile = Profile::new(&temp.path().join("Data")).unwrap();
    assert_eq!(profile.user_torrc(), temp.path().join("Data/Tor/torrc"));
    profile.ensure_tor_dir().unwrap();
    profile.ensure_user_torrc().unwrap();
    assert!(
        std::fs::read_to_string(profile.user_torrc())
            .unwrap()
            .starts_with("# Your own")
    );
    std::fs::write(profile.user_torrc(), "Mine 1\n").unwrap();
    profile.ensure_user_torrc().unwrap();
    assert_eq!(
        std::fs::read_to_string(profile.user_torrc()).unwrap(),
        "Mine 1\n"
    );
    let mode = std::fs::metadata(profile.tor_dir())
        .unwrap()
        .permissions()
        .mode();
    assert_eq!(mode & 0o777, 0o700);
}

#[test]
fn relative_dir_becomes_absolute() {
    let profile = Profile::new(Path::new("Data")).unwrap();
    assert!(profile.dir().is_absolute());
}
