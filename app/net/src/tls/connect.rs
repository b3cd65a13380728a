//! The TLS handshake over any stream (a fresh SOCKS stream, or an XMPP stream after STARTTLS),
//! with every failure turned into a [`NetError`] a user can act on. A failed handshake is never
//! followed by a plaintext attempt.

use std::time::Duration;

use rustls::{AlertDescription, CertificateError, InvalidMessage, PeerIncompatible};
use rustls_pki_types::ServerName;
use tokio::io::{AsyncRead, AsyncWrite};
use tokio_rustls::TlsConnector;

use super::client_cert::ClientCertificate;
use super::trust::TlsTrust;
use super::verifier::PinMismatch;
use crate::error::NetError;
use crate::safelog::Sensitive;

/// A TLS client stream over `S`.
pub type TlsStream<S> = tokio_rustls::client::TlsStream<S>;

/// How long a TLS handshake may take. Through tor it is two or three round trips of about a
/// second each; a server silent for this long after our hello is not speaking TLS.
pub const TLS_HANDSHAKE_TIMEOUT: Duration = Duration::from_secs(30);

/// What one connection adds to the trust: the name the certificate must carry when it is not
/// the host connected to, and the client certificate to present.
#[derive(Debug, Clone, Copy, Default)]
pub struct TlsOptions<'a> {
    /// The name to verify (and send as SNI) instead of the host: for an onion service that
    /// presents its operator's clearnet certificate (Libera.Chat's onion presents
    /// `palladium.libera.chat`). Trust is not relaxed: the certificate must be valid for this
    /// name, and a pin is still looked up by the host and port connected to.
    pub verify_name: Option<&'a str>,
    /// The client certificate to present when the server asks (CertFP, SASL EXTERNAL).
    pub client_certificate: Option<&'a ClientCertificate>,
}

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
    tls_connect_with(stream, host, port, trust, &TlsOptions::default()).await
}

/// [`tls_connect`] with a verification name other than the host and/or a client certificate.
pub async fn tls_connect_with<S>(
    stream: S,
    host: &str,
    port: u16,
    trust: &TlsTrust,
    options: &TlsOptions<'_>,
) -> Result<TlsStream<S>, NetError>
where
    S: AsyncRead + AsyncWrite + Unpin,
{
    let checked = options.verify_name.unwrap_or(host);
    let bare = checked
        .strip_prefix('[')
        .and_then(|h| h.strip_suffix(']'))
        .unwrap_or(checked);
    let name = ServerName::try_from(bare.to_owned()).map_err(|_| NetError::InvalidHost {
        reason: "it is not a valid TLS server name",
    })?;
    let connector =
        TlsConnector::from(trust.client_config_with(host, port, options.client_certificate));
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
