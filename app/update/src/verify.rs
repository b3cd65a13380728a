//! Checking a file against its minisign signature, streaming, in constant memory.

use crate::error::VerifyError;
use crate::keys::{KeyId, TrustedKeys};
use minisign_verify::{Error as MinisignError, Signature};
use std::fs::File;
use std::io::Read;
use std::path::{Path, PathBuf};

/// Read size: large enough for full hashing speed, small enough to stay flat in memory.
const CHUNK: usize = 1 << 20;

/// A good signature: who signed, and what they said about the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verified {
    /// The release key that made the signature.
    pub key_id: KeyId,
    /// minisign's trusted comment (signed together with the file).
    pub trusted_comment: String,
    /// How many bytes were checked.
    pub bytes: u64,
}

/// Verifies `path` against `signature` (default: `path` + `.minisig`) and `keys`.
pub fn verify_file(
    path: &Path,
    signature: Option<&Path>,
    keys: &TrustedKeys,
) -> Result<Verified, VerifyError> {
    let signature_path = signature.map_or_else(|| default_signature_path(path), Path::to_path_buf);
    let signature_text =
        std::fs::read_to_string(&signature_path).map_err(|source| VerifyError::Read {
            path: signature_path.clone(),
            source,
        })?;
    let signature = decode_signature(&signature_text, &signature_path)?;
    let file = File::open(path).map_err(|source| VerifyError::Read {
        path: path.to_path_buf(),
        source,
    })?;
    verify_signature(file, path, &signature, keys)
}

/// Verifies bytes from `reader` against the text of a `.minisig` file and `keys`.
pub fn verify_reader(
    reader: impl Read,
    signature_text: &str,
    keys: &TrustedKeys,
) -> Result<Verified, VerifyError> {
    let label = Path::new("<download>");
    let signature = decode_signature(signature_text, Path::new("<signature>"))?;
    verify_signature(reader, label, &signature, keys)
}

/// `FILE.minisig`, minisign's own convention.
pub(crate) fn default_signature_path(path: &Path) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(".minisig");
    PathBuf::from(name)
}

struct DecodedSignature {
    signature: Signature,
    key_id: KeyId,
}

fn decode_signature(text: &str, path: &Path) -> Result<DecodedSignature, VerifyError> {
    let bad = || VerifyError::BadSignatureFile {
        path: path.to_path_buf(),
    };
    let signature = Signature::decode(text).map_err(|_| bad())?;
    let key_id = text
        .lines()
        .nth(1)
        .and_then(KeyId::from_blob_base64)
        .ok_or_else(bad)?;
    Ok(DecodedSignature { signature, key_id })
}

fn verify_signature(
    mut reader: impl Read,
    path: &Path,
    decoded: &DecodedSignature,
    keys: &TrustedKeys,
) -> Result<Verified, VerifyError> {
    let key_id = decoded.key_id;
    let key = keys.get(key_id).ok_or(VerifyError::UnknownKey {
        key_id: key_id.to_string(),
    })?;
    let mut verifier = key
        .key
        .verify_stream(&decoded.signature)
        .map_err(|error| match error {
            MinisignError::UnsupportedLegacyMode => VerifyError::LegacySignature,
            _ => VerifyError::UnknownKey {
                key_id: key_id.to_string(),
            },
        })?;
    let mut buffer = vec![0; CHUNK];
    let mut bytes = 0u64;
    loop {
        let read = match reader.read(&mut buffer) {
            Ok(0) => break,
            Ok(read) => read,
            Err(error) if error.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(source) => {
                return Err(VerifyError::Read {
                    path: path.to_path_buf(),
                    source,
                });
            }
        };
        verifier.update(&buffer[..read]);
        bytes += read as u64;
    }
    verifier.finalize().map_err(|_| VerifyError::BadSignature {
        key_id: key_id.to_string(),
    })?;
    Ok(Verified {
        key_id,
        trusted_comment: decoded.signature.trusted_comment().to_owned(),
        bytes,
    })
}

#[cfg(test)]
mod tests;
