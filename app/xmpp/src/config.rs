//! What an XMPP account needs to connect, and how it is made from a saved account.

use std::time::Duration;

use messenger_net::{Isolation, Sensitive};
use messenger_protocol::ReconnectPolicy;
use messenger_protocol::accounts::AccountConfig;
use tokio_xmpp::xmlstream::Timeouts;
use xmpp_parsers::jid::BareJid;

/// The standard client port.
pub const DEFAULT_PORT: u16 = 5222;

/// Everything an XMPP account needs to connect.
#[derive(Clone)]
pub struct XmppAccountConfig {
    /// The account, `name@server`.
    pub jid: BareJid,
    /// The password (kept in memory only, unless the user chose to save it).
    pub password: Sensitive<String>,
    /// The host to connect to; `None` means the JID's domain. Sent to tor, never resolved here,
    /// never looked up in SRV records.
    pub host: Option<String>,
    /// The port (5222 by default).
    pub port: u16,
    /// This account's SOCKS credentials (its own circuits).
    pub isolation: Isolation,
    /// The nick used in rooms; `None` means the JID's user name.
    pub room_nick: Option<String>,
    /// Rooms to join once logged in (after the user pressed Connect).
    pub rooms: Vec<String>,
    /// When to reconnect after a drop.
    pub reconnect: ReconnectPolicy,
    /// After this long without data the server is pinged; after as long again without an
    /// answer the link is considered dead.
    pub keepalive: Duration,
    /// How long connecting and logging in may take.
    pub login_timeout: Duration,
}

impl std::fmt::Debug for XmppAccountConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("XmppAccountConfig")
            .field("jid", &Sensitive::new(&self.jid))
            .field("port", &self.port)
            .finish_non_exhaustive()
    }
}

impl XmppAccountConfig {
    /// An account with the defaults: the JID's domain on port 5222, no rooms.
    pub fn new(jid: BareJid, password: &str, isolation: Isolation) -> XmppAccountConfig {
        XmppAccountConfig {
            jid,
            password: Sensitive::new(password.to_owned()),
            host: None,
            port: DEFAULT_PORT,
            isolation,
            room_nick: None,
            rooms: Vec::new(),
            reconnect: ReconnectPolicy::default(),
            keepalive: Duration::from_secs(120),
            login_timeout: Duration::from_secs(180),
        }
    }

    /// The host connections go to.
    pub fn host(&self) -> &str {
        self.host
            .as_deref()
            .unwrap_or_else(|| self.jid.domain().as_str())
    }

    pub(crate) fn nick(&self) -> String {
        self.room_nick.clone().unwrap_or_else(|| {
            self.jid
                .node()
                .map(|node| node.as_str().to_owned())
                .unwrap_or_else(|| "guest".to_owned())
        })
    }

    pub(crate) fn timeouts(&self) -> Timeouts {
        Timeouts {
            read_timeout: self.keepalive,
            response_timeout: self.keepalive,
        }
    }
}

/// Why a saved account cannot be used as an XMPP account.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum InvalidAccount {
    /// The user field is not an address of the form `name@server`.
    #[error("The account address must have the form name@server.")]
    BadAddress,
    /// No password was given and none is saved.
    #[error("Enter the account's password.")]
    NoPassword,
}

impl XmppAccountConfig {
    /// The account as saved in the profile: `user` is the bare JID, `server` the host to
    /// connect to (empty or equal to the JID's domain means the domain). `password` is the one
    /// the user just typed, else the saved one. XMPP always uses STARTTLS: the saved
    /// transport is not consulted (onion XMPP servers offer STARTTLS too).
    pub fn from_account(
        account: &AccountConfig,
        password: Option<&str>,
    ) -> Result<XmppAccountConfig, InvalidAccount> {
        let jid = BareJid::new(account.user.trim()).map_err(|_| InvalidAccount::BadAddress)?;
        if jid.node().is_none() {
            return Err(InvalidAccount::BadAddress);
        }
        let password = password
            .or(account.password.as_deref())
            .ok_or(InvalidAccount::NoPassword)?;
        let mut config = XmppAccountConfig::new(jid, password, account.isolation());
        let server = account.server.trim();
        if !server.is_empty() && !server.eq_ignore_ascii_case(config.jid.domain().as_str()) {
            config.host = Some(server.to_owned());
        }
        if account.port != 0 {
            config.port = account.port;
        }
        config.rooms.clone_from(&account.rooms);
        Ok(config)
    }
}

#[cfg(test)]
mod tests;
