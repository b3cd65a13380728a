use super::*;
use messenger_protocol::ProtocolKind;
use std::os::unix::fs::PermissionsExt;

#[test]
fn each_account_gets_its_own_private_file() {
    let profile = tempfile::tempdir().unwrap();
    let mut one = AccountConfig::new(ProtocolKind::Irc, "a", "irc.test", 6697).unwrap();
    let mut two = AccountConfig::new(ProtocolKind::Irc, "b", "irc.test", 6697).unwrap();
    let first = create(profile.path(), &mut one, &CertificateSource::Generate).unwrap();
    let second = create(profile.path(), &mut two, &CertificateSource::Generate).unwrap();
    assert_ne!(first.sha256, second.sha256);
    let path = certificates_dir(profile.path()).join(one.client_certificate.as_ref().unwrap());
    let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);
    let dir_mode = std::fs::metadata(certificates_dir(profile.path()))
        .unwrap()
        .permissions()
        .mode()
        & 0o777;
    assert_eq!(dir_mode, 0o700);
    assert_eq!(fingerprints(profile.path(), &one).unwrap().unwrap(), first);
}

#[test]
fn a_file_that_does_not_parse_changes_nothing_and_says_why() {
    let profile = tempfile::tempdir().unwrap();
    let mut account = AccountConfig::new(ProtocolKind::Irc, "a", "irc.test", 6697).unwrap();
    let error = create(
        profile.path(),
        &mut account,
        &CertificateSource::Import {
            pem: b"not a certificate".to_vec(),
            key_pem: None,
        },
    )
    .unwrap_err();
    assert!(error.contains("no certificate"), "{error}");
    assert!(account.client_certificate.is_none());
    assert!(!certificates_dir(profile.path()).exists());
    // A damaged stored file is reported, not a panic.
    account.client_certificate = Some("missing.pem".into());
    assert!(fingerprints(profile.path(), &account).unwrap().is_err());
}
