//! Self-signed certificates made at run time (never committed, so they never expire in the
//! repository), written as PEM files, with the SHA-256 of the DER a test can pin.

use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256, Sha512};

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
        let mut params = rcgen::CertificateParams::new(subject_names)
            .map_err(|error| certificate_error(error.to_string()))?;
        if let Some(first) = names.first() {
            params
                .distinguished_name
                .push(rcgen::DnType::CommonName, *first);
        }
        // A validity around today: rcgen's default ends in 4096, which Erlang's pkix (so
        // ejabberd) takes for an expired certificate and refuses.
        let year = current_year();
        params.not_before = rcgen::date_time_ymd(year - 1, 1, 1);
        params.not_after = rcgen::date_time_ymd(year + 2, 1, 1);
        let signing_key =
            rcgen::KeyPair::generate().map_err(|error| certificate_error(error.to_string()))?;
        let cert = params
            .self_signed(&signing_key)
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

/// The calendar year now (near enough: a validity starts a year before and ends two after).
fn current_year() -> i32 {
    const SECONDS_PER_YEAR: u64 = 31_556_952;
    let seconds = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|since| since.as_secs())
        .unwrap_or_default();
    1970 + i32::try_from(seconds / SECONDS_PER_YEAR).unwrap_or(0)
}

/// A client certificate for TLS client authentication (IRC CertFP, SASL EXTERNAL), kept in
/// memory: the raw IRC peer presents it, and a test registers its fingerprint.
#[derive(Debug, Clone)]
pub struct ClientCert {
    /// The certificate, DER.
    pub cert_der: Vec<u8>,
    /// The private key, PKCS#8 DER.
    pub key_der: Vec<u8>,
}

impl ClientCert {
    /// A self-signed certificate whose subject is `common_name` (an ECDSA P-256 key).
    pub fn generate(component: &str, common_name: &str) -> Result<Self, HarnessError> {
        let certificate_error = |message: String| HarnessError::Certificate {
            component: component.to_owned(),
            message,
        };
        let mut params = rcgen::CertificateParams::new(Vec::<String>::new())
            .map_err(|error| certificate_error(error.to_string()))?;
        params
            .distinguished_name
            .push(rcgen::DnType::CommonName, common_name);
        let year = current_year();
        params.not_before = rcgen::date_time_ymd(year - 1, 1, 1);
        params.not_after = rcgen::date_time_ymd(year + 2, 1, 1);
        let key =
            rcgen::KeyPair::generate().map_err(|error| certificate_error(error.to_string()))?;
        let cert = params
            .self_signed(&key)
            .map_err(|error| certificate_error(error.to_string()))?;
        Ok(Self {
            cert_der: cert.der().to_vec(),
            key_der: key.serialize_der(),
        })
    }

    /// SHA-256 of the DER certificate in lowercase hex: what InspIRCd (`hash="sha256"`) and
    /// OFTC show as the CertFP and what `NickServ CERT ADD` takes.
    pub fn sha256_hex(&self) -> String {
        hex(&Sha256::digest(&self.cert_der))
    }

    /// SHA-512 of the DER certificate in lowercase hex.
    pub fn sha512_hex(&self) -> String {
        hex(&Sha512::digest(&self.cert_der))
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|byte| format!("{byte:02x}")).collect()
}

#[cfg(test)]
mod tests;
