//! Our certificate check: a pinned server must present exactly its pinned certificate; any
//! other server is checked against our roots by webpki (chain, dates, name).

use std::sync::Arc;

use rustls::client::WebPkiServerVerifier;
use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::crypto::WebPkiSupportedAlgorithms;
use rustls::{CertificateError, DigitallySignedStruct, OtherError, SignatureScheme};
use rustls_pki_types::{CertificateDer, ServerName, UnixTime};
use sha2::{Digest, Sha256};

use crate::hex;

/// The rustls-side error our verifier raises on a pin mismatch; [`super::connect`] turns it
/// back into [`crate::NetError::TlsPinMismatch`].
#[derive(Debug, thiserror::Error)]
#[error("the certificate does not match the server's pin")]
pub(crate) struct PinMismatch {
    /// The pinned SHA-256, hex.
    pub expected: String,
    /// The presented certificate's SHA-256, hex.
    pub got: String,
}

/// The pin that applies to one connection, if any.
#[derive(Debug, Clone)]
pub(crate) struct PinnedCertificate {
    pub sha256: [u8; 32],
}

#[derive(Debug)]
pub(crate) struct PinningVerifier {
    pub pin: Option<PinnedCertificate>,
    pub webpki: Arc<WebPkiServerVerifier>,
    pub algorithms: WebPkiSupportedAlgorithms,
}

impl ServerCertVerifier for PinningVerifier {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        intermediates: &[CertificateDer<'_>],
        server_name: &ServerName<'_>,
        ocsp_response: &[u8],
        now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        let Some(pin) = &self.pin else {
            return self.webpki.verify_server_cert(
                end_entity,
                intermediates,
                server_name,
                ocsp_response,
                now,
            );
        };
        let got: [u8; 32] = Sha256::digest(end_entity.as_ref()).into();
        if got == pin.sha256 {
            // The user vouched for exactly this certificate: its issuer, dates and names do
            // not matter (that is what a pin of a self-signed certificate is for). The
            // handshake signature is still checked below, so the server holds its key.
            Ok(ServerCertVerified::assertion())
        } else {
            Err(rustls::Error::InvalidCertificate(CertificateError::Other(
                OtherError(Arc::new(PinMismatch {
                    expected: hex::encode(&pin.sha256),
                    got: hex::encode(&got),
                })),
            )))
        }
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls12_signature(message, cert, dss, &self.algorithms)
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls13_signature(message, cert, dss, &self.algorithms)
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.algorithms.supported_schemes()
    }
}
