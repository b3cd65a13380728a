//! Where things are in the bundle (docs/ARCHITECTURE.md section 8): the launcher at the top of the bundle
//! folder, `tor/` (tor and its `torrc-defaults`), `app/` (the messenger), `Data/` (the profile).

use std::path::{Path, PathBuf};

/// The bundle folder: the folder holding the launcher executable.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bundle {
    dir: PathBuf,
}

impl Bundle {
    /// The bundle around the running launcher.
    pub fn of_current_exe() -> std::io::Result<Self> {
        let exe = std::env::current_exe()?;
        // Resolve symlinks so a link to the launcher elsewhere still finds the bundle.
        let exe = exe.canonicalize().unwrap_or(exe);
        let dir = exe
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_else(|| PathBuf::from("."));
        Ok(Self { dir })
    }

    /// A bundle rooted at `dir` (for tests and tools).
    pub fn at(dir: impl Into<PathBuf>) -> Self {
        Self { dir: dir.into() }
    }

    /// The bundle folder.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The bundled tor: `tor/tor`.
    pub fn tor(&self) -> PathBuf {
        self.dir.join("tor").join("tor")
    }

    /// The bundled template of tor's defaults: `tor/torrc-defaults`.
    pub fn torrc_defaults_template(&self) -> PathBuf {
        self.dir.join("tor").join("torrc-defaults")
    }

    /// The portable profile: `Data/`.
    pub fn default_data_dir(&self) -> PathBuf {
        self.dir.join("Data")
    }

    /// Where the messenger may be: `app/tor-messenger` in a bundle, or beside the launcher
    /// (as in a cargo target folder).
    pub fn app_candidates(&self) -> [PathBuf; 2] {
        [
            self.dir.join("app").join("tor-messenger"),
            self.dir.join("tor-messenger"),
        ]
    }
}

#[cfg(test)]
mod tests;
