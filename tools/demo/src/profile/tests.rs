use super::*;
use messenger_protocol::accounts::{Transport, load_accounts};

fn servers() -> DemoServers {
    DemoServers {
        irc_tls_port: 16697,
        irc_cert_sha256: [0xab; 32],
        xmpp_port: 15222,
        xmpp_cert_sha256: [0x01; 32],
    }
}

#[test]
fn writes_a_profile_the_messenger_reads() {
    let dir = tempfile::tempdir().unwrap();
    let look = Look {
        first_run: true,
        dark: false,
    };
    let paths = write(dir.path(), &servers(), "TestingTorNetwork 1\n", look).unwrap();
    let accounts = load_accounts(&paths.data_dir).unwrap().accounts;
    assert_eq!(accounts.len(), 2);
    assert_eq!(accounts[0].protocol, ProtocolKind::Irc);
    assert_eq!(
        (accounts[0].server.as_str(), accounts[0].port),
        ("irc.test", 16697)
    );
    assert_eq!(accounts[0].transport, Transport::Tls);
    assert_eq!(accounts[0].rooms, vec!["#demo".to_owned()]);
    assert_eq!(accounts[1].protocol, ProtocolKind::Xmpp);
    assert_eq!(accounts[1].user, "newcomer@xmpp.test");
    assert_eq!(accounts[1].password.as_deref(), Some(DEMO_XMPP_PASSWORD));
    assert_ne!(accounts[0].isolation(), accounts[1].isolation());

    let pins = std::fs::read_to_string(paths.certs_dir.join("cert_override.txt")).unwrap();
    let parsed = messenger_net::parse_pin_file(&pins).unwrap();
    assert_eq!(parsed.len(), 2);
    assert_eq!(
        (parsed[0].host.as_str(), parsed[0].port, parsed[0].sha256),
        ("irc.test", 16697, [0xab; 32])
    );
    assert_eq!(
        (parsed[1].host.as_str(), parsed[1].port),
        ("xmpp.test", 15222)
    );
    let trust = messenger_net::TlsTrust::load(&paths.certs_dir).unwrap();
    assert_eq!(trust.pin_for("irc.test", 16697), Some([0xab; 32]));

    let torrc = std::fs::read_to_string(&paths.torrc).unwrap();
    assert!(torrc.contains("TestingTorNetwork 1"));
    let settings = std::fs::read_to_string(paths.data_dir.join("settings.toml")).unwrap();
    assert!(settings.contains("first_run_done = false"), "{settings}");
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(&paths.data_dir)
        .unwrap()
        .permissions()
        .mode();
    assert_eq!(mode & 0o777, 0o700);
}

#[test]
fn the_look_goes_into_the_settings() {
    let text = settings_toml(Look {
        first_run: false,
        dark: true,
    });
    assert!(text.starts_with("[settings]\n"));
    assert!(text.contains("first_run_done = true"));
    assert!(text.contains("theme = \"dark\""));
}

#[test]
fn a_folder_that_cannot_be_written_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("not-a-folder");
    std::fs::write(&file, "").unwrap();
    let look = Look {
        first_run: true,
        dark: false,
    };
    let error = write(&file, &servers(), "", look).unwrap_err().to_string();
    assert!(error.contains("cannot write"), "{error}");
    assert!(error.contains("not-a-folder"), "{error}");
}
