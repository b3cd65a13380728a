use super::*;

#[test]
fn sign_then_verify_and_tamper() {
    let private = [7u8; 32];
    let public = MontgomeryPoint::mul_base_clamped(private).0;
    let signature = sign(&private, b"message", &[9u8; 64]);
    assert!(verify(&public, b"message", &signature));
    assert!(!verify(&public, b"massage", &signature));
    let mut bad = signature;
    bad[5] ^= 1;
    assert!(!verify(&public, b"message", &bad));
    // Setting the legacy sign bit selects the other Edwards key: no longer valid.
    let mut flipped = signature;
    flipped[63] |= 0x80;
    assert!(!verify(&public, b"message", &flipped));
}

#[test]
fn non_canonical_key_is_refused() {
    let mut p = [0xFFu8; 32];
    p[31] = 0x7F;
    p[0] = 0xED;
    assert!(!is_canonical_field_element(&p));
    p[0] = 0xEC;
    assert!(is_canonical_field_element(&p));
}
