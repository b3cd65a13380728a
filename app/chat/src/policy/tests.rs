use super::*;

#[test]
fn a_contact_choice_overrides_the_global_one() {
    let mut policy = EncryptionPolicy::default();
    assert!(!policy.requires_encryption("alice"));
    policy.per_contact.insert("alice".into(), true);
    assert!(policy.requires_encryption("alice"));
    policy.require_globally = true;
    policy.per_contact.insert("bob".into(), false);
    assert!(!policy.requires_encryption("bob"));
    assert!(policy.requires_encryption("carol"));
}
