use super::*;

// Made once with `minisign -G -W` for this test (public half only; the secret is gone).
const PUB: &str = "untrusted comment: minisign public key CF33F208F7F2C15F\nRWRfwfL3CPIzz1qXCxwGEL4NrjYHMyHEm6iCpfa6dxQtdWvOXJg3WZH3\n";

#[test]
fn key_ids_print_like_minisign() {
    let mut keys = TrustedKeys::empty();
    let id = keys.add_minisign_pub(PUB).unwrap();
    assert_eq!(id.to_string(), "CF33F208F7F2C15F");
    assert_eq!(KeyId::from_hex("cf33f208f7f2c15f"), Some(id));
    assert_eq!(KeyId(1u64.to_le_bytes()).to_string(), "1");
    assert_eq!(KeyId::from_hex("0001"), Some(KeyId(1u64.to_le_bytes())));
    assert_eq!(KeyId::from_hex("xyz"), None);
    assert_eq!(KeyId::from_hex("11112222333344445"), None);
    assert!(keys.contains(id));
    assert!(keys.remove(id));
    assert!(!keys.contains(id));
}

#[test]
fn garbage_is_not_a_key() {
    let mut keys = TrustedKeys::empty();
    assert!(
        keys.add_minisign_pub("untrusted comment: x\nnot base64 at all\n")
            .is_none()
    );
    assert!(keys.add_minisign_pub("").is_none());
}

#[test]
fn a_folder_without_keys_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let err = TrustedKeys::load_dir(dir.path()).unwrap_err();
    assert!(matches!(err, VerifyError::NoKeys { .. }), "{err}");
    std::fs::write(dir.path().join("bad.pub"), "untrusted comment: x\nAAAA\n").unwrap();
    let err = TrustedKeys::load_dir(dir.path()).unwrap_err();
    assert!(matches!(err, VerifyError::BadKey { .. }), "{err}");
}
