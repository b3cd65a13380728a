//! Reading a profile's OTR files into libotr when the core opens: each is checked first
//! (a damaged file is an error and is left untouched), then handed to libotr's reader.

use super::OtrCore;
use crate::error::{FileKind, OtrError};
use crate::profile::{self, CFile};
use libotr_sys::*;
use std::fs::File;
use std::path::Path;
use std::ptr::null_mut;

impl OtrCore {
    /// Reads the private keys, instance tags and fingerprints, each if its file exists.
    pub(super) fn load(&self) -> Result<(), OtrError> {
        let key_path = self.files.path(FileKind::PrivateKey);
        if let Some(bytes) = profile::read_if_exists(&key_path, FileKind::PrivateKey)? {
            if bytes.is_empty() {
                return Err(OtrError::CorruptFile {
                    kind: FileKind::PrivateKey,
                    reason: "it is empty".into(),
                });
            }
            let err = self.read_with(&key_path, FileKind::PrivateKey, |us, fp| {
                // SAFETY: fp is an open FILE* on the key file; us is ours.
                unsafe { otrl_privkey_read_FILEp(us, fp) }
            })?;
            if err != 0 {
                return Err(OtrError::CorruptFile {
                    kind: FileKind::PrivateKey,
                    reason: format!("libotr cannot parse it (error {})", gcry_err_code(err)),
                });
            }
        }
        let tags_path = self.files.path(FileKind::InstanceTags);
        if let Some(bytes) = profile::read_if_exists(&tags_path, FileKind::InstanceTags)? {
            profile::validate_instance_tags(&bytes)?;
            let err = self.read_with(&tags_path, FileKind::InstanceTags, |us, fp| {
                // SAFETY: as above.
                unsafe { otrl_instag_read_FILEp(us, fp) }
            })?;
            if err != 0 {
                return Err(OtrError::CorruptFile {
                    kind: FileKind::InstanceTags,
                    reason: format!("error {}", gcry_err_code(err)),
                });
            }
        }
        let fingerprints_path = self.files.path(FileKind::Fingerprints);
        if let Some(bytes) = profile::read_if_exists(&fingerprints_path, FileKind::Fingerprints)? {
            profile::validate_fingerprints(&bytes)?;
            let err = self.read_with(&fingerprints_path, FileKind::Fingerprints, |us, fp| {
                // SAFETY: as above.
                unsafe { otrl_privkey_read_fingerprints_FILEp(us, fp, None, null_mut()) }
            })?;
            if err != 0 {
                return Err(OtrError::CorruptFile {
                    kind: FileKind::Fingerprints,
                    reason: format!("error {}", gcry_err_code(err)),
                });
            }
        }
        Ok(())
    }

    /// Opens `path` as a C `FILE*` and hands it with our user state to a libotr reader.
    pub(super) fn read_with(
        &self,
        path: &Path,
        kind: FileKind,
        read: impl FnOnce(OtrlUserState, *mut libc::FILE) -> gcry_error_t,
    ) -> Result<gcry_error_t, OtrError> {
        let io = |source| OtrError::Io {
            kind,
            action: "read",
            source,
        };
        let file = File::open(path).map_err(io)?;
        let c_file = CFile::from_file(&file, c"rb").map_err(io)?;
        Ok(read(self.us, c_file.as_ptr()))
    }
}
