//! Everything that can go wrong opening a connection, in words a user understands.
//!
//! No variant carries message text, and host names are wrapped in [`Sensitive`] so they print
//! as `[scrubbed]` in logs (the UI knows which account failed and can name the server itself).

use crate::safelog::Sensitive;

/// Why a connection could not be opened or secured.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum NetError {
    /// Nothing listens on tor's SOCKS port (tor is not running or still starting).
    #[error(
        "Tor is not reachable on its local port: start Tor (or wait until it has started) and try again."
    )]
    TorUnreachable,

    /// Tor answered but refused or failed to make the connection (`reason` is tor's reply code
    /// in words, never the host).
    #[error(
        "Tor could not reach the server ({reason}): check the server name and port, or try again later."
    )]
    SocksRefused {
        /// Tor's SOCKS reply, in words.
        reason: String,
    },

    /// The server name is not something tor can connect to.
    #[error("The server name is not valid: {reason}.")]
    InvalidHost {
        /// What is wrong with it.
        reason: &'static str,
    },

    /// Opening the connection or the TLS handshake took too long.
    #[error(
        "The connection timed out while {stage}: the server or the Tor network may be slow; try again later."
    )]
    Timeout {
        /// What we were doing.
        stage: &'static str,
    },

    /// The server's certificate has expired or is not yet valid.
    #[error(
        "The server's certificate has expired (or is not valid yet). The connection was refused; contact the server's operator or check your computer's clock."
    )]
    TlsExpired,

    /// The server's certificate is for another name.
    #[error(
        "The server's certificate is for another name. The connection was refused: check the server name, or someone may be impersonating the server."
    )]
    TlsWrongHost,

    /// The certificate chain does not lead to a root we trust.
    #[error(
        "The server's certificate was issued by an authority we do not trust (for example a self-signed certificate). The connection was refused; if you know the certificate is right, pin it in cert_override.txt."
    )]
    TlsUnknownIssuer,

    /// The server is pinned and presented another certificate.
    #[error(
        "The server {host}:{port} presented a certificate that does not match its pin (expected SHA-256 {expected}, got {got}). The connection was refused: someone may be impersonating the server, or it changed its certificate; check with its operator before changing the pin."
    )]
    TlsPinMismatch {
        /// The pinned host.
        host: Sensitive<String>,
        /// The pinned port.
        port: u16,
        /// The pinned SHA-256 (hex).
        expected: String,
        /// The SHA-256 the server presented (hex).
        got: String,
    },

    /// The server only speaks TLS older than 1.2.
    #[error(
        "The server only offers an old TLS version (older than TLS 1.2), which is not safe. The connection was refused; ask the server's operator to update."
    )]
    TlsProtocolTooOld,

    /// The server did not answer in TLS at all (a plaintext port, for example).
    #[error(
        "The server did not answer with TLS (maybe this port is for unencrypted connections). The connection was refused; check the port. No unencrypted retry is made."
    )]
    TlsNotSpoken,

    /// The server never answered our TLS hello (typically a plaintext port that waits for
    /// the client to speak first).
    #[error(
        "The server did not answer the secure (TLS) handshake; this port may be for unencrypted connections. The connection was refused; check the port. No unencrypted retry is made."
    )]
    TlsNoAnswer,

    /// The certificate is unusable for another reason (revoked, bad signature, bad encoding).
    #[error("The server's certificate is not acceptable ({detail}). The connection was refused.")]
    TlsBadCertificate {
        /// What is wrong, from the TLS library (no host, no content).
        detail: String,
    },

    /// Another TLS failure.
    #[error(
        "The secure connection failed ({detail}). The connection was refused; try again later."
    )]
    TlsHandshake {
        /// What failed, from the TLS library (no host, no content).
        detail: String,
    },

    /// A certificate or pin file in the certificates folder could not be used.
    #[error(
        "The certificate settings could not be read ({file}, {reason}): fix or remove that file."
    )]
    BadTrustFile {
        /// Which file (a name under the certificates folder).
        file: String,
        /// What is wrong.
        reason: String,
    },

    /// The account's client certificate (CertFP) cannot be used: not PEM, no key, a key that
    /// does not belong to the certificate, or a key type TLS cannot sign with.
    #[error(
        "The account's client certificate cannot be used: {reason}. Generate a new one or import a PEM certificate with its private key."
    )]
    BadClientCertificate {
        /// What is wrong (never the key).
        reason: String,
    },

    /// An input/output error on the connection.
    #[error("The connection failed: {0}. Try again later.")]
    Io(#[source] std::io::Error),
}

impl NetError {
    /// Whether this failure is about the server's identity or TLS: such failures are never
    /// retried automatically and never lead to a plaintext attempt.
    pub fn is_tls_refusal(&self) -> bool {
        matches!(
            self,
            NetError::TlsExpired
                | NetError::TlsWrongHost
                | NetError::TlsUnknownIssuer
                | NetError::TlsPinMismatch { .. }
                | NetError::TlsProtocolTooOld
                | NetError::TlsNotSpoken
                | NetError::TlsNoAnswer
                | NetError::TlsBadCertificate { .. }
                | NetError::TlsHandshake { .. }
        )
    }

    /// Whether the failure is tor itself being unavailable (rather than the server).
    pub fn is_tor_unavailable(&self) -> bool {
        matches!(self, NetError::TorUnreachable)
    }
}
