//! The TLS handshake over any stream (a fresh SOCKS stream, or an XMPP stream after STARTTLS),
//! with every failure turned into a [`NetError`] a user can act on. A failed handshake is never
//! followed by a plaintext attempt.

use std::time::Duration;

use rustls::{AlertDescription, CertificateError, InvalidMessage, PeerIncompatible};
use rustls_pki_types::ServerName;
use tokio::io::{AsyncRead, AsyncWrite};
use tokio_rustls::TlsConnector;

use super::trust::TlsTrust;
use super::verifier::PinMismatch;
use crate::error::NetError;
use crate::safelog::Sensitive;

/// A TLS client stream over `S`.
pub type TlsStream<S> = tokio_rustls::client::TlsStream<S>;

/// How long a TLS handshake may take. Through tor it is two or three round trips of about a
/// second each; a server silent for this long after our hello is not speaking TLS.
pub const TLS_HANDSHAKE_TIMEOUT: Duration = Duration::from_secs(30);

/// Runs the TLS handshake for `host:port` over `stream`, checking the server against `trust`.
pub async fn tls_connect<S>(
    stream: S,
    host: &str,
    port: u16,
    trust: &TlsTrust,
) -> Result<TlsStream<S>, NetError>
where
    S: AsyncRead + AsyncWrite + Unpin,
{
    let bare = host
        .strip_prefix('[')
        .and_then(|h| h.strip_suffix(']'))
        .unwrap_or(host);
    let name = ServerName::try_from(bare.to_owned()).map_err(|_| NetError::InvalidHost {
        reason: "it is not a valid TLS server name",
    })?;
    let connector = TlsConnector::from(trust.client_config(host, port));
    let handshake = connector.connect(name, stream);
    match tokio::time::timeout(TLS_HANDSHAKE_TIMEOUT, handshake).await {
        Err(_) => Err(NetError::TlsNoAnswer),
        Ok(Ok(stream)) => Ok(stream),
        Ok(Err(error)) => {
            let mapped = map_handshake_error(error, host, port);
            tracing::debug!(error = %mapped, "TLS handshake failed");
            Err(mapped)
        }
    }
}

/// Maps the `io::Error` tokio-rustls returns (which wraps a `rustls::Error`) to a [`NetError`].
pub(crate) fn map_handshake_error(error: std::io::Error, host: &str, port: u16) -> NetError {
    let Some(tls) = error
        .get_ref()
        .and_then(|inner| inner.downcast_ref::<rustls::Error>())
    else {
        return match error.kind() {
            std::io::ErrorKind::UnexpectedEof | std::io::ErrorKind::ConnectionReset => {
                NetError::TlsHandshake {
                    detail: "the server closed the connection during the handshake".to_owned(),
                }
            }
            _ => NetError::Io(error),
        };
    };
    map_rustls_error(tls, host, port)
}

fn map_rustls_error(error: &rustls::Error, host: &str, port: u16) -> NetError {
    use rustls::Error as E;
    match error {
        E::InvalidCertificate(certificate) => map_certificate_error(certificate, host, port),
        E::PeerIncompatible(
            PeerIncompatible::ServerDoesNotSupportTls12Or13
            | PeerIncompatible::ServerTlsVersionIsDisabledByOurConfig
            | PeerIncompatible::Tls12NotOffered
            | PeerIncompatible::Tls12NotOfferedOrEnabled
            | PeerIncompatible::SupportedVersionsExtensionRequired,
        ) => NetError::TlsProtocolTooOld,
        E::AlertReceived(AlertDescription::ProtocolVersion) => NetError::TlsProtocolTooOld,
        E::InvalidMessage(
            InvalidMessage::InvalidContentType
            | InvalidMessage::UnknownProtocolVersion
            | InvalidMessage::MessageTooLarge
            | InvalidMessage::InvalidEmptyPayload,
        ) => NetError::TlsNotSpoken,
        other => NetError::TlsHandshake {
            detail: other.to_string(),
        },
    }
}

fn map_certificate_error(error: &CertificateError, host: &str, port: u16) -> NetError {
    use CertificateError as C;
    match error {
        C::Expired | C::ExpiredContext { .. } | C::NotValidYet | C::NotValidYetContext { .. } => {
            NetError::TlsExpired
        }
        C::NotValidForName | C::NotValidForNameContext { .. } => NetError::TlsWrongHost,
        C::UnknownIssuer => NetError::TlsUnknownIssuer,
        C::Other(other) => match other.0.downcast_ref::<PinMismatch>() {
            Some(pin) => NetError::TlsPinMismatch {
                host: Sensitive::new(host.to_owned()),
                port,
                expected: pin.expected.clone(),
                got: pin.got.clone(),
            },
            None => NetError::TlsBadCertificate {
                detail: other.to_string(),
            },
        },
        other => NetError::TlsBadCertificate {
            detail: format!("{other:?}"),
        },
    }
}
