//! The accounts file of the portable profile: `accounts.toml`, mode 0600, written atomically.
//!
//! Passwords are written only for accounts whose user ticked "remember password"; nothing here
//! connects anything (there is no "connect at start" setting at all). Each account carries its
//! own random SOCKS credentials, so tor gives it its own circuits.

use std::fmt;
use std::path::{Path, PathBuf};

use messenger_net::{Isolation, Sensitive};
use serde::{Deserialize, Serialize};

use crate::ProtocolKind;

/// The file name inside the profile folder.
pub const ACCOUNTS_FILE: &str = "accounts.toml";

/// How an account reaches its server.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "kebab-case")]
pub enum Transport {
    /// TLS from the first byte (IRC on 6697) or STARTTLS (XMPP): the default.
    #[default]
    Tls,
    /// No TLS: only by the user's explicit choice, or to a `.onion` server (where tor already
    /// authenticates and encrypts the path).
    Plaintext,
}

impl Transport {
    /// What a new account to `server` starts with: plaintext for a `.onion` server (tor
    /// already authenticates it and encrypts the whole path, and onion IRC servers rarely
    /// offer TLS), TLS for every other server. The user may change it; nothing else does.
    pub fn default_for(server: &str) -> Transport {
        if server
            .to_ascii_lowercase()
            .trim_end_matches('.')
            .ends_with(".onion")
        {
            Transport::Plaintext
        } else {
            Transport::Tls
        }
    }
}

/// How an IRC account logs in with SASL (IRCv3 `AUTHENTICATE`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "kebab-case")]
pub enum SaslChoice {
    /// The safest the server offers for what the account has: EXTERNAL with a client
    /// certificate, then SCRAM-SHA-256, then PLAIN (PLAIN only inside TLS or to an onion).
    #[default]
    Automatic,
    /// The password in the clear inside TLS (refused on a plaintext link to a clearnet host).
    Plain,
    /// The password proved without sending it (RFC 5802/7677).
    ScramSha256,
    /// The client certificate presented in the TLS handshake (CertFP).
    External,
    /// A signature with the certificate's P-256 key, whose public key is registered with
    /// `NickServ SET PUBKEY`.
    EcdsaNist256pChallenge,
    /// No SASL; a password goes to NickServ after registration, and only inside TLS or to
    /// an onion.
    Off,
}

impl SaslChoice {
    /// Every choice, in the order the account form lists them.
    pub const ALL: [SaslChoice; 6] = [
        SaslChoice::Automatic,
        SaslChoice::Plain,
        SaslChoice::ScramSha256,
        SaslChoice::External,
        SaslChoice::EcdsaNist256pChallenge,
        SaslChoice::Off,
    ];
}

/// The folder of the profile that holds the IRC accounts' client certificates (each account
/// its own file, 0600, never shared: accounts stay unlinkable).
pub const CLIENT_CERTIFICATES_DIR: &str = "irc-certificates";

/// One saved account.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountConfig {
    /// A random identifier, stable across renames.
    pub id: String,
    /// IRC or XMPP.
    pub protocol: ProtocolKind,
    /// The IRC nick or the XMPP bare JID.
    pub user: String,
    /// The server's host name (never resolved locally).
    pub server: String,
    /// The server's port.
    pub port: u16,
    /// TLS or not.
    #[serde(default)]
    pub transport: Transport,
    /// Whether the password is saved in this file.
    #[serde(default)]
    pub remember_password: bool,
    /// The password, present only when `remember_password` is set.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub password: Option<String>,
    /// Rooms the user chose to join once connected (after they press Connect).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rooms: Vec<String>,
    /// IRC: how to log in with SASL.
    #[serde(default, skip_serializing_if = "is_automatic")]
    pub sasl: SaslChoice,
    /// IRC: the client certificate's file name in [`CLIENT_CERTIFICATES_DIR`] (certificate
    /// and private key in PEM), presented in the TLS handshake.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client_certificate: Option<String>,
    /// The name the server's TLS certificate must carry when it is not `server` (an onion
    /// service presenting its operator's clearnet certificate).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tls_name: Option<String>,
    /// SOCKS username for circuit isolation.
    pub isolation_username: String,
    /// SOCKS password for circuit isolation.
    pub isolation_password: String,
}

impl fmt::Debug for AccountConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AccountConfig")
            .field("id", &self.id)
            .field("protocol", &self.protocol)
            .field("user", &Sensitive::new(&self.user))
            .field("server", &Sensitive::new(&self.server))
            .field("port", &self.port)
            .field("transport", &self.transport)
            .field("remember_password", &self.remember_password)
            .field("sasl", &self.sasl)
            .field("client_certificate", &self.client_certificate.is_some())
            .field("password", &self.password.as_ref().map(|_| "[hidden]"))
            .finish_non_exhaustive()
    }
}

