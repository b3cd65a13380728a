use super::*;

#[test]
fn throwaway_accounts_are_random_and_remember_their_password() {
    let a = throwaway_account("xmpp.test", 5222).unwrap();
    let b = throwaway_account(" xmpp.test ", 5222).unwrap();
    assert_ne!(a.user, b.user);
    assert!(
        a.user.starts_with("tm") && a.user.ends_with("@xmpp.test"),
        "{a:?}"
    );
    assert_eq!(a.user.len(), "tm@xmpp.test".len() + 12);
    assert!(a.remember_password);
    assert_eq!(a.password.as_deref().map(str::len), Some(32));
    assert_ne!(a.password, b.password);
    assert_eq!(a.protocol, ProtocolKind::Xmpp);
}

#[test]
fn bad_servers_are_refused_in_words() {
    assert_eq!(
        throwaway_account("  ", 5222).unwrap_err(),
        "Enter the XMPP server's name."
    );
    assert!(throwaway_account("bad server", 5222).is_err());
}
