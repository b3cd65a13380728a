//! XMPP for Tor Messenger: tokio-xmpp's XML stream and SASL over our own
//! [`ServerConnector`](tokio_xmpp::connect::ServerConnector) ([`TorStartTlsConnector`]:
//! tor's SOCKS port with the host name sent to tor, STARTTLS, our rustls trust and pins), with
//! the privacy rules of the original (docs/ARCHITECTURE.md section 5): a random resource, presence
//! "available" only, no chat states or receipts, plain-text bodies only, entity time in UTC,
//! software version and last activity not answered, a disco#info that names nothing.
//!
//! Start an account with [`spawn_account`]; drive it with [`messenger_protocol::Command`]s and
//! read [`messenger_protocol::Event`]s from its handle. Create a throwaway account with
//! [`register_account`].
//!
//! Logging: tokio-xmpp logs every stanza as XML at `log` trace level (message text, and the
//! PLAIN password in base64). A logger installed by the app must keep the `tokio_xmpp` target
//! below trace. This crate itself logs no content, JID or host.

#![forbid(unsafe_code)]
#![warn(missing_docs)]

mod account;
pub mod answers;
mod config;
pub mod connector;
mod ids;
pub mod login;
pub mod markup;
pub mod register;
pub mod rooms;
pub mod state;

pub use account::{Xmpp, run_account, spawn_account};
pub use config::{DEFAULT_PORT, InvalidAccount, XmppAccountConfig};
pub use connector::{ConnectError, TorStartTlsConnector};
pub use login::LoginError;
pub use register::{NewAccount, RegisterError, register_account};

/// Feeds raw bytes as if the server sent them as one stanza, through the parser and the
/// session of a client that is in one room: what the fuzz target exercises. Returns how many
/// outputs were produced.
pub fn process_stanza_bytes(bytes: &[u8]) -> usize {
    use std::time::SystemTime;
    use tokio_xmpp::Stanza;
    use xmpp_parsers::jid::FullJid;
    use xmpp_parsers::minidom::Element;

    let Ok(text) = std::str::from_utf8(bytes) else {
        return 0;
    };
    let Ok(element) = text.parse::<Element>() else {
        return 0;
    };
    let Ok(own) = FullJid::new("alice@example.org/fuzz") else {
        return 0;
    };
    let mut session = state::XmppState::new(own, "alice".to_owned());
    let mut outputs = session
        .start(&[("room@conference.example.org".to_owned(), None)])
        .len();
    // Make the room joined, as if the server had confirmed it.
    if let Ok(joined) = "<presence xmlns='jabber:client' from='room@conference.example.org/alice'>\
         <x xmlns='http://jabber.org/protocol/muc#user'><status code='110'/></x></presence>"
        .parse::<Element>()
        && let Ok(stanza) = Stanza::try_from(joined)
    {
        outputs += session.stanza(stanza, SystemTime::UNIX_EPOCH).len();
    }
    outputs += match Stanza::try_from(element) {
        Ok(stanza) => session.stanza(stanza, SystemTime::UNIX_EPOCH).len(),
        Err(_) => 0,
    };
    outputs
}
