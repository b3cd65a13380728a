//! The demo bundle folder, laid out as the messenger expects beside its profile:
//!
//! ```text
//! DIR/Data/settings.toml        first-run screen shown or not, theme
//! DIR/Data/accounts.toml        an IRC account (irc.test, TLS, joins #demo once connected)
//!                               and an XMPP account (newcomer@xmpp.test, password saved)
//! DIR/certs/cert_override.txt   pins of both servers' self-signed certificates
//! DIR/network.torrc             the private network's client lines, for --torrc
//! ```
//!
//! The messenger reads `certs/` beside its profile folder, so the demo's servers are trusted
//! through the supported pin mechanism, never by turning verification off. Nothing connects
//! by itself: the accounts wait for the user's Connect (privacy invariant 3).

use crate::{DEMO_CHANNEL, DEMO_USER, DEMO_XMPP_PASSWORD, DemoError};
use messenger_protocol::ProtocolKind;
use messenger_protocol::accounts::{AccountConfig, AccountsFile, save_accounts};
use std::fmt::Write as _;
use std::os::unix::fs::DirBuilderExt;
use std::path::{Path, PathBuf};

/// Where the demo's servers are, as the messenger reaches them through tor.
#[derive(Debug, Clone)]
pub struct DemoServers {
    /// ngircd's TLS port (`irc.test`).
    pub irc_tls_port: u16,
    /// SHA-256 of ngircd's certificate.
    pub irc_cert_sha256: [u8; 32],
    /// prosody's c2s port (`xmpp.test`, STARTTLS).
    pub xmpp_port: u16,
    /// SHA-256 of prosody's certificate.
    pub xmpp_cert_sha256: [u8; 32],
}

/// The first screen and colours of the demo profile.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Look {
    /// Show the first-run explanation (a newcomer should read it).
    pub first_run: bool,
    /// The dark theme instead of the light one.
    pub dark: bool,
}

/// The paths of a written demo folder.
#[derive(Debug, Clone)]
pub struct DemoPaths {
    /// The profile (`--data-dir` of the launcher).
    pub data_dir: PathBuf,
    /// The certificates folder beside it.
    pub certs_dir: PathBuf,
    /// The private network's client torrc (`--torrc` of the launcher).
    pub torrc: PathBuf,
}

/// The IRC and XMPP host names; the harness's DNS stub answers them with 127.0.0.1 at the
/// exits, so they are resolved by tor, as any real server would be.
pub const IRC_HOST: &str = harness::ngircd::IRC_SERVER_NAME;
/// See [`IRC_HOST`].
pub const XMPP_HOST: &str = harness::prosody::XMPP_DOMAIN;

/// Writes the demo folder into `dir` (which must exist).
pub fn write(
    dir: &Path,
    servers: &DemoServers,
    client_torrc: &str,
    look: Look,
) -> Result<DemoPaths, DemoError> {
    let paths = DemoPaths {
        data_dir: dir.join("Data"),
        certs_dir: dir.join("certs"),
        torrc: dir.join("network.torrc"),
    };
    for folder in [&paths.data_dir, &paths.certs_dir] {
        std::fs::DirBuilder::new()
            .recursive(true)
            .mode(0o700)
            .create(folder)
            .map_err(|source| write_error(folder, source))?;
    }
    write_file(&paths.data_dir.join("settings.toml"), &settings_toml(look))?;
    save_accounts(&paths.data_dir, &accounts(servers)?)?;
    write_file(
        &paths.certs_dir.join(messenger_net::PIN_FILE_NAME),
        &pins(servers),
    )?;
    let torrc =
        format!("# The private Tor network of `make demo` (loopback only).\n{client_torrc}");
    write_file(&paths.torrc, &torrc)?;
    Ok(paths)
}

/// `settings.toml` (the messenger's `Profile` format: a `[settings]` table).
pub fn settings_toml(look: Look) -> String {
    format!(
        "[settings]\nfirst_run_done = {}\nlanguage = \"en\"\ntheme = \"{}\"\nfont_size = 14.0\n",
        !look.first_run,
        if look.dark { "dark" } else { "light" }
    )
}

/// The two demo accounts.
pub fn accounts(servers: &DemoServers) -> Result<AccountsFile, DemoError> {
    let mut irc = AccountConfig::new(ProtocolKind::Irc, DEMO_USER, IRC_HOST, servers.irc_tls_port)?;
    irc.rooms = vec![DEMO_CHANNEL.to_owned()];
    let jid = format!("{DEMO_USER}@{XMPP_HOST}");
    let mut xmpp = AccountConfig::new(ProtocolKind::Xmpp, &jid, XMPP_HOST, servers.xmpp_port)?;
    xmpp.remember_password = true;
    xmpp.password = Some(DEMO_XMPP_PASSWORD.to_owned());
    Ok(AccountsFile {
        accounts: vec![irc, xmpp],
    })
}

/// `cert_override.txt`: both servers pinned to their self-signed certificates.
pub fn pins(servers: &DemoServers) -> String {
    let mut text = String::from(
        "# make demo: the self-signed certificates of the local ngircd and prosody.\n",
    );
    for (host, port, sha256) in [
        (IRC_HOST, servers.irc_tls_port, &servers.irc_cert_sha256),
        (XMPP_HOST, servers.xmpp_port, &servers.xmpp_cert_sha256),
    ] {
        let _ = writeln!(text, "{host}:{port} {}", messenger_net::hex_encode(sha256));
    }
    text
}

fn write_file(path: &Path, text: &str) -> Result<(), DemoError> {
    std::fs::write(path, text).map_err(|source| write_error(path, source))
}

fn write_error(path: &Path, source: std::io::Error) -> DemoError {
    DemoError::Write {
        path: path.to_path_buf(),
        source,
    }
}

#[cfg(test)]
mod tests {
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
}
