//! A client certificate presented in the TLS handshake (IRC's CertFP and SASL EXTERNAL).
//!
//! Parsed once from PEM (the certificate chain and its private key, in one file or two) and
//! checked: the key must be one rustls can sign with (ring: ECDSA P-256/P-384, Ed25519, RSA)
//! and must belong to the first certificate. A file that fails either check is refused with
//! a clear error before any connection is made.

use std::fmt;
use std::sync::Arc;

use rustls::sign::CertifiedKey;
use rustls_pki_types::pem::PemObject;
use rustls_pki_types::{CertificateDer, PrivateKeyDer};

use crate::error::NetError;

/// A certificate chain with its private key, ready for the handshake.
#[derive(Clone)]
pub struct ClientCertificate {
    key: Arc<CertifiedKey>,
}

impl fmt::Debug for ClientCertificate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Never the key; the chain length is enough to tell certificates apart in a log.
        f.debug_struct("ClientCertificate")
            .field("chain", &self.key.cert.len())
            .finish_non_exhaustive()
    }
}

impl ClientCertificate {
    /// Reads the certificate(s) and the private key from PEM text: `pem` may hold both, or
    /// the key may come in `key_pem` (a separate file, as many guides produce).
    pub fn from_pem(pem: &[u8], key_pem: Option<&[u8]>) -> Result<ClientCertificate, NetError> {
        let bad = |reason: String| NetError::BadClientCertificate { reason };
        let mut chain = Vec::new();
        for certificate in CertificateDer::pem_slice_iter(pem) {
            chain.push(certificate.map_err(|e| bad(format!("it is not valid PEM ({e})")))?);
        }
        if chain.is_empty() {
            return Err(bad("it contains no certificate".to_owned()));
        }
        let key = PrivateKeyDer::from_pem_slice(key_pem.unwrap_or(pem)).map_err(|_| {
            bad("it contains no private key in PEM (PKCS#8, SEC1 or PKCS#1)".to_owned())
        })?;
        let provider = rustls::crypto::ring::default_provider();
        let key = CertifiedKey::from_der(chain, key, &provider).map_err(|error| match error {
            rustls::Error::InconsistentKeys(_) => {
                bad("the private key does not belong to the certificate".to_owned())
            }
            other => bad(format!("the key cannot be used ({other})")),
        })?;
        Ok(ClientCertificate { key: Arc::new(key) })
    }

    /// The end-entity certificate (DER), whose hash is the CertFP fingerprint.
    pub fn end_entity_der(&self) -> &[u8] {
        self.key
            .cert
            .first()
            .map_or(&[], |certificate| certificate.as_ref())
    }

    pub(crate) fn certified_key(&self) -> Arc<CertifiedKey> {
        self.key.clone()
    }
}

#[cfg(test)]
mod tests;
