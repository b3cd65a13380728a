//! Peers' fingerprints and their trust: listing them, setting trust by hand (manual
//! verification), and saving them atomically whenever libotr or the user changes them.

use super::OtrCore;
use crate::error::{FileKind, OtrError};
use crate::events::OtrEvent;
use crate::ffi::{c_string, libotr_result};
use crate::profile::CFile;
use crate::types::{Fingerprint, KnownFingerprint, PeerId, SessionState, Trust};
use libotr_sys::*;
use std::ptr::null_mut;

impl OtrCore {
    /// Writes every known fingerprint (atomically); a failure is reported as an event.
    pub(super) fn save_fingerprints(&mut self) {
        let us = self.us;
        let result = private_file::write_with(&self.files.path(FileKind::Fingerprints), |file| {
            let c_file = CFile::from_file(file, c"wb")?;
            // SAFETY: writes our user state's fingerprints to an open FILE*.
            let err = unsafe { otrl_privkey_write_fingerprints_FILEp(us, c_file.as_ptr()) };
            c_file.flush()?;
            libotr_result(err)
        });
        if let Err(e) = result {
            self.emit(OtrEvent::FileError {
                reason: format!("the OTR fingerprints could not be saved: {e}"),
            });
        }
    }

    /// The fingerprints known for a peer, with trust.
    pub fn fingerprints(&self, peer: &PeerId) -> Vec<KnownFingerprint> {
        let master = self.master_context(peer);
        let active = match self.session_state(peer) {
            SessionState::Encrypted { fingerprint, .. } => Some(fingerprint),
            _ => None,
        };
        let mut out = Vec::new();
        if master.is_null() {
            return out;
        }
        // SAFETY: walking libotr's fingerprint list of a live master context.
        unsafe {
            let mut entry = (*master).fingerprint_root.next;
            while !entry.is_null() {
                if let Some((fingerprint, trust)) = fingerprint_of(entry) {
                    out.push(KnownFingerprint {
                        fingerprint,
                        trust,
                        active: Some(fingerprint) == active,
                    });
                }
                entry = (*entry).next;
            }
        }
        out
    }

    /// Sets the trust of a known fingerprint (manual verification) and saves it.
    pub fn set_trust(
        &mut self,
        peer: &PeerId,
        fingerprint: Fingerprint,
        trust: Trust,
    ) -> Result<(), OtrError> {
        let master = self.master_context(peer);
        if master.is_null() {
            return Err(OtrError::UnknownFingerprint);
        }
        let mut bytes = fingerprint.0;
        // SAFETY: lookup only (add_if_missing = 0) in a live context.
        let entry =
            unsafe { otrl_context_find_fingerprint(master, bytes.as_mut_ptr(), 0, null_mut()) };
        if entry.is_null() {
            return Err(OtrError::UnknownFingerprint);
        }
        let trust_c = c_string(trust.as_libotr()).ok_or(OtrError::InvalidName)?;
        // SAFETY: a live fingerprint entry; libotr copies the string.
        unsafe { otrl_context_set_trust(entry, trust_c.as_ptr()) };
        self.save_fingerprints();
        self.check_session(peer);
        Ok(())
    }
}

/// A fingerprint entry's bytes and trust.
///
/// # Safety
/// `entry` is NULL or a live fingerprint entry.
pub(super) unsafe fn fingerprint_of(
    entry: *const libotr_sys::Fingerprint,
) -> Option<(Fingerprint, Trust)> {
    // SAFETY: guaranteed by the caller; the hash is 20 bytes when present.
    unsafe {
        if entry.is_null() || (*entry).fingerprint.is_null() {
            return None;
        }
        let mut bytes = [0u8; 20];
        bytes.copy_from_slice(std::slice::from_raw_parts((*entry).fingerprint, 20));
        let trust = if (*entry).trust.is_null() {
            Trust::Untrusted
        } else {
            Trust::from_libotr_bytes(std::ffi::CStr::from_ptr((*entry).trust).to_bytes())
        };
        Some((Fingerprint(bytes), trust))
    }
}
