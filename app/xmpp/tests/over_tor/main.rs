//! XMPP through the private Tor network to a real prosody: login, roster, chat both ways,
//! rooms, the answers to queries, in-band registration, certificate pins and bad servers.

mod chat;
mod common;
mod faults;
mod queries;
mod register;
mod tls;
