use super::*;
use crate::test_keys::CliKey;

#[test]
fn a_file_signed_by_the_minisign_cli_verifies() {
    let key = CliKey::generate();
    let file = key.dir.path().join("bundle.tar.xz");
    std::fs::write(&file, b"the bundle bytes").unwrap();
    key.sign(&file, false);
    let verified = verify_file(&file, None, &key.trusted()).unwrap();
    assert_eq!(verified.key_id.to_string(), key.id);
    assert_eq!(verified.bytes, 16);
    assert!(verified.trusted_comment.starts_with("timestamp:"));
}

#[test]
fn a_changed_file_is_refused_as_tampered() {
    let key = CliKey::generate();
    let file = key.dir.path().join("bundle.tar.xz");
    std::fs::write(&file, b"the bundle bytes").unwrap();
    key.sign(&file, false);
    std::fs::write(&file, b"the bundle byteZ").unwrap();
    let error = verify_file(&file, None, &key.trusted()).unwrap_err();
    assert!(matches!(error, VerifyError::BadSignature { .. }), "{error}");
    assert!(error.to_string().contains("tampered"));
}

#[test]
fn a_signature_by_another_key_is_refused_with_its_id() {
    let signer = CliKey::generate();
    let release = CliKey::generate();
    let file = signer.dir.path().join("f");
    std::fs::write(&file, b"x").unwrap();
    signer.sign(&file, false);
    let error = verify_file(&file, None, &release.trusted()).unwrap_err();
    match error {
        VerifyError::UnknownKey { key_id } => assert_eq!(key_id, signer.id),
        other => panic!("expected UnknownKey, got {other}"),
    }
}

#[test]
fn a_legacy_signature_is_refused() {
    let key = CliKey::generate();
    let file = key.dir.path().join("f");
    std::fs::write(&file, b"x").unwrap();
    key.sign(&file, true);
    let error = verify_file(&file, None, &key.trusted()).unwrap_err();
    assert!(matches!(error, VerifyError::LegacySignature), "{error}");
}

#[test]
fn garbage_and_missing_files_give_clear_errors() {
    let key = CliKey::generate();
    let file = key.dir.path().join("f");
    std::fs::write(&file, b"x").unwrap();
    std::fs::write(key.dir.path().join("f.minisig"), "hello\nworld\n").unwrap();
    let error = verify_file(&file, None, &key.trusted()).unwrap_err();
    assert!(
        matches!(error, VerifyError::BadSignatureFile { .. }),
        "{error}"
    );
    let missing = key.dir.path().join("nope");
    let error = verify_file(&missing, Some(&file), &key.trusted()).unwrap_err();
    assert!(matches!(
        error,
        VerifyError::BadSignatureFile { .. } | VerifyError::Read { .. }
    ));
    let error = verify_file(&missing, None, &key.trusted()).unwrap_err();
    assert!(matches!(error, VerifyError::Read { .. }), "{error}");
}

#[test]
fn a_reader_verifies_like_a_file() {
    let key = CliKey::generate();
    let file = key.dir.path().join("f");
    let data = vec![7u8; 3 * CHUNK + 5];
    std::fs::write(&file, &data).unwrap();
    key.sign(&file, false);
    let signature = std::fs::read_to_string(default_signature_path(&file)).unwrap();
    let verified = verify_reader(&data[..], &signature, &key.trusted()).unwrap();
    assert_eq!(verified.bytes, data.len() as u64);
    let error = verify_reader(&data[1..], &signature, &key.trusted()).unwrap_err();
    assert!(matches!(error, VerifyError::BadSignature { .. }));
}
