//! A private Tor network of Debian's tor on loopback, and clients on it (docs/ARCHITECTURE.md section 11).

mod bridge;
mod client;
mod consensus;
mod key_cache;
mod keys;
mod network;
mod onion;
mod shared;
mod torrc;

pub use bridge::Obfs4Bridge;
pub use client::TorClient;
pub use network::{TorNetwork, TorNetworkOptions, TorPrograms};
pub use onion::OnionService;
