use super::*;
use messenger_ui::{Language, Theme};
use std::os::unix::fs::PermissionsExt;

#[test]
fn saves_atomically_with_owner_only_permissions() {
    let dir = tempfile::tempdir().unwrap();
    let profile_dir = dir.path().join("Data");
    let mut profile = SettingsFile::default();
    profile.settings.language = Language::Persian;
    profile.settings.theme = Theme::Dark;
    save(&profile_dir, &profile).unwrap();
    let file = profile_dir.join(FILE);
    let mode = std::fs::metadata(&file).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);
    let dir_mode = std::fs::metadata(&profile_dir)
        .unwrap()
        .permissions()
        .mode()
        & 0o777;
    assert_eq!(dir_mode, 0o700);
    assert_eq!(load(&profile_dir).unwrap(), profile);
    assert!(!profile_dir.join(format!(".{FILE}.tmp")).exists());
}

#[test]
fn a_missing_profile_gives_defaults_and_a_damaged_one_an_error() {
    let dir = tempfile::tempdir().unwrap();
    assert_eq!(load(dir.path()).unwrap(), SettingsFile::default());
    std::fs::write(dir.path().join(FILE), "settings = 3").unwrap();
    let error = load(dir.path()).unwrap_err().to_string();
    assert!(error.contains("damaged"), "{error}");
}
