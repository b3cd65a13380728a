//! The session with real components: the private Tor network, ngircd, prosody, python3-potr.

// Test scaffolding: helpers outside #[test] functions may unwrap too.
#![allow(clippy::unwrap_used)]

mod common;
mod irc_otr;
mod irc_services;
mod offline;
mod otr_identity;
mod remove_account;
mod xmpp;
mod xmpp_otr;
