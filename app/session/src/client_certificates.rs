//! IRC client certificates in the profile: one file per account in
//! `irc-certificates/<account id>.pem` (certificate and private key, mode 0600, folder 0700),
//! generated or imported when the user asks, never shared between accounts (a shared
//! fingerprint would link them).

use std::path::{Path, PathBuf};

use messenger_irc::certificate::{self, CertificateFile, Fingerprints};
use messenger_protocol::accounts::{AccountConfig, CLIENT_CERTIFICATES_DIR};

/// Where an account's certificate comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CertificateSource {
    /// A new certificate and P-256 key.
    Generate,
    /// Existing PEM text: the certificate, and the key when it is in another file.
    Import {
        /// The certificate (and key, if in the same file).
        pem: Vec<u8>,
        /// The key's file, when separate.
        key_pem: Option<Vec<u8>>,
    },
}

/// The profile's folder of client certificates.
pub fn certificates_dir(profile_dir: &Path) -> PathBuf {
    profile_dir.join(CLIENT_CERTIFICATES_DIR)
}

/// Generates or imports `account`'s certificate, stores it in the profile and names it in the
/// account; returns its fingerprints. The error is in words for the user (nothing is changed
/// then).
pub fn create(
    profile_dir: &Path,
    account: &mut AccountConfig,
    source: &CertificateSource,
) -> Result<Fingerprints, String> {
    let file = match source {
        CertificateSource::Generate => certificate::generate(),
        CertificateSource::Import { pem, key_pem } => certificate::import(pem, key_pem.as_deref()),
    }
    .map_err(|error| error.to_string())?;
    let fingerprints = file.fingerprints().map_err(|error| error.to_string())?;
    let dir = certificates_dir(profile_dir);
    let name = format!("{}.pem", account.id);
    let saved = private_file::create_dir(&dir)
        .and_then(|()| private_file::write(&dir.join(&name), file.pem.as_bytes()));
    saved.map_err(|error| {
        format!(
            "The client certificate could not be saved in the profile ({}).",
            error.kind()
        )
    })?;
    account.client_certificate = Some(name);
    Ok(fingerprints)
}

/// The fingerprints of `account`'s certificate, if it has one (an error in words when its
/// file is missing or damaged).
pub fn fingerprints(
    profile_dir: &Path,
    account: &AccountConfig,
) -> Option<Result<Fingerprints, String>> {
    let name = account.client_certificate.as_ref()?;
    let path = certificates_dir(profile_dir).join(name);
    Some(
        std::fs::read(&path)
            .map_err(|error| {
                format!(
                    "The client certificate could not be read ({}).",
                    error.kind()
                )
            })
            .and_then(|pem| {
                CertificateFile {
                    pem: String::from_utf8_lossy(&pem).into_owned(),
                }
                .fingerprints()
                .map_err(|error| error.to_string())
            }),
    )
}

#[cfg(test)]
mod tests;
