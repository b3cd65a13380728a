//! Integration tests of the launcher: the real binary, Debian's tor, the harness's private Tor
//! network and ngircd, all on loopback.

// Test support code panics on setup failures by design; clippy's test exemption covers only
// `#[test]` functions, not the helpers they call.
#![allow(clippy::unwrap_used)]

mod bridges_cli;
mod bundle_layout;
mod errors;
mod network;
mod obfs4_bridge;
mod snowflake;
mod stall_choices;
mod system_tor;
mod update_commands;
mod util;
