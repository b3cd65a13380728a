//! The profile folder (`Data/`): tor's data directory `Data/Tor`, the user's torrc in it, and
//! the torrc-defaults the launcher writes at each start.

use std::path::{Path, PathBuf};

use crate::error::LaunchError;

/// The text of a new user torrc.
const USER_TORRC_HEADER: &str = "\
# Your own tor settings (bridges, proxies). Tor reads this file after the launcher's defaults,
# so what you set here wins. Manage bridges with: tor-messenger-launcher bridges add|list|remove
";

/// A profile folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Profile {
    dir: PathBuf,
}

impl Profile {
    /// The profile at `dir` (made absolute, since tor runs with its own idea of the cwd).
    pub fn new(dir: &Path) -> Result<Self, LaunchError> {
        let dir = std::path::absolute(dir).map_err(|source| LaunchError::DataDir {
            path: dir.to_path_buf(),
            source,
        })?;
        Ok(Self { dir })
    }

    /// The profile folder.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Tor's `DataDirectory`: `Data/Tor`.
    pub fn tor_dir(&self) -> PathBuf {
        self.dir.join("Tor")
    }

    /// The user's own torrc (bridges, proxies): `Data/Tor/torrc`.
    pub fn user_torrc(&self) -> PathBuf {
        self.tor_dir().join("torrc")
    }

    /// The defaults the launcher writes before each start: `Data/Tor/torrc-defaults`.
    pub fn generated_defaults(&self) -> PathBuf {
        self.tor_dir().join("torrc-defaults")
    }

    /// The control-port cookie tor writes: `Data/Tor/control_auth_cookie`.
    pub fn cookie(&self) -> PathBuf {
        self.tor_dir().join("control_auth_cookie")
    }

    /// Creates an empty, commented user torrc if there is none, so tor has no missing file to
    /// warn about and the person finds where their settings go.
    pub fn ensure_user_torrc(&self) -> Result<(), LaunchError> {
        let path = self.user_torrc();
        if path.exists() {
            return Ok(());
        }
        private_file::write(&path, USER_TORRC_HEADER.as_bytes())
            .map_err(|source| LaunchError::DataDir { path, source })
    }

    /// Creates `Data/Tor` readable by the owner only, as tor requires of its data directory.
    pub fn ensure_tor_dir(&self) -> Result<(), LaunchError> {
        use std::os::unix::fs::{DirBuilderExt, PermissionsExt};
        let tor_dir = self.tor_dir();
        let error = |source| LaunchError::DataDir {
            path: tor_dir.clone(),
            source,
        };
        std::fs::DirBuilder::new()
            .recursive(true)
            .mode(0o700)
            .create(&tor_dir)
            .map_err(error)?;
        std::fs::set_permissions(&tor_dir, std::fs::Permissions::from_mode(0o700)).map_err(error)
    }
}

#[cfg(test)]
mod tests;
