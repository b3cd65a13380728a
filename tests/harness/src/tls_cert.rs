//! Self-signed certificates made at run time (never committed, so they never expire in the
//! repository), written as PEM files, with the SHA-256 of the DER a test can pin.

use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use crate::HarnessError;

/// A certificate and key on disk.
#[derive(Debug, Clone)]
pub struct SelfSignedCert {
    /// The certificate, PEM.
    pub cert_pem_path: PathBuf,
    /// The private key, PEM (PKCS#8).
    pub key_pem_path: PathBuf,
    /// The certificate, DER.
    pub cert_der: Vec<u8>,
    /// SHA-256 of the DER certificate.
    pub sha256: [u8; 32],
}

impl SelfSignedCert {
    /// Makes a certificate for `names` (the first is the file stem) and writes it to `dir`.
    pub fn generate(component: &str, names: &[&str], dir: &Path) -> Result<Self, HarnessError> {
        let certificate_error = |message: String| HarnessError::Certificate {
            component: component.to_owned(),
            message,
        };
        let subject_names: Vec<String> = names.iter().map(|name| (*name).to_owned()).collect();
        let rcgen::CertifiedKey { cert, signing_key } =
            rcgen::generate_simple_self_signed(subject_names)
                .map_err(|error| certificate_error(error.to_string()))?;
        let stem = names.first().copied().unwrap_or("server");
        let cert_pem_path = dir.join(format!("{stem}.crt"));
        let key_pem_path = dir.join(format!("{stem}.key"));
        std::fs::write(&cert_pem_path, cert.pem()).map_err(|e| {
            HarnessError::io(component, format!("writing {}", cert_pem_path.display()), e)
        })?;
        std::fs::write(&key_pem_path, signing_key.serialize_pem()).map_err(|e| {
            HarnessError::io(component, format!("writing {}", key_pem_path.display()), e)
        })?;
        let cert_der = cert.der().to_vec();
        let sha256 = Sha256::digest(&cert_der).into();
        Ok(Self {
            cert_pem_path,
            key_pem_path,
            cert_der,
            sha256,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_pem_files_and_hashes_the_der() {
        let dir = tempfile::tempdir().unwrap();
        let cert = SelfSignedCert::generate("test", &["xmpp.test"], dir.path()).unwrap();
        let pem = std::fs::read_to_string(&cert.cert_pem_path).unwrap();
        assert!(pem.starts_with("-----BEGIN CERTIFICATE-----"));
        let key = std::fs::read_to_string(&cert.key_pem_path).unwrap();
        assert!(key.contains("PRIVATE KEY"));
        let expected: [u8; 32] = Sha256::digest(&cert.cert_der).into();
        assert_eq!(cert.sha256, expected);
    }
}
