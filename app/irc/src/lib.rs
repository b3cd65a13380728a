//! IRC for Tor Messenger: irc-proto's message parser over our own tor-only, TLS-by-default
//! stream, with the privacy rules of the original (docs/ARCHITECTURE.md section 5): a neutral user name,
//! real name and quit message, CTCP PING ignored, TIME in UTC, VERSION one fixed string, DCC
//! refused, formatting stripped, nothing sent automatically that identifies the client.
//!
//! Start an account with [`spawn_account`]; drive it with [`messenger_protocol::Command`]s and
//! read [`messenger_protocol::Event`]s from its handle.

#![forbid(unsafe_code)]
#![warn(missing_docs)]

mod account;
pub mod codec;
mod connection;
pub mod ctcp;
pub mod flood;
pub mod formatting;
mod sasl;
pub mod split;
pub mod state;
pub mod wire;

pub use account::{Irc, IrcAccountConfig, run_account, spawn_account};
pub use connection::{IrcStream, open_stream};
pub use ctcp::CTCP_VERSION_REPLY;
pub use flood::FloodPolicy;
pub use state::{IRC_QUIT_MESSAGE, IRC_REALNAME, IRC_USERNAME};

/// Feeds raw bytes as if a server sent them, through the line codec and the session: what the
/// fuzz target exercises. Returns how many outputs were produced.
pub fn process_server_bytes(bytes: &[u8]) -> usize {
    use tokio_util::codec::Decoder;
    let mut codec = codec::LineCodec::default();
    let mut buffer = bytes::BytesMut::from(bytes);
    let mut session = state::IrcState::new(state::IrcStateConfig {
        nick: "fuzz".to_owned(),
        password: Some(messenger_net::Sensitive::new("pw".to_owned())),
        use_sasl: true,
    });
    let mut outputs = session.start().len();
    loop {
        match codec.decode_eof(&mut buffer) {
            Ok(Some(codec::Incoming::Line(text))) => {
                outputs += session
                    .handle_text(&text, std::time::SystemTime::UNIX_EPOCH)
                    .len();
            }
            Ok(Some(codec::Incoming::Overlong)) => outputs += 1,
            Ok(None) | Err(_) => break,
        }
    }
    outputs
}
