use super::*;

fn offered(list: &[&str]) -> Vec<String> {
    list.iter().map(|m| (*m).to_owned()).collect()
}

#[test]
fn automatic_order_prefers_the_certificate_then_scram_then_plain() {
    let everything = Credentials {
        password: true,
        certificate: true,
        ecdsa: true,
        secure_link: true,
    };
    let all = offered(&[
        "PLAIN",
        "EXTERNAL",
        "SCRAM-SHA-256",
        "ECDSA-NIST256P-CHALLENGE",
    ]);
    assert_eq!(
        candidates(SaslChoice::Automatic, &everything, Some(&all)).unwrap(),
        vec![
            Mechanism::External,
            Mechanism::ScramSha256,
            Mechanism::Plain
        ]
    );
    // Atheme 7.2: no SCRAM.
    let atheme = offered(&["PLAIN", "EXTERNAL", "ECDSA-NIST256P-CHALLENGE"]);
    let password_only = Credentials {
        password: true,
        secure_link: true,
        ..Credentials::default()
    };
    assert_eq!(
        candidates(SaslChoice::Automatic, &password_only, Some(&atheme)).unwrap(),
        vec![Mechanism::Plain]
    );
    // sasl-3.1 (no list): PLAIN, never a guess at SCRAM.
    assert_eq!(
        candidates(SaslChoice::Automatic, &password_only, None).unwrap(),
        vec![Mechanism::Plain]
    );
}

#[test]
fn plain_is_never_chosen_on_an_unencrypted_clearnet_link() {
    let insecure = Credentials {
        password: true,
        secure_link: false,
        ..Credentials::default()
    };
    let list = offered(&["PLAIN", "SCRAM-SHA-256"]);
    assert_eq!(
        candidates(SaslChoice::Automatic, &insecure, Some(&list)).unwrap(),
        vec![Mechanism::ScramSha256]
    );
    assert!(
        candidates(SaslChoice::Automatic, &insecure, Some(&offered(&["PLAIN"])))
            .unwrap()
            .is_empty()
    );
    let refused = candidates(SaslChoice::Plain, &insecure, Some(&list)).unwrap_err();
    assert!(refused.0.contains("unencrypted"), "{refused:?}");
}

#[test]
fn an_explicit_choice_the_server_lacks_is_refused_with_its_list() {
    let with_certificate = Credentials {
        certificate: true,
        secure_link: true,
        ..Credentials::default()
    };
    let refused = candidates(
        SaslChoice::External,
        &with_certificate,
        Some(&offered(&["PLAIN"])),
    )
    .unwrap_err();
    assert!(refused.0.contains("does not offer EXTERNAL"), "{refused:?}");
    assert!(refused.0.contains("PLAIN"), "{refused:?}");
    assert!(candidates(SaslChoice::External, &Credentials::default(), None).is_err());
    assert!(candidates(SaslChoice::EcdsaNist256pChallenge, &with_certificate, None).is_err());
    assert!(
        candidates(SaslChoice::Off, &with_certificate, None)
            .unwrap()
            .is_empty()
    );
}
