use super::*;
use messenger_protocol::ProtocolKind;

#[test]
fn saved_accounts_become_configs() {
    let mut saved =
        AccountConfig::new(ProtocolKind::Xmpp, "alice@xmpp.test", "xmpp.test", 5222).unwrap();
    saved.rooms = vec!["lobby@conference.xmpp.test".to_owned()];
    let config = XmppAccountConfig::from_account(&saved, Some("pw")).unwrap();
    assert_eq!(config.jid.to_string(), "alice@xmpp.test");
    assert_eq!(config.host(), "xmpp.test");
    assert_eq!(config.host, None);
    assert_eq!(config.rooms, saved.rooms);
    assert_eq!(config.isolation, saved.isolation());

    saved.server = "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyz2345.onion".to_owned();
    let config = XmppAccountConfig::from_account(&saved, Some("pw")).unwrap();
    assert_eq!(config.host(), saved.server);

    assert_eq!(
        XmppAccountConfig::from_account(&saved, None).unwrap_err(),
        InvalidAccount::NoPassword
    );
    saved.user = "xmpp.test".to_owned();
    assert_eq!(
        XmppAccountConfig::from_account(&saved, Some("pw")).unwrap_err(),
        InvalidAccount::BadAddress
    );
    assert!(!format!("{config:?}").contains("alice"));
}
