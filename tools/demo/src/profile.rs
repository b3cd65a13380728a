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

/// `settings.toml` (the messenger's `SettingsFile` format: a `[settings]` table).
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
mod tests;
