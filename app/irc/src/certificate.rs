//! Client certificates for CertFP (identification by the certificate's fingerprint) and SASL
//! EXTERNAL: generating one for an account, reading one the user imports, and what the user
//! must tell NickServ.
//!
//! A generated certificate says nothing about its owner or its creation: the subject is
//! `CN=user` (the user name every account sends), the validity is fixed (1975 to 4096, as
//! rcgen's defaults; a creation date would tell the server when the account was set up), the
//! serial number random, the key P-256 (so the same key also answers
//! ECDSA-NIST256P-CHALLENGE). Each account gets its own: two accounts sharing a certificate
//! would be linked by its fingerprint.

use messenger_net::{ClientCertificate, NetError};
use sha1::Sha1;
use sha2::{Digest as _, Sha256, Sha512};

use crate::sasl::EcdsaKey;
use crate::state::IRC_USERNAME;

/// A certificate with its key, as stored in the profile (one PEM file, 0600).
#[derive(Clone)]
pub struct CertificateFile {
    /// Certificate then private key, PEM.
    pub pem: String,
}

impl std::fmt::Debug for CertificateFile {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("CertificateFile([hidden])")
    }
}

/// Why a certificate could not be made or read.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum CertificateError {
    /// Generating failed (no randomness, for example).
    #[error("A client certificate could not be generated ({0}).")]
    Generate(String),
    /// The PEM is not a usable certificate with its key.
    #[error("{0}")]
    Unusable(NetError),
}

/// What the account form and the account list show about a certificate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fingerprints {
    /// SHA-512 of the certificate (DER), lower-case hex: what Libera.Chat's NickServ shows.
    pub sha512: String,
    /// SHA-256, lower-case hex: InspIRCd's and many networks' CertFP.
    pub sha256: String,
    /// SHA-1, upper-case hex: what OFTC's NickServ matches.
    pub sha1: String,
    /// The public key for `NickServ SET PUBKEY` (ECDSA-NIST256P-CHALLENGE), for a P-256 key.
    pub ecdsa_public_key: Option<String>,
}

impl Fingerprints {
    /// The commands that register this certificate with NickServ (while identified):
    /// Atheme networks (Libera.Chat) take the fingerprint they show; OFTC matches SHA-1.
    pub fn registration_commands(&self) -> Vec<String> {
        let mut commands = vec![
            format!("/msg NickServ CERT ADD {}", self.sha512),
            format!("/msg NickServ CERT ADD {}", self.sha1),
        ];
        if let Some(key) = &self.ecdsa_public_key {
            commands.push(format!("/msg NickServ SET PUBKEY {key}"));
        }
        commands
    }
}

/// A new certificate and P-256 key for one account.
pub fn generate() -> Result<CertificateFile, CertificateError> {
    let key = rcgen::KeyPair::generate_for(&rcgen::PKCS_ECDSA_P256_SHA256)
        .map_err(|e| CertificateError::Generate(e.to_string()))?;
    let mut params = rcgen::CertificateParams::new(Vec::<String>::new())
        .map_err(|e| CertificateError::Generate(e.to_string()))?;
    params.distinguished_name = rcgen::DistinguishedName::new();
    params
        .distinguished_name
        .push(rcgen::DnType::CommonName, IRC_USERNAME);
    let mut serial = [0u8; 16];
    getrandom::fill(&mut serial).map_err(|e| CertificateError::Generate(e.to_string()))?;
    // Positive: the top bit clear.
    serial[0] &= 0x7f;
    params.serial_number = Some(rcgen::SerialNumber::from_slice(&serial));
    let certificate = params
        .self_signed(&key)
        .map_err(|e| CertificateError::Generate(e.to_string()))?;
    Ok(CertificateFile {
        pem: format!("{}{}", certificate.pem(), key.serialize_pem()),
    })
}

/// Reads an existing certificate and key (one PEM file, or the key in a second one) into the
/// form the profile stores, after checking that the key belongs to the certificate.
pub fn import(pem: &[u8], key_pem: Option<&[u8]>) -> Result<CertificateFile, CertificateError> {
    ClientCertificate::from_pem(pem, key_pem).map_err(CertificateError::Unusable)?;
    let mut text = String::from_utf8_lossy(pem).into_owned();
    if let Some(key) = key_pem {
        if !text.ends_with('\n') {
            text.push('\n');
        }
        text.push_str(&String::from_utf8_lossy(key));
    }
    Ok(CertificateFile { pem: text })
}

impl CertificateFile {
    /// The certificate for the TLS handshake.
    pub fn client_certificate(&self) -> Result<ClientCertificate, CertificateError> {
        ClientCertificate::from_pem(self.pem.as_bytes(), None).map_err(CertificateError::Unusable)
    }

    /// The P-256 key, when the certificate has one.
    pub fn ecdsa_key(&self) -> Option<EcdsaKey> {
        EcdsaKey::from_pem(self.pem.as_bytes())
    }

    /// The fingerprints and the registration commands.
    pub fn fingerprints(&self) -> Result<Fingerprints, CertificateError> {
        let certificate = self.client_certificate()?;
        let der = certificate.end_entity_der();
        Ok(Fingerprints {
            sha512: messenger_net::hex_encode(&Sha512::digest(der)),
            sha256: messenger_net::hex_encode(&Sha256::digest(der)),
            sha1: messenger_net::hex_encode(&Sha1::digest(der)).to_ascii_uppercase(),
            ecdsa_public_key: self.ecdsa_key().map(|key| key.public_key_base64()),
        })
    }
}

#[cfg(test)]
mod tests;
