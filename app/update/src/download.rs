//! Keeping a downloaded bundle only after its size, hash and signature check out.
//!
//! Bytes go to a hidden partial file in `Downloads/`. Nothing past the listed size is
//! accepted; on any failure, or if the download is dropped unfinished, the partial file is
//! deleted, so `Downloads/` never holds an unverified bundle.

use crate::keys::{KeyId, TrustedKeys};
use crate::manifest::PlatformRelease;
use crate::verify::verify_file;
use sha2::{Digest, Sha256};
use std::fs::File;
use std::io::Write;
use std::path::{Path, PathBuf};

/// Why a download was not kept.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum DownloadError {
    /// Writing to `Downloads/` failed.
    #[error("cannot write in {path}: {source}")]
    Io {
        /// The path.
        path: PathBuf,
        /// What the system said.
        source: std::io::Error,
    },
    /// The server sent more than the manifest lists (endless data).
    #[error(
        "the server sent more than the {expected} bytes the signed manifest lists: the download \
         was stopped and deleted (it may have been tampered with)"
    )]
    TooLarge {
        /// The listed size.
        expected: u64,
    },
    /// The download ended early.
    #[error("the download ended after {got} of {expected} bytes and was deleted: try again")]
    Truncated {
        /// The listed size.
        expected: u64,
        /// What arrived.
        got: u64,
    },
    /// The bytes are not the released file.
    #[error(
        "the downloaded file's SHA-256 is not the one the signed manifest lists: it may have \
         been tampered with, and was deleted"
    )]
    HashMismatch,
    /// The signature does not check out.
    #[error("the downloaded file's signature is not valid, so it was deleted: {0}")]
    Signature(#[from] crate::VerifyError),
    /// The manifest's file name would leave `Downloads/`.
    #[error("the file name {0:?} is not a plain file name: refused")]
    UnsafeName(String),
}

/// A download in progress, bounded by the signed manifest's entry.
#[derive(Debug)]
pub struct PartialDownload {
    release: PlatformRelease,
    folder: PathBuf,
    partial_path: PathBuf,
    file: Option<File>,
    hasher: Sha256,
    received: u64,
}

/// A bundle kept after every check passed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeptDownload {
    /// The bundle in `Downloads/`.
    pub path: PathBuf,
    /// Its signature beside it.
    pub signature_path: PathBuf,
    /// The key that signed it.
    pub signed_by: KeyId,
}

impl PartialDownload {
    /// Starts a download of `release` into `folder` (created if needed).
    pub fn begin(
        folder: &Path,
        release: &PlatformRelease,
    ) -> Result<PartialDownload, DownloadError> {
        if !is_plain_file_name(&release.file) {
            return Err(DownloadError::UnsafeName(release.file.clone()));
        }
        let io = |source| DownloadError::Io {
            path: folder.to_path_buf(),
            source,
        };
        std::fs::create_dir_all(folder).map_err(io)?;
        let partial_path = folder.join(format!(".{}.part", release.file));
        let file = File::create(&partial_path).map_err(io)?;
        Ok(PartialDownload {
            release: release.clone(),
            folder: folder.to_path_buf(),
            partial_path,
            file: Some(file),
            hasher: Sha256::new(),
            received: 0,
        })
    }

    /// Bytes received so far.
    pub fn received(&self) -> u64 {
        self.received
    }

    /// Appends `chunk`; refuses (and deletes everything) past the listed size.
    pub fn write(&mut self, chunk: &[u8]) -> Result<(), DownloadError> {
        let expected = self.release.size;
        let after = self.received.saturating_add(chunk.len() as u64);
        if after > expected {
            self.discard();
            return Err(DownloadError::TooLarge { expected });
        }
        let Some(file) = self.file.as_mut() else {
            return Err(DownloadError::TooLarge { expected });
        };
        if let Err(source) = file.write_all(chunk) {
            let path = self.partial_path.clone();
            self.discard();
            return Err(DownloadError::Io { path, source });
        }
        self.hasher.update(chunk);
        self.received = after;
        Ok(())
    }

    /// Checks size, SHA-256 and `signature` (the `.minisig` text); keeps the file only if all
    /// pass, with its signature beside it.
    pub fn finish(
        mut self,
        signature: &str,
        keys: &TrustedKeys,
    ) -> Result<KeptDownload, DownloadError> {
        let result = self.check_and_keep(signature, keys);
        if result.is_err() {
            self.discard();
        }
        result
    }

    fn check_and_keep(
        &mut self,
        signature: &str,
        keys: &TrustedKeys,
    ) -> Result<KeptDownload, DownloadError> {
        let expected = self.release.size;
        if self.received != expected {
            return Err(DownloadError::Truncated {
                expected,
                got: self.received,
            });
        }
        let digest = hex::encode(std::mem::take(&mut self.hasher).finalize());
        if digest != self.release.sha256 {
            return Err(DownloadError::HashMismatch);
        }
        let io = |path: &Path, source| DownloadError::Io {
            path: path.to_path_buf(),
            source,
        };
        if let Some(file) = self.file.take() {
            file.sync_all().map_err(|e| io(&self.partial_path, e))?;
        }
        let partial_signature = self
            .folder
            .join(format!(".{}.minisig.part", self.release.file));
        std::fs::write(&partial_signature, signature).map_err(|e| io(&partial_signature, e))?;
        let verified = verify_file(&self.partial_path, Some(&partial_signature), keys);
        let verified = match verified {
            Ok(verified) => verified,
            Err(error) => {
                let _ = std::fs::remove_file(&partial_signature);
                return Err(error.into());
            }
        };
        let path = self.folder.join(&self.release.file);
        let signature_path = self.folder.join(format!("{}.minisig", self.release.file));
        std::fs::rename(&partial_signature, &signature_path).map_err(|e| io(&signature_path, e))?;
        std::fs::rename(&self.partial_path, &path).map_err(|e| io(&path, e))?;
        Ok(KeptDownload {
            path,
            signature_path,
            signed_by: verified.key_id,
        })
    }

    fn discard(&mut self) {
        self.file = None;
        // Nothing to do if it is already gone; any other failure leaves a hidden `.part`
        // file that the next download of the same name replaces.
        let _ = std::fs::remove_file(&self.partial_path);
    }
}

impl Drop for PartialDownload {
    fn drop(&mut self) {
        if self.file.is_some() {
            self.discard();
        }
    }
}

fn is_plain_file_name(name: &str) -> bool {
    !name.is_empty()
        && !name.starts_with('.')
        && !name.contains('/')
        && !name.contains('\\')
        && !name.contains('\0')
}

#[cfg(test)]
mod tests;
