//! The release public keys we trust, from `keys/*.pub` (minisign format).

use crate::error::VerifyError;
use base64::Engine as _;
use minisign_verify::PublicKey;
use std::fmt;
use std::path::Path;

/// A minisign key id, shown as minisign shows it (upper-case hex, no leading zeros).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct KeyId(pub [u8; 8]);

impl fmt::Display for KeyId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:X}", u64::from_le_bytes(self.0))
    }
}

impl KeyId {
    /// Parses a key id as minisign prints it (hex, leading zeros optional).
    pub fn from_hex(text: &str) -> Option<KeyId> {
        let text = text.trim();
        if text.is_empty() || text.len() > 16 {
            return None;
        }
        u64::from_str_radix(text, 16)
            .ok()
            .map(|value| KeyId(value.to_le_bytes()))
    }

    /// The key id inside a base64 minisign key or signature blob (bytes 2..10).
    pub(crate) fn from_blob_base64(b64: &str) -> Option<KeyId> {
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(b64.trim())
            .ok()?;
        let id: [u8; 8] = bytes.get(2..10)?.try_into().ok()?;
        Some(KeyId(id))
    }
}

/// One trusted key.
#[derive(Debug, Clone)]
pub struct TrustedKey {
    /// Its id.
    pub id: KeyId,
    /// The key itself.
    pub key: PublicKey,
}

/// The set of release keys a signature must come from.
#[derive(Debug, Clone, Default)]
pub struct TrustedKeys {
    keys: Vec<TrustedKey>,
}

impl TrustedKeys {
    /// No keys (nothing verifies).
    pub fn empty() -> TrustedKeys {
        TrustedKeys::default()
    }

    /// Every `*.pub` file in `dir`, sorted by name. A malformed key file is an error, not
    /// skipped, so a damaged keys folder is noticed. An empty folder is an error too.
    pub fn load_dir(dir: &Path) -> Result<TrustedKeys, VerifyError> {
        let read_error = |source| VerifyError::Read {
            path: dir.to_path_buf(),
            source,
        };
        let mut paths: Vec<_> = std::fs::read_dir(dir)
            .map_err(read_error)?
            .collect::<Result<Vec<_>, _>>()
            .map_err(read_error)?
            .into_iter()
            .map(|entry| entry.path())
            .filter(|path| path.extension().is_some_and(|ext| ext == "pub"))
            .collect();
        paths.sort();
        let mut keys = TrustedKeys::empty();
        for path in paths {
            let text = std::fs::read_to_string(&path).map_err(|source| VerifyError::Read {
                path: path.clone(),
                source,
            })?;
            keys.add_minisign_pub(&text)
                .ok_or_else(|| VerifyError::BadKey { path: path.clone() })?;
        }
        if keys.keys.is_empty() {
            return Err(VerifyError::NoKeys {
                dir: dir.to_path_buf(),
            });
        }
        Ok(keys)
    }

    /// Adds a key in `minisign.pub` form (comment line + base64 line) or as a bare base64
    /// line. Returns its id, or `None` if `text` is not a minisign public key.
    pub fn add_minisign_pub(&mut self, text: &str) -> Option<KeyId> {
        let base64_line = text
            .lines()
            .map(str::trim)
            .find(|line| !line.is_empty() && !line.starts_with("untrusted comment:"))?;
        let key = PublicKey::from_base64(base64_line).ok()?;
        let id = KeyId::from_blob_base64(base64_line)?;
        if !self.contains(id) {
            self.keys.push(TrustedKey { id, key });
        }
        Some(id)
    }

    /// Removes the key `id` (revocation). Returns whether it was there.
    pub fn remove(&mut self, id: KeyId) -> bool {
        let before = self.keys.len();
        self.keys.retain(|key| key.id != id);
        self.keys.len() != before
    }

    /// Whether `id` is trusted.
    pub fn contains(&self, id: KeyId) -> bool {
        self.keys.iter().any(|key| key.id == id)
    }

    /// The key with id `id`.
    pub fn get(&self, id: KeyId) -> Option<&TrustedKey> {
        self.keys.iter().find(|key| key.id == id)
    }

    /// The ids of all trusted keys.
    pub fn ids(&self) -> impl Iterator<Item = KeyId> + '_ {
        self.keys.iter().map(|key| key.id)
    }
}

#[cfg(test)]
mod tests;
