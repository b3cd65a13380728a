use super::*;

#[test]
fn a_profile_survives_toml() {
    let mut profile = SettingsFile::default();
    profile.settings.language = Language::BrazilianPortuguese;
    profile.settings.theme = Theme::Dark;
    profile
        .settings
        .require_encryption_for
        .insert("OFTC/bob".into(), true);
    let text = profile.to_toml().unwrap();
    assert!(text.contains("language = \"pt-BR\""), "{text}");
    assert_eq!(SettingsFile::from_toml(&text).unwrap(), profile);
}

#[test]
fn an_empty_file_gives_defaults() {
    let profile = SettingsFile::from_toml("").unwrap();
    assert!(!profile.settings.first_run_done);
}

#[test]
fn a_damaged_file_is_reported_without_its_content() {
    let error = SettingsFile::from_toml("[settings]\nlanguage = \"hunter2\"")
        .unwrap_err()
        .to_string();
    assert!(error.contains("damaged"), "{error}");
    assert!(!error.contains("hunter2"), "{error}");
}
