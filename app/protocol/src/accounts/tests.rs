use super::*;
#[cfg(unix)]
use std::os::unix::fs::PermissionsExt;

fn sample() -> AccountsFile {
    let mut irc = AccountConfig::new(ProtocolKind::Irc, "alice", "irc.oftc.net", 6697).unwrap();
    irc.rooms = vec!["#tor".to_owned()];
    irc.sasl = SaslChoice::External;
    irc.client_certificate = Some("abc.pem".to_owned());
    irc.tls_name = Some("palladium.libera.chat".to_owned());
    irc.password = Some("not-remembered".to_owned());
    let mut xmpp =
        AccountConfig::new(ProtocolKind::Xmpp, "bob@xmpp.test", "xmpp.test", 5222).unwrap();
    xmpp.remember_password = true;
    xmpp.password = Some("remembered".to_owned());
    AccountsFile {
        accounts: vec![irc, xmpp],
    }
}

#[test]
fn round_trip_keeps_only_remembered_passwords() {
    let dir = tempfile::tempdir().unwrap();
    let file = sample();
    save_accounts(dir.path(), &file).unwrap();
    let text = std::fs::read_to_string(accounts_path(dir.path())).unwrap();
    assert!(!text.contains("not-remembered"));
    assert!(text.contains("remembered"));
    let loaded = load_accounts(dir.path()).unwrap();
    assert_eq!(loaded.accounts.len(), 2);
    assert_eq!(loaded.accounts[0].password, None);
    assert_eq!(loaded.accounts[0].rooms, vec!["#tor".to_owned()]);
    assert_eq!(loaded.accounts[0].sasl, SaslChoice::External);
    assert_eq!(
        loaded.accounts[0].client_certificate.as_deref(),
        Some("abc.pem")
    );
    assert_eq!(
        loaded.accounts[0].tls_name.as_deref(),
        Some("palladium.libera.chat")
    );
    // Accounts saved before these settings existed read as automatic, none, none.
    assert_eq!(loaded.accounts[1].sasl, SaslChoice::Automatic);
    assert!(!text.contains("sasl = \"automatic\""));
    assert_eq!(loaded.accounts[1].password.as_deref(), Some("remembered"));
    assert_ne!(
        loaded.accounts[0].isolation(),
        loaded.accounts[1].isolation()
    );
    assert!(!dir.path().join(".accounts.toml.new").exists());
}

#[cfg(unix)]
#[test]
fn file_is_private_and_loosened_modes_are_fixed() {
    let dir = tempfile::tempdir().unwrap();
    save_accounts(dir.path(), &sample()).unwrap();
    let path = accounts_path(dir.path());
    let mode = std::fs::metadata(&path).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o600);
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
    load_accounts(dir.path()).unwrap();
    let mode = std::fs::metadata(&path).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o600);
}

#[test]
fn missing_file_is_empty_and_damage_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    assert!(load_accounts(dir.path()).unwrap().accounts.is_empty());
    std::fs::write(accounts_path(dir.path()), "[[account]]\nid = 3\n").unwrap();
    let error = load_accounts(dir.path()).unwrap_err();
    assert!(matches!(error, AccountsError::Damaged { .. }), "{error:?}");
    assert!(error.to_string().contains("damaged"));
}

#[test]
fn tls_by_default_plaintext_only_for_onion() {
    assert_eq!(Transport::default_for("irc.oftc.net"), Transport::Tls);
    assert_eq!(
        Transport::default_for("oftcnet6xg6roj6d7id4y4cu6dchysacqj2ldgea73qzdagufflqxrid.ONION"),
        Transport::Plaintext
    );
    assert_eq!(Transport::default_for("onion.example"), Transport::Tls);
    let account = AccountConfig::new(ProtocolKind::Irc, "a", "x.onion", 6667).unwrap();
    assert_eq!(account.transport, Transport::Plaintext);
    assert!(account.is_onion());
}

#[test]
fn debug_hides_user_server_and_password() {
    let file = sample();
    let text = format!("{:?}", file.accounts[1]);
    assert!(!text.contains("bob"));
    assert!(!text.contains("remembered"));
    assert!(!text.contains("xmpp.test"));
}
