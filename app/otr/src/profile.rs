//! The OTR files of a profile: paths, validation before libotr reads them, and the C `FILE*`
//! libotr writes through (the files themselves are written atomically with mode 0600 by
//! `private_file`).

use crate::error::{FileKind, OtrError};
use std::fs::{self, File};
use std::io::{self, Read};
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

/// Where a profile keeps its OTR files.
#[derive(Debug, Clone)]
pub struct ProfileFiles {
    dir: PathBuf,
}

impl ProfileFiles {
    /// The OTR files in `dir` (created with mode 0700 if missing).
    pub fn new(dir: impl Into<PathBuf>) -> Result<Self, OtrError> {
        let dir = dir.into();
        if !dir.exists() {
            private_file::create_dir(&dir).map_err(|source| OtrError::ProfileDir {
                path: dir.clone(),
                source,
            })?;
        }
        Ok(ProfileFiles { dir })
    }

    /// The folder.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The path of one file.
    pub fn path(&self, kind: FileKind) -> PathBuf {
        self.dir.join(match kind {
            FileKind::PrivateKey => "otr.private_key",
            FileKind::Fingerprints => "otr.fingerprints",
            FileKind::InstanceTags => "otr.instance_tags",
        })
    }
}

/// Reads a profile file if it exists, tightening its mode to 0600 first (a key file left
/// readable by others is fixed, never trusted as is).
pub(crate) fn read_if_exists(path: &Path, kind: FileKind) -> Result<Option<Vec<u8>>, OtrError> {
    let mut file = match File::open(path) {
        Ok(file) => file,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(source) => {
            return Err(OtrError::Io {
                kind,
                action: "read",
                source,
            });
        }
    };
    let io_err = |source| OtrError::Io {
        kind,
        action: "read",
        source,
    };
    let mode = file.metadata().map_err(io_err)?.permissions().mode();
    if mode & 0o077 != 0 {
        fs::set_permissions(path, fs::Permissions::from_mode(0o600)).map_err(io_err)?;
    }
    let mut bytes = Vec::new();
    file.read_to_end(&mut bytes).map_err(io_err)?;
    Ok(Some(bytes))
}

/// Checks the fingerprints file format (`user\taccount\tprotocol\t40 hex[\ttrust]\n` per
/// line). libotr silently skips bad lines, which would lose trust decisions; we refuse.
pub(crate) fn validate_fingerprints(bytes: &[u8]) -> Result<(), OtrError> {
    validate_lines(bytes, FileKind::Fingerprints, |fields| {
        (fields.len() == 4 || fields.len() == 5)
            && fields[3].len() == 40
            && fields[3].iter().all(u8::is_ascii_hexdigit)
    })
}

/// Checks the instance tags file format (`account\tprotocol\thex tag\n` per line).
pub(crate) fn validate_instance_tags(bytes: &[u8]) -> Result<(), OtrError> {
    validate_lines(bytes, FileKind::InstanceTags, |fields| {
        fields.len() == 3
            && !fields[2].is_empty()
            && fields[2].len() <= 8
            && fields[2].iter().all(u8::is_ascii_hexdigit)
    })
}

fn validate_lines(
    bytes: &[u8],
    kind: FileKind,
    line_ok: impl Fn(&[&[u8]]) -> bool,
) -> Result<(), OtrError> {
    if bytes.is_empty() {
        return Ok(());
    }
    if !bytes.ends_with(b"\n") {
        return Err(OtrError::CorruptFile {
            kind,
            reason: "it ends in the middle of a line".into(),
        });
    }
    for (number, line) in bytes.split(|&b| b == b'\n').enumerate() {
        // libotr writes a comment line (no tabs, ignored on reading) atop the tags file.
        if line.is_empty() || (line.starts_with(b"#") && !line.contains(&b'\t')) {
            continue;
        }
        let fields: Vec<&[u8]> = line.split(|&b| b == b'\t').collect();
        if line.len() >= 1000 || !line_ok(&fields) {
            return Err(OtrError::CorruptFile {
                kind,
                reason: format!("line {} is not in the expected format", number + 1),
            });
        }
    }
    Ok(())
}

/// A C `FILE*` on a duplicate of a Rust file's descriptor, closed on drop.
pub(crate) struct CFile(*mut libc::FILE);

impl CFile {
    /// `fdopen(dup(fd), mode)`.
    pub(crate) fn from_file(file: &File, mode: &std::ffi::CStr) -> io::Result<CFile> {
        use std::os::fd::AsRawFd;
        // SAFETY: dup of a valid open descriptor owned by `file`.
        let fd = unsafe { libc::dup(file.as_raw_fd()) };
        if fd < 0 {
            return Err(io::Error::last_os_error());
        }
        // SAFETY: fd is a fresh descriptor we own; mode is a valid C string.
        let fp = unsafe { libc::fdopen(fd, mode.as_ptr()) };
        if fp.is_null() {
            let err = io::Error::last_os_error();
            // SAFETY: fdopen failed, so fd is still ours to close.
            unsafe { libc::close(fd) };
            return Err(err);
        }
        Ok(CFile(fp))
    }

    /// The raw pointer for libotr.
    pub(crate) fn as_ptr(&self) -> *mut libc::FILE {
        self.0
    }

    /// Flushes the C buffer into the descriptor.
    pub(crate) fn flush(&self) -> io::Result<()> {
        // SAFETY: self.0 is an open FILE*.
        if unsafe { libc::fflush(self.0) } != 0 {
            return Err(io::Error::last_os_error());
        }
        Ok(())
    }
}

impl Drop for CFile {
    fn drop(&mut self) {
        // SAFETY: self.0 is an open FILE* that nothing else closes.
        unsafe { libc::fclose(self.0) };
    }
}

#[cfg(test)]
mod tests;
