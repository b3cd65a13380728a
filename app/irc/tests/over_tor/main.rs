//! IRC through the private Tor network to ngircd, with the app's real stack: messenger-net's
//! SOCKS connector (hostname `irc.test`, resolved by the exits' DNS stub), messenger-irc's
//! account task, and a raw IRC peer on loopback as the far end.

// Test scaffolding: helpers outside #[test] functions may unwrap too.
#![allow(clippy::unwrap_used)]

mod bad_input;
mod chat;
mod common;
mod faults;
mod leak;
mod services;
mod tls;
