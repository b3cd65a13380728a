//! End-to-end checks that each harness component is real and works: one test binary, so one
//! shared Tor network serves every tor test.

// Test helpers outside `#[test]` functions: a failed unwrap is a failed test, as in the tests.
#![allow(clippy::unwrap_used)]

mod errors;
mod guards;
mod irc;
mod irc_servers;
mod tls;
mod tor;
mod xmpp;
mod xmpp_features;
