//! The person's own bridges (`Data/Tor/custom-bridges`), kept while built-in bridges or a
//! direct connection are in use, so that `bridges use custom` (or "my bridges" in the window)
//! gets them back. Tor never reads this file: what tor uses is its own configuration (the user
//! torrc, or `SETCONF` while it runs); this is the launcher's and the messenger's memory.

use std::path::{Path, PathBuf};

use crate::line::{BridgeLine, LineError};

/// The file's name, in tor's data folder (`Data/Tor`).
pub const CUSTOM_BRIDGES_FILE: &str = "custom-bridges";

const HEADER: &str = "\
# Your own bridges, one per line. Tor Messenger keeps them here while it uses other bridges
# (tor-messenger-launcher bridges use custom, or Settings > Tor connection, uses them again).
";

/// Reading or writing the file failed, or a line in it does not parse.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum CustomBridgesError {
    /// The file could not be read or written.
    #[error("cannot read or write {path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The system's reason.
        source: std::io::Error,
    },
    /// A line of the file is not a bridge line (edited by hand).
    #[error("{path}: {source}")]
    Line {
        /// The file.
        path: PathBuf,
        /// The line and what is wrong.
        source: LineError,
    },
}

/// The person's own bridges, in the order added.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CustomBridges {
    /// The bridges.
    pub bridges: Vec<BridgeLine>,
}

impl CustomBridges {
    /// The file in tor's data folder `tor_dir`.
    pub fn path(tor_dir: &Path) -> PathBuf {
        tor_dir.join(CUSTOM_BRIDGES_FILE)
    }

    /// Reads the file; `None` if there is none yet.
    pub fn load(path: &Path) -> Result<Option<CustomBridges>, CustomBridgesError> {
        let text = match std::fs::read_to_string(path) {
            Ok(text) => text,
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(source) => {
                return Err(CustomBridgesError::Io {
                    path: path.to_path_buf(),
                    source,
                });
            }
        };
        if text.lines().all(|line| {
            let line = line.trim();
            line.is_empty() || line.starts_with('#')
        }) {
            return Ok(Some(CustomBridges::default()));
        }
        let bridges = BridgeLine::parse_many(&text).map_err(|source| CustomBridgesError::Line {
            path: path.to_path_buf(),
            source,
        })?;
        Ok(Some(CustomBridges { bridges }))
    }

    /// Writes the file atomically, readable by the owner only (bridge addresses are private).
    pub fn save(&self, path: &Path) -> Result<(), CustomBridgesError> {
        let mut text = String::from(HEADER);
        for bridge in &self.bridges {
            text.push_str(&bridge.to_string());
            text.push('\n');
        }
        private_file::write(path, text.as_bytes()).map_err(|source| CustomBridgesError::Io {
            path: path.to_path_buf(),
            source,
        })
    }

    /// Adds the bridges not there yet; returns how many were new.
    pub fn add(&mut self, bridges: &[BridgeLine]) -> usize {
        let mut added = 0;
        for bridge in bridges {
            if !self.bridges.contains(bridge) {
                self.bridges.push(bridge.clone());
                added += 1;
            }
        }
        added
    }
}

#[cfg(test)]
mod tests;
