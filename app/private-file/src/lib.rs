//! Owner-only files in the profile, written atomically.
//!
//! Every file of the portable profile that holds something personal (settings, accounts,
//! OTR keys and fingerprints, OMEMO state, update state, tor's user configuration) is
//! written here: a new temporary file with mode 0600 in the same folder, filled, flushed to
//! disk, renamed over the old one, then the folder itself is synced. A crash at any point
//! leaves either the old file or the new one, never a mix, and the file is never readable
//! by others, not even for a moment.

#![forbid(unsafe_code)]
#![warn(missing_docs)]

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt, PermissionsExt};
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};

/// Mode of every file written here: read and write for the owner only.
pub const FILE_MODE: u32 = 0o600;
/// Mode of the folders created here: the owner only.
pub const DIR_MODE: u32 = 0o700;

static TEMP_COUNTER: AtomicU64 = AtomicU64::new(0);

/// Writes `path` atomically with mode 0600: `fill` writes into a new temporary file in the
/// same folder (opened for reading and writing), which is then flushed to disk and renamed
/// over `path`; finally the folder is synced so the rename itself is durable. On failure the
/// temporary file is removed and `path` is untouched.
pub fn write_with(path: &Path, fill: impl FnOnce(&mut File) -> io::Result<()>) -> io::Result<()> {
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let temp = dir.join(format!(
        ".{name}.tmp-{}-{}",
        std::process::id(),
        TEMP_COUNTER.fetch_add(1, Ordering::Relaxed)
    ));
    let result = (|| {
        let mut file = OpenOptions::new()
            .write(true)
            .read(true)
            .create_new(true)
            .mode(FILE_MODE)
            .open(&temp)?;
        // The umask can only remove bits; set the mode exactly in case it was odd.
        file.set_permissions(fs::Permissions::from_mode(FILE_MODE))?;
        fill(&mut file)?;
        file.flush()?;
        file.sync_all()?;
        drop(file);
        fs::rename(&temp, path)?;
        File::open(dir)?.sync_all()
    })();
    if result.is_err() {
        // Best effort: a leftover temporary file is harmless but untidy.
        let _ = fs::remove_file(&temp);
    }
    result
}

/// Writes `bytes` to `path` atomically with mode 0600 (see [`write_with`]).
pub fn write(path: &Path, bytes: &[u8]) -> io::Result<()> {
    write_with(path, |file| file.write_all(bytes))
}

/// Creates `dir` and its missing parents; the folders it creates get mode 0700. An existing
/// folder is left as it is.
pub fn create_dir(dir: &Path) -> io::Result<()> {
    fs::DirBuilder::new()
        .recursive(true)
        .mode(DIR_MODE)
        .create(dir)
}

/// Takes away every permission of others and the group from an existing file (a private
/// file found readable by others is fixed, never trusted as it is).
pub fn restrict_to_owner(path: &Path) -> io::Result<()> {
    let mode = fs::metadata(path)?.permissions().mode();
    if mode & 0o077 != 0 {
        fs::set_permissions(path, fs::Permissions::from_mode(mode & 0o700))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests;
