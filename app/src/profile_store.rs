//! Reads and writes `settings.toml` in the portable profile: atomic (write a temporary file,
//! then rename), mode 0600 in a 0700 folder. Only settings and accounts; never chat content.

use anyhow::{Context, Result};
use messenger_ui::SettingsFile;
use std::path::{Path, PathBuf};

const FILE: &str = "settings.toml";

/// The profile folder: `--profile`, else `Data/` beside the binary, or beside the folder
/// holding it (the bundle keeps binaries in `app/` and the profile in `Data/`).
pub(crate) fn locate(explicit: Option<PathBuf>) -> Result<PathBuf> {
    if let Some(dir) = explicit {
        return Ok(dir);
    }
    let exe = std::env::current_exe().context("cannot find where tor-messenger is installed")?;
    let dir = exe
        .parent()
        .context("the program has no folder")?
        .to_path_buf();
    let beside_parent = dir.parent().map(|p| p.join("Data"));
    match beside_parent {
        Some(data) if data.is_dir() => Ok(data),
        _ => Ok(dir.join("Data")),
    }
}

/// Loads the profile, or defaults when there is none yet.
pub(crate) fn load(dir: &Path) -> Result<SettingsFile> {
    let path = dir.join(FILE);
    match std::fs::read_to_string(&path) {
        Ok(text) => Ok(SettingsFile::from_toml(&text)?),
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => Ok(SettingsFile::default()),
        Err(error) => Err(error).context("cannot read the settings file in the profile folder"),
    }
}

/// Saves the profile atomically with owner-only permissions.
pub(crate) fn save(dir: &Path, profile: &SettingsFile) -> Result<()> {
    private_file::create_dir(dir).context("cannot create the profile folder")?;
    let text = profile.to_toml()?;
    private_file::write(&dir.join(FILE), text.as_bytes())
        .context("cannot write the settings file in the profile folder")
}

#[cfg(test)]
mod tests;
