//! `make demo`: everything Tor Messenger talks to, on this computer and offline.
//!
//! [`DemoEnvironment::start`] starts the test harness's real components on loopback: a
//! private Tor network (3 directory authorities that are also exits, 2 relays, a DNS stub
//! that resolves `irc.test` and `xmpp.test` to 127.0.0.1 at the exits), ngircd (plaintext
//! for the bot, TLS with a self-signed certificate for `irc.test` for the messenger),
//! prosody (`xmpp.test`, STARTTLS required) and an OTR bot on python3-potr ([`OtrBot`]).
//! It then writes a demo bundle folder ([`profile`]): `Data/` with the settings and two
//! accounts ready to connect (never connected by themselves), `certs/cert_override.txt`
//! pinning both servers' certificates, and the torrc lines of the private network for the
//! launcher's `--torrc`. Everything is stopped, and the folder removed, on drop.

mod bot;
mod environment;
mod error;
pub mod profile;

pub use bot::{BotEvent, OtrBot, XmppLogin};
pub use environment::{DemoEnvironment, DemoOptions};
pub use error::DemoError;

/// The bot's IRC nick (ngircd allows 9 characters).
pub const BOT_NICK: &str = "otrbot";
/// The channel the bot sits in and the demo IRC account joins once connected.
pub const DEMO_CHANNEL: &str = "#demo";
/// The demo user's IRC nick and XMPP user name.
pub const DEMO_USER: &str = "newcomer";
/// The demo user's XMPP password (a throwaway account on a server that lives for one run).
pub const DEMO_XMPP_PASSWORD: &str = "demo-password";
/// The secret the bot answers identity checks (OTR SMP) with.
pub const BOT_SECRET: &str = "tor";
