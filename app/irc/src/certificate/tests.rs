use super::*;

#[test]
fn generated_certificates_are_distinct_neutral_and_usable() {
    let one = generate().unwrap();
    let two = generate().unwrap();
    let first = one.fingerprints().unwrap();
    let second = two.fingerprints().unwrap();
    assert_ne!(first, second, "never shared between accounts");
    assert_eq!(first.sha512.len(), 128);
    assert_eq!(first.sha256.len(), 64);
    assert_eq!(first.sha1.len(), 40);
    assert!(first.ecdsa_public_key.is_some());
    assert!(one.ecdsa_key().is_some());
    one.client_certificate().unwrap();
    let commands = first.registration_commands();
    assert_eq!(
        commands[0],
        format!("/msg NickServ CERT ADD {}", first.sha512)
    );
    assert!(commands[2].starts_with("/msg NickServ SET PUBKEY "));
    assert_eq!(format!("{one:?}"), "CertificateFile([hidden])");
}

#[test]
fn import_checks_the_pair_and_keeps_both_parts() {
    let key = rcgen::KeyPair::generate().unwrap();
    let certificate = rcgen::CertificateParams::new(vec!["x".to_owned()])
        .unwrap()
        .self_signed(&key)
        .unwrap();
    let imported = import(
        certificate.pem().as_bytes(),
        Some(key.serialize_pem().as_bytes()),
    )
    .unwrap();
    imported.client_certificate().unwrap();
    let error = import(certificate.pem().as_bytes(), None).unwrap_err();
    assert!(error.to_string().contains("no private key"), "{error}");
    let error = import(b"-----BEGIN CERTIFICATE-----\nnot base64\n", None).unwrap_err();
    assert!(error.to_string().contains("cannot be used"), "{error}");
}
