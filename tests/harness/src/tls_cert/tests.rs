use super::*;

#[test]
fn writes_pem_files_and_hashes_the_der() {
    let dir = tempfile::tempdir().unwrap();
    let cert = SelfSignedCert::generate("test", &["xmpp.test"], dir.path()).unwrap();
    let pem = std::fs::read_to_string(&cert.cert_pem_path).unwrap();
    assert!(pem.starts_with("-----BEGIN CERTIFICATE-----"));
    let key = std::fs::read_to_string(&cert.key_pem_path).unwrap();
    assert!(key.contains("PRIVATE KEY"));
    let expected: [u8; 32] = Sha256::digest(&cert.cert_der).into();
    assert_eq!(cert.sha256, expected);
}

#[test]
fn a_client_certificate_has_distinct_fingerprints() {
    let first = ClientCert::generate("test", "alice").unwrap();
    let second = ClientCert::generate("test", "alice").unwrap();
    assert_eq!(first.sha256_hex().len(), 64);
    assert_eq!(first.sha512_hex().len(), 128);
    assert_ne!(first.sha256_hex(), second.sha256_hex());
    assert_eq!(
        first.sha256_hex(),
        hex(&Sha256::digest(&first.cert_der)),
        "over the DER certificate"
    );
}
