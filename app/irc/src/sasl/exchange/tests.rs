use super::*;

fn b64(text: &str) -> String {
    base64::engine::general_purpose::STANDARD.encode(text)
}

fn secrets(password: Option<&str>) -> Secrets {
    Secrets {
        account: "user".to_owned(),
        password: password.map(|p| Sensitive::new(p.to_owned())),
        ecdsa: None,
    }
}

fn sent(step: Step) -> Vec<String> {
    match step {
        Step::Send(lines) => lines,
        other => panic!("expected lines to send, got {other:?}"),
    }
}

fn decoded(lines: &[String]) -> String {
    let joined: String = lines.iter().filter(|l| *l != "+").cloned().collect();
    String::from_utf8(
        base64::engine::general_purpose::STANDARD
            .decode(joined)
            .unwrap(),
    )
    .unwrap()
}

/// A scripted SCRAM-SHA-256 server replaying RFC 7677's exchange through AUTHENTICATE lines.
#[test]
fn scram_sha_256_scripted_exchange() {
    let mut exchange = Exchange::scram_with_nonce("rOprNGfwEbeRWgbNEkqO", secrets(Some("pencil")));
    let first = sent(exchange.authenticate("+"));
    assert_eq!(decoded(&first), "n,,n=user,r=rOprNGfwEbeRWgbNEkqO");
    let server_first =
        "r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096";
    let last = sent(exchange.authenticate(&b64(server_first)));
    assert!(decoded(&last).ends_with(",p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ="));
    assert!(!exchange.complete(), "not before the server proved itself");
    let done = sent(exchange.authenticate(&b64("v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=")));
    assert_eq!(done, vec!["+"]);
    assert!(exchange.complete());
    // Anything more is a protocol error.
    assert!(matches!(exchange.authenticate("+"), Step::Fail(_)));
}

#[test]
fn scram_with_a_server_that_cannot_prove_itself_fails() {
    let mut exchange = Exchange::scram_with_nonce("rOprNGfwEbeRWgbNEkqO", secrets(Some("pencil")));
    exchange.authenticate("+");
    exchange.authenticate(&b64(
        "r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096",
    ));
    let step = exchange.authenticate(&b64("v=bm90IHRoZSBzaWduYXR1cmU="));
    assert!(matches!(step, Step::Fail(reason) if reason.contains("could not prove")));
    assert!(!exchange.complete());
}

#[test]
fn plain_external_and_their_lines() {
    let mut plain = Exchange::new(Mechanism::Plain, secrets(Some("pw"))).unwrap();
    assert_eq!(sent(plain.authenticate("+")), vec!["dXNlcgB1c2VyAHB3"]);
    assert!(plain.complete());
    let mut external = Exchange::new(Mechanism::External, secrets(None)).unwrap();
    assert_eq!(sent(external.authenticate("+")), vec!["+"]);
    assert!(external.complete());
    // A PLAIN message of exactly 300 bytes is 400 base64 characters: a lone + follows.
    let exact = plain_message("user", &"p".repeat(300 - 10));
    let lines = encode_payload(&exact);
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0].len(), 400);
    assert_eq!(lines[1], "+");
}

#[test]
fn ecdsa_sends_the_name_then_a_signature() {
    let pair = rcgen::KeyPair::generate_for(&rcgen::PKCS_ECDSA_P256_SHA256).unwrap();
    let mut with_key = secrets(None);
    with_key.ecdsa = EcdsaKey::from_pem(pair.serialize_pem().as_bytes());
    let mut exchange = Exchange::new(Mechanism::EcdsaNist256pChallenge, with_key).unwrap();
    assert_eq!(decoded(&sent(exchange.authenticate("+"))), "user");
    let challenge = base64::engine::general_purpose::STANDARD.encode([7u8; 32]);
    let signature = sent(exchange.authenticate(&challenge));
    assert_eq!(signature.len(), 1);
    assert!(exchange.complete());
    // A challenge of the wrong size is refused, not signed.
    let mut again = Exchange::new(Mechanism::EcdsaNist256pChallenge, secrets(None)).unwrap();
    again.authenticate("+");
    assert!(matches!(again.authenticate(&b64("short")), Step::Fail(_)));
}

#[test]
fn hostile_challenges_end_the_exchange() {
    let mut long_line = Exchange::new(Mechanism::Plain, secrets(Some("pw"))).unwrap();
    let step = long_line.authenticate(&"A".repeat(401));
    assert!(matches!(step, Step::Fail(reason) if reason.contains("401 bytes")));

    let mut endless = Exchange::new(Mechanism::Plain, secrets(Some("pw"))).unwrap();
    let mut outcome = Step::Wait;
    for _ in 0..100 {
        outcome = endless.authenticate(&"A".repeat(400));
        if outcome != Step::Wait {
            break;
        }
    }
    assert!(matches!(outcome, Step::Fail(reason) if reason.contains("longer than 8192")));

    let mut garbage = Exchange::new(Mechanism::Plain, secrets(Some("pw"))).unwrap();
    assert!(matches!(garbage.authenticate("!!!"), Step::Fail(_)));

    let mut no_password = Exchange::new(Mechanism::Plain, secrets(None)).unwrap();
    assert!(matches!(no_password.authenticate("+"), Step::Fail(_)));
}
