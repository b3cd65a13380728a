//! TLS: what we trust ([`TlsTrust`]), how a certificate is checked (pins first, then the web
//! PKI), and the handshake with its errors mapped to [`crate::NetError`].
//!
//! The crypto provider is *ring*, installed explicitly in every configuration we build (never
//! through rustls' process-wide default, so no other crate's choice can change ours). ring was
//! chosen over aws-lc-rs because it builds without cmake or a C++ toolchain, which keeps the
//! reproducible build simple.

mod client_cert;
mod connect;
mod pins;
mod trust;
mod verifier;

pub use client_cert::ClientCertificate;
pub use connect::{TLS_HANDSHAKE_TIMEOUT, TlsOptions, TlsStream, tls_connect, tls_connect_with};
pub use pins::{PIN_FILE_NAME, Pin, parse_pin_file};
pub use trust::TlsTrust;
