use super::*;

// RFC 7677 section 3: user "user", password "pencil".
const NONCE: &str = "rOprNGfwEbeRWgbNEkqO";
const SERVER_FIRST: &str =
    "r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096";
const CLIENT_FINAL: &str = "c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=";
const SERVER_FINAL: &str = "v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=";

#[test]
fn rfc_7677_vectors() {
    let mut client = ScramClient::with_nonce("user", NONCE);
    assert_eq!(client.client_first(), "n,,n=user,r=rOprNGfwEbeRWgbNEkqO");
    assert_eq!(
        client.client_final(SERVER_FIRST, "pencil").unwrap(),
        CLIENT_FINAL
    );
    client.verify_server_final(SERVER_FINAL).unwrap();
}

#[test]
fn a_server_that_does_not_know_the_password_is_refused() {
    let mut client = ScramClient::with_nonce("user", NONCE);
    client.client_final(SERVER_FIRST, "pencil").unwrap();
    let forged = "v=AAAATRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=";
    assert!(
        client
            .verify_server_final(forged)
            .unwrap_err()
            .contains("could not prove")
    );
    assert!(client.verify_server_final("e=invalid-proof").is_err());
    // A final message before the challenge was answered.
    let fresh = ScramClient::with_nonce("user", NONCE);
    assert!(fresh.verify_server_final(SERVER_FINAL).is_err());
}

#[test]
fn weak_or_hostile_challenges_are_refused() {
    for (challenge, expected) in [
        (
            "r=rOprNGfwEbeRWgbNEkqOxyz,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=1",
            "iterations",
        ),
        (
            "r=rOprNGfwEbeRWgbNEkqOxyz,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=99999999",
            "iterations",
        ),
        ("r=someoneelse,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096", "nonce"),
        ("r=rOprNGfwEbeRWgbNEkqO,s=W22Za,i=4096", "nonce"),
        ("r=rOprNGfwEbeRWgbNEkqOx,s=!!!,i=4096", "base64"),
        ("r=rOprNGfwEbeRWgbNEkqOx,i=4096", "incomplete"),
        ("m=ext,r=rOprNGfwEbeRWgbNEkqOx,s=AA==,i=4096", "extension"),
    ] {
        let mut client = ScramClient::with_nonce("user", NONCE);
        let error = client.client_final(challenge, "pencil").unwrap_err();
        assert!(error.contains(expected), "{challenge}: {error}");
    }
}

#[test]
fn names_with_separators_are_escaped() {
    let client = ScramClient::with_nonce("a=b,c", "n");
    assert_eq!(client.client_first(), "n,,n=a=3Db=2Cc,r=n");
}
