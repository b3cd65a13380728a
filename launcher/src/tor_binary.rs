//! Finding tor: `--tor PATH` first, then the bundle's `tor/tor`, then `tor` on PATH (with a
//! warning, since that tor is not the one shipped and checked with the bundle).

use std::ffi::OsStr;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

use crate::bundle::Bundle;
use crate::error::LaunchError;

/// Where the tor to run came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TorOrigin {
    /// Named with `--tor`.
    CommandLine,
    /// The bundle's `tor/tor`.
    Bundled,
    /// Found on PATH: not the bundled tor.
    SearchPath,
}

/// A tor executable to start.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TorBinary {
    /// The executable.
    pub path: PathBuf,
    /// How it was found.
    pub origin: TorOrigin,
}

/// Finds tor. `search_path` is the value of PATH.
pub fn find_tor(
    explicit: Option<&Path>,
    bundle: &Bundle,
    search_path: Option<&OsStr>,
) -> Result<TorBinary, LaunchError> {
    if let Some(path) = explicit {
        check_executable(path)?;
        return Ok(TorBinary {
            path: path.to_path_buf(),
            origin: TorOrigin::CommandLine,
        });
    }
    let bundled = bundle.tor();
    if bundled.exists() {
        // A bundled tor that is broken is an error, not a reason to silently use another.
        check_executable(&bundled)?;
        return Ok(TorBinary {
            path: bundled,
            origin: TorOrigin::Bundled,
        });
    }
    let found = search_path
        .into_iter()
        .flat_map(std::env::split_paths)
        .filter(|dir| dir.is_absolute())
        .map(|dir| dir.join("tor"))
        .find(|candidate| check_executable(candidate).is_ok());
    match found {
        Some(path) => Ok(TorBinary {
            path,
            origin: TorOrigin::SearchPath,
        }),
        None => Err(LaunchError::TorNotFound { bundled }),
    }
}

fn check_executable(path: &Path) -> Result<(), LaunchError> {
    let unusable = |problem| LaunchError::TorNotUsable {
        path: path.to_path_buf(),
        problem,
    };
    let metadata = std::fs::metadata(path).map_err(|_| unusable("does not exist"))?;
    if !metadata.is_file() {
        return Err(unusable("is not a file"));
    }
    if metadata.permissions().mode() & 0o111 == 0 {
        return Err(unusable("is not executable"));
    }
    Ok(())
}

#[cfg(test)]
mod tests;
