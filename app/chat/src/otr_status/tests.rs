use super::*;

#[test]
fn only_the_two_secure_states_are_encrypted() {
    assert!(!OtrStatus::NotPrivate.is_encrypted());
    assert!(OtrStatus::Unverified.is_encrypted());
    assert!(OtrStatus::Verified.is_encrypted());
    assert!(!OtrStatus::Finished.is_encrypted());
}

#[test]
fn required_encryption_never_allows_plaintext() {
    for status in [
        OtrStatus::NotPrivate,
        OtrStatus::Unverified,
        OtrStatus::Verified,
        OtrStatus::Finished,
    ] {
        assert!(!status.allows_plaintext(true), "{status:?}");
    }
    assert!(OtrStatus::NotPrivate.allows_plaintext(false));
    assert!(!OtrStatus::Finished.allows_plaintext(false));
}
