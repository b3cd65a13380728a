//! Integration tests of the launcher: the real binary, Debian's tor, the harness's private Tor
//! network and ngircd, all on loopback.

mod bridges_cli;
mod control_client;
mod errors;
mod network;
mod system_tor;
mod util;
