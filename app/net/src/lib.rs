//! The network path of Tor Messenger: the only code that opens sockets.
//!
//! - [`TorSocks::connect`]: a SOCKS5 stream through the local tor, with the server's name sent
//!   to tor (never resolved here) and per-account circuit isolation ([`Isolation`]).
//! - [`TlsTrust`] and [`tls_connect`]: TLS 1.2+ with rustls (ring), Mozilla's roots plus extra
//!   roots from `certs/`, and strict pins from `certs/cert_override.txt`.
//! - [`Network`]: the SOCKS port and the TLS trust together, as every protocol takes them.
//! - [`NetError`]: every failure in words a user understands, without chat content or hosts.
//! - [`Sensitive`]: the safelog wrapper for text, nicks and addresses in logs and errors.

#![forbid(unsafe_code)]
#![warn(missing_docs)]

mod error;
mod hex;
mod network;
pub mod safelog;
mod socks;
mod tls;

pub use error::NetError;
pub use hex::{decode_sha256, encode as hex_encode};
pub use network::Network;
pub use safelog::Sensitive;
pub use socks::{DEFAULT_SOCKS_PORT, Isolation, ProxiedStream, SOCKS_CONNECT_TIMEOUT, TorSocks};
pub use tls::{
    ClientCertificate, PIN_FILE_NAME, Pin, TLS_HANDSHAKE_TIMEOUT, TlsOptions, TlsStream, TlsTrust,
    parse_pin_file, tls_connect, tls_connect_with,
};

/// Re-exported so users name the same versions we build with.
pub use rustls;
pub use tokio_rustls;