impl AccountConfig {
    /// A new account with a random id and random isolation credentials.
    pub fn new(
        protocol: ProtocolKind,
        user: &str,
        server: &str,
        port: u16,
    ) -> Result<AccountConfig, AccountsError> {
        let isolation = Isolation::random().map_err(|_| AccountsError::NoRandomness)?;
        let id = Isolation::random()
            .map_err(|_| AccountsError::NoRandomness)?
            .username;
        Ok(AccountConfig {
            id,
            protocol,
            user: user.to_owned(),
            server: server.to_owned(),
            port,
            transport: Transport::default_for(server),
            remember_password: false,
            password: None,
            rooms: Vec::new(),
            sasl: SaslChoice::Automatic,
            client_certificate: None,
            tls_name: None,
            isolation_username: isolation.username,
            isolation_password: isolation.password,
        })
    }

    /// The SOCKS credentials to connect this account with.
    pub fn isolation(&self) -> Isolation {
        Isolation {
            username: self.isolation_username.clone(),
            password: self.isolation_password.clone(),
        }
    }

    /// Whether this account talks to an onion service.
    pub fn is_onion(&self) -> bool {
        self.server.to_ascii_lowercase().ends_with(".onion")
    }
}

fn is_automatic(choice: &SaslChoice) -> bool {
    *choice == SaslChoice::Automatic
}

/// The accounts file's contents.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountsFile {
    /// Every account, in the user's order.
    #[serde(default, rename = "account")]
    pub accounts: Vec<AccountConfig>,
}

/// Why the accounts file could not be read or written.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum AccountsError {
    /// Reading or writing the file failed.
    #[error(
        "The accounts file could not be {action} ({kind}): check that the profile folder is writable and the disk is not full."
    )]
    Io {
        /// "read" or "saved".
        action: &'static str,
        /// The kind of failure.
        kind: std::io::ErrorKind,
    },
    /// The file is not valid (hand-edited, or damaged).
    #[error(
        "The accounts file is damaged (line {line}): fix it or move it away; your accounts are not changed until it is fixed."
    )]
    Damaged {
        /// The line of the problem (1 = first), 0 when unknown.
        line: usize,
    },
    /// The system could not produce random numbers.
    #[error("The system's random number generator failed; the account was not created.")]
    NoRandomness,
}

/// Where the accounts file of a profile is.
pub fn accounts_path(profile_dir: &Path) -> PathBuf {
    profile_dir.join(ACCOUNTS_FILE)
}

/// Reads the accounts of a profile (none if the file does not exist yet). A file readable by
/// others is first restricted to its owner.
pub fn load_accounts(profile_dir: &Path) -> Result<AccountsFile, AccountsError> {
    let path = accounts_path(profile_dir);
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(AccountsFile::default()),
        Err(e) => {
            return Err(AccountsError::Io {
                action: "read",
                kind: e.kind(),
            });
        }
    };
    restrict_to_owner(&path)?;
    toml::from_str::<AccountsFile>(&text).map_err(|e| AccountsError::Damaged {
        line: e
            .span()
            .map(|span| text[..span.start.min(text.len())].lines().count().max(1))
            .unwrap_or(0),
    })
}

/// Writes the accounts of a profile: to a new 0600 file beside it, synced, then renamed over
/// the old one, so a crash leaves either the old or the new file, never half of one.
/// Passwords of accounts without `remember_password` are not written.
pub fn save_accounts(profile_dir: &Path, file: &AccountsFile) -> Result<(), AccountsError> {
    let mut to_write = file.clone();
    for account in &mut to_write.accounts {
        if !account.remember_password {
            account.password = None;
        }
    }
    let io = |e: std::io::Error| AccountsError::Io {
        action: "saved",
        kind: e.kind(),
    };
    let text = toml::to_string(&to_write).map_err(|_| AccountsError::Io {
        action: "saved",
        kind: std::io::ErrorKind::InvalidData,
    })?;
    private_file::write(&accounts_path(profile_dir), text.as_bytes()).map_err(io)
}

fn restrict_to_owner(path: &Path) -> Result<(), AccountsError> {
    private_file::restrict_to_owner(path).map_err(|e| AccountsError::Io {
        action: "read",
        kind: e.kind(),
    })
}

#[cfg(test)]
mod tests;
