//! What `check-update` has already seen, kept in the profile (rollback defence).

use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// The highest manifest and version accepted so far, and the keys rotated in or out since.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct UpdateState {
    /// Sequence of the newest manifest accepted.
    pub highest_sequence: u64,
    /// SHA-256 (hex) of that manifest, so a different manifest with the same sequence is caught.
    pub manifest_sha256: String,
    /// The highest version any accepted manifest offered for our platform.
    pub highest_version: String,
    /// Keys added by signed manifests (minisign base64 lines).
    pub added_keys: Vec<String>,
    /// Key ids revoked by signed manifests.
    pub revoked_keys: Vec<String>,
}

/// Why the state file could not be used.
#[derive(Debug, thiserror::Error)]
pub enum StateError {
    /// Reading or writing failed.
    #[error("cannot access the update state file {path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// What the system said.
        source: std::io::Error,
    },
    /// The file is damaged; it is left as it is for the user to look at.
    #[error(
        "the update state file {path} is damaged and was left untouched; move it away to \
         start afresh (rollback protection restarts from the next manifest)"
    )]
    Corrupt {
        /// The file.
        path: PathBuf,
    },
}

impl UpdateState {
    /// Reads the state at `path`; a missing file is the empty state.
    pub fn load(path: &Path) -> Result<UpdateState, StateError> {
        match std::fs::read(path) {
            Ok(bytes) => serde_json::from_slice(&bytes).map_err(|_| StateError::Corrupt {
                path: path.to_path_buf(),
            }),
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
                Ok(UpdateState::default())
            }
            Err(source) => Err(StateError::Io {
                path: path.to_path_buf(),
                source,
            }),
        }
    }

    /// Writes the state atomically (temporary file, fsync, rename) with mode 0600.
    pub fn save(&self, path: &Path) -> Result<(), StateError> {
        let io = |source| StateError::Io {
            path: path.to_path_buf(),
            source,
        };
        let folder = path.parent().unwrap_or(Path::new("."));
        private_file::create_dir(folder).map_err(io)?;
        let json =
            serde_json::to_vec_pretty(self).map_err(|error| io(std::io::Error::other(error)))?;
        private_file::write(path, &json).map_err(io)
    }
}

#[cfg(test)]
mod tests;
