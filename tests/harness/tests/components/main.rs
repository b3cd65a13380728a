//! End-to-end checks that each harness component is real and works: one test binary, so one
//! shared Tor network serves every tor test.

mod errors;
mod guards;
mod irc;
mod tls;
mod tor;
mod xmpp;
