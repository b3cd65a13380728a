use super::*;

fn generated() -> (String, String) {
    let key = rcgen::KeyPair::generate().unwrap();
    let params = rcgen::CertificateParams::new(vec!["user".to_owned()]).unwrap();
    let certificate = params.self_signed(&key).unwrap();
    (certificate.pem(), key.serialize_pem())
}

#[test]
fn one_file_or_two_files_are_read() {
    let (certificate, key) = generated();
    let both = format!("{certificate}{key}");
    let one = ClientCertificate::from_pem(both.as_bytes(), None).unwrap();
    let two = ClientCertificate::from_pem(certificate.as_bytes(), Some(key.as_bytes())).unwrap();
    assert_eq!(one.end_entity_der(), two.end_entity_der());
    assert!(!one.end_entity_der().is_empty());
    assert!(!format!("{one:?}").contains("PRIVATE"));
}

/// A PEM text, a separate key PEM, and words the refusal must contain.
type Case<'a> = (&'a [u8], Option<&'a [u8]>, &'a str);

#[test]
fn unusable_files_are_refused_clearly() {
    let (certificate, key) = generated();
    let (_, other_key) = generated();
    let cases: [Case<'_>; 4] = [
        (b"not pem at all", None, "no certificate"),
        (certificate.as_bytes(), None, "no private key"),
        (key.as_bytes(), None, "no certificate"),
        (
            certificate.as_bytes(),
            Some(other_key.as_bytes()),
            "does not belong",
        ),
    ];
    for (pem, key_pem, expected) in cases {
        let error = ClientCertificate::from_pem(pem, key_pem).unwrap_err();
        assert!(error.to_string().contains(expected), "{error}");
        assert!(!error.is_tls_refusal());
    }
}
