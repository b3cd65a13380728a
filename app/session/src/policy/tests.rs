use super::*;
use messenger_protocol::ProtocolKind;

#[test]
fn per_contact_keys_resolve_by_account_label() {
    let account = messenger_otr::OtrAccount::new("alice@irc.test", ProtocolKind::Irc);
    let mut policy = OtrPolicy::default();
    policy
        .require_encryption_for
        .insert("alice@irc.test/bob".into(), true);
    policy
        .require_encryption_for
        .insert("unknown/carol".into(), true);
    policy
        .require_encryption_for
        .insert("no-slash".into(), true);
    let settings = policy.otr_settings(&[("alice@irc.test".into(), account.clone())]);
    assert_eq!(settings.require_encryption_for.len(), 1);
    assert!(settings.requires_encryption(&PeerId::new(account.clone(), "bob")));
    assert!(!settings.requires_encryption(&PeerId::new(account, "carol")));
}
