//! XMPP through the private Tor network to a real prosody: login, roster, chat both ways,
//! rooms, the answers to queries, in-band registration, certificate pins and bad servers.

// Test scaffolding: helpers outside #[test] functions may unwrap too.
#![allow(clippy::unwrap_used)]

mod chat;
mod common;
mod faults;
mod leak;
mod queries;
mod reconnect;
mod register;
mod tls;
