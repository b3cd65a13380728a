use super::*;
use messenger_net::{TlsTrust, TorSocks};

fn messenger(profile_dir: &std::path::Path, accounts: AccountsFile) -> Messenger {
    let (_tor, tor_updates) = std::sync::mpsc::channel();
    let updates = UpdateChecker::new(
        None,
        messenger_update::TrustedKeys::empty(),
        profile_dir,
        profile_dir,
        TorSocks::localhost(9),
        TlsTrust::public_roots().unwrap(),
        None,
    );
    Messenger::new(Start {
        profile: SettingsFile::default(),
        accounts,
        profile_dir: profile_dir.to_path_buf(),
        fonts_dir: profile_dir.join("fonts"),
        tor_updates,
        tor_requests: None,
        network: None,
        updates,
        utc_offset_seconds: 0,
    })
}

#[test]
fn removing_an_account_deletes_it_from_accounts_toml_and_keeps_the_others() {
    let dir = tempfile::tempdir().unwrap();
    let mut file = AccountsFile::default();
    for (user, server) in [("alice", "irc.oftc.net"), ("bob", "irc.example.org")] {
        file.accounts
            .push(AccountConfig::new(ProtocolKind::Irc, user, server, 6697).unwrap());
    }
    messenger_protocol::accounts::save_accounts(dir.path(), &file).unwrap();
    let otr_key = dir.path().join("otr/private.key");
    std::fs::create_dir_all(otr_key.parent().unwrap()).unwrap();
    std::fs::write(&otr_key, "key").unwrap();
    let mut window = messenger(dir.path(), file);
    let first = window.account_ids[0];
    window.carry_out(
        Action::RemoveAccount {
            account: first,
            forget_otr: false,
        },
        &egui::Context::default(),
    );
    let saved = messenger_protocol::accounts::load_accounts(dir.path()).unwrap();
    let users: Vec<_> = saved.accounts.iter().map(|a| a.user.as_str()).collect();
    assert_eq!(users, ["bob"]);
    assert!(otr_key.exists(), "the OTR key stays");
    // Ids of the others still match their entries.
    let second = window.account_ids[0];
    window.carry_out(
        Action::RemoveAccount {
            account: second,
            forget_otr: false,
        },
        &egui::Context::default(),
    );
    assert_eq!(window.model.accounts().count(), 0);
    let saved = messenger_protocol::accounts::load_accounts(dir.path()).unwrap();
    assert!(saved.accounts.is_empty());
}

#[test]
fn without_a_manifest_address_the_ui_is_told_checks_are_off() {
    let dir = tempfile::tempdir().unwrap();
    let mut window = messenger(dir.path(), AccountsFile::default());
    window.carry_out(Action::CheckForUpdates, &egui::Context::default());
    for (status, asked) in window.updates.results() {
        window.ui.set_update_status(status, asked);
    }
    assert_eq!(
        window.ui.update_status(),
        Some(&messenger_ui::UpdateStatus::NotConfigured)
    );
}
