use super::*;
use p256::ecdsa::VerifyingKey;
use p256::ecdsa::signature::hazmat::PrehashVerifier;

#[test]
fn signs_the_raw_challenge_verifiably_with_the_certificates_key() {
    let pair = rcgen::KeyPair::generate_for(&rcgen::PKCS_ECDSA_P256_SHA256).unwrap();
    let key = EcdsaKey::from_pem(pair.serialize_pem().as_bytes()).unwrap();
    let challenge = [0x5a; CHALLENGE_LEN];
    let der = key.sign_challenge(&challenge).unwrap();
    let public = base64::engine::general_purpose::STANDARD
        .decode(key.public_key_base64())
        .unwrap();
    assert_eq!(public.len(), 33, "a compressed point");
    let verifying = VerifyingKey::from_sec1_bytes(&public).unwrap();
    let signature = Signature::from_der(&der).unwrap();
    verifying.verify_prehash(&challenge, &signature).unwrap();
    assert_eq!(format!("{key:?}"), "EcdsaKey([hidden])");
}

#[test]
fn wrong_sized_challenges_and_other_key_types_are_refused() {
    let pair = rcgen::KeyPair::generate_for(&rcgen::PKCS_ECDSA_P256_SHA256).unwrap();
    let key = EcdsaKey::from_pem(pair.serialize_pem().as_bytes()).unwrap();
    assert!(key.sign_challenge(&[1; 31]).is_err());
    assert!(key.sign_challenge(&[1; 64]).is_err());
    let ed25519 = rcgen::KeyPair::generate_for(&rcgen::PKCS_ED25519).unwrap();
    assert!(EcdsaKey::from_pem(ed25519.serialize_pem().as_bytes()).is_none());
    assert!(EcdsaKey::from_pem(b"garbage").is_none());
}
