//! Why a verification failed, in words a user can act on.

use std::path::PathBuf;

/// Why a file, signature or key was not accepted.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum VerifyError {
    /// A file could not be read.
    #[error("cannot read {path}: {source}")]
    Read {
        /// The file.
        path: PathBuf,
        /// What the system said.
        source: std::io::Error,
    },
    /// A public key file is not a minisign public key.
    #[error("{path} is not a minisign public key")]
    BadKey {
        /// The key file.
        path: PathBuf,
    },
    /// The keys directory holds no public key at all.
    #[error("no release public key (*.pub) found in {dir}")]
    NoKeys {
        /// The directory searched.
        dir: PathBuf,
    },
    /// The signature file is not a minisign signature.
    #[error("{path} is not a minisign signature file")]
    BadSignatureFile {
        /// The signature file.
        path: PathBuf,
    },
    /// The signature is in minisign's legacy (not prehashed) form, which we refuse.
    #[error("the signature is in minisign's legacy form; only prehashed signatures are accepted")]
    LegacySignature,
    /// The signature was made by a key we do not trust.
    #[error("signed by key {key_id}, which is not one of the release keys: do not use this file")]
    UnknownKey {
        /// The signer's key id.
        key_id: String,
    },
    /// The signature does not match the file: it was changed or corrupted.
    #[error(
        "BAD SIGNATURE: the file does not match its signature by key {key_id}. It may have \
         been tampered with or damaged in transit: delete it and download it again"
    )]
    BadSignature {
        /// The key the signature names.
        key_id: String,
    },
    /// A sums file line is not `HEX  NAME`.
    #[error("line {line} of the sums file is not \"<sha256>  <file name>\"")]
    BadSumsLine {
        /// 1-based line number.
        line: usize,
    },
    /// A sums file names a path outside its own directory.
    #[error("line {line} of the sums file names a path outside its folder: refused")]
    UnsafeSumsPath {
        /// 1-based line number.
        line: usize,
    },
}
