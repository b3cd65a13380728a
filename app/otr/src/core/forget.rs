//! Forgetting an account (the user removed it and asked for its OTR data to go): its
//! private key, its instance tag and every fingerprint of its contacts, in memory and in the
//! profile files, each file replaced atomically.

use super::{Deferred, OtrCore};
use crate::error::{FileKind, OtrError};
use crate::events::{NotSentReason, OtrEvent};
use crate::ffi::{c_string, libotr_result};
use crate::privkey_file;
use crate::profile::{self, CFile};
use crate::types::OtrAccount;
use libotr_sys::*;
use std::ffi::CStr;
use std::io::{Seek, SeekFrom, Write};

impl OtrCore {
    /// Forgets `account`: its private key, its instance tag and its contacts' fingerprints
    /// (with their trust), in memory and in the files. Private conversations of the account
    /// end at once, without telling the contacts (the account is gone). A key being
    /// generated for it is discarded. The account can be used again later: it then gets a
    /// new key, and its contacts are unrecognized.
    pub fn forget_account(&mut self, account: &OtrAccount) -> Result<(), OtrError> {
        let name = c_string(&account.name).ok_or(OtrError::InvalidName)?;
        let protocol = c_string(account.protocol_name()).ok_or(OtrError::InvalidName)?;
        self.forget_pending(account);
        self.forget_contexts(&name, &protocol)?;
        self.write_fingerprints()?;
        self.forget_instance_tag(&name, &protocol)?;
        self.forget_private_key(account)?;
        Ok(())
    }

    /// Requests waiting for the key, held messages and cached names of the account.
    fn forget_pending(&mut self, account: &OtrAccount) {
        let calculations = std::mem::take(&mut self.to_calculate);
        for (pending, key) in calculations {
            if &pending == account {
                self.cancel_key_generation(&pending, key);
            } else {
                self.to_calculate.push((pending, key));
            }
        }
        // A calculation already handed to a worker comes back to finish_key_generation,
        // which drops it for an account in `forgotten`.
        if self.generating.contains(account) {
            self.forgotten.insert(account.clone());
        }
        for request in self.deferred.remove(account).unwrap_or_default() {
            if let Deferred::Send { peer, id, .. } = request {
                self.emit(OtrEvent::NotSent {
                    id,
                    to: peer,
                    reason: NotSentReason::NoPrivateKey,
                });
            }
        }
        let held: Vec<_> = self
            .held
            .keys()
            .filter(|peer| &peer.account == account)
            .cloned()
            .collect();
        for peer in held {
            for message in self.held.remove(&peer).unwrap_or_default() {
                self.emit(OtrEvent::NotSent {
                    id: message.id,
                    to: peer.clone(),
                    reason: NotSentReason::EncryptionNotEstablished,
                });
            }
        }
        self.peers
            .borrow_mut()
            .retain(|peer, _| &peer.account != account);
        *self.last_peer.borrow_mut() = None;
        self.ready_accounts.remove(account);
    }

    /// Drops every context (conversation state and fingerprints) of the account.
    fn forget_contexts(&mut self, name: &CStr, protocol: &CStr) -> Result<(), OtrError> {
        let ours = |context: *mut ConnContext| {
            // SAFETY: a live context of our user state; its names are C strings.
            unsafe {
                CStr::from_ptr((*context).accountname) == name
                    && CStr::from_ptr((*context).protocol) == protocol
            }
        };
        // First every context of the account to plaintext (libotr forgets only those).
        // SAFETY: walking our user state's context list; nothing is freed in this loop.
        unsafe {
            let mut context = (*self.us).context_root;
            while !context.is_null() {
                if ours(context) {
                    otrl_context_force_plaintext(context);
                }
                context = (*context).next;
            }
        }
        // Then each master (which takes its children and fingerprints with it), finding the
        // next one from the start since forgetting changes the list.
        loop {
            // SAFETY: as above; the found context is live until it is forgotten.
            let master = unsafe {
                let mut context = (*self.us).context_root;
                while !context.is_null() {
                    if ours(context) && (*context).m_context == context {
                        break;
                    }
                    context = (*context).next;
                }
                context
            };
            if master.is_null() {
                return Ok(());
            }
            // SAFETY: a live master context, all of its instances in plaintext.
            if unsafe { otrl_context_forget(master) } != 0 {
                return Err(OtrError::Libotr(0));
            }
        }
    }

    /// Writes the fingerprints of every remaining context.
    fn write_fingerprints(&mut self) -> Result<(), OtrError> {
        let us = self.us;
        private_file::write_with(&self.files.path(FileKind::Fingerprints), |file| {
            let c_file = CFile::from_file(file, c"wb")?;
            // SAFETY: writes our user state's fingerprints to an open FILE*.
            let err = unsafe { otrl_privkey_write_fingerprints_FILEp(us, c_file.as_ptr()) };
            c_file.flush()?;
            libotr_result(err)
        })
        .map_err(|source| OtrError::Io {
            kind: FileKind::Fingerprints,
            action: "write",
            source,
        })
    }

    fn forget_instance_tag(&mut self, name: &CStr, protocol: &CStr) -> Result<(), OtrError> {
        // SAFETY: lookup in our user state with valid strings.
        let tag = unsafe { otrl_instag_find(self.us, name.as_ptr(), protocol.as_ptr()) };
        if tag.is_null() {
            return Ok(());
        }
        // SAFETY: a live tag of our user state, freed once and not used after.
        unsafe { otrl_instag_forget(tag) };
        let us = self.us;
        private_file::write_with(&self.files.path(FileKind::InstanceTags), |file| {
            let c_file = CFile::from_file(file, c"wb")?;
            // SAFETY: writes our user state's tags to an open FILE*.
            let err = unsafe { otrl_instag_write_FILEp(us, c_file.as_ptr()) };
            c_file.flush()?;
            libotr_result(err)
        })
        .map_err(|source| OtrError::Io {
            kind: FileKind::InstanceTags,
            action: "write",
            source,
        })
    }

    /// Rewrites the key file without the account's key (checked by libotr before it
    /// replaces the old file), then reloads every key from it.
    fn forget_private_key(&mut self, account: &OtrAccount) -> Result<(), OtrError> {
        let path = self.files.path(FileKind::PrivateKey);
        let Some(text) = profile::read_if_exists(&path, FileKind::PrivateKey)? else {
            return Ok(());
        };
        let corrupt = |reason| OtrError::CorruptFile {
            kind: FileKind::PrivateKey,
            reason,
        };
        let Some(kept) =
            privkey_file::without_account(&text, &account.name, account.protocol_name())
                .map_err(corrupt)?
        else {
            return Ok(());
        };
        let expected = self.key_count().saturating_sub(1);
        private_file::write_with(&path, |file| {
            file.write_all(&kept)?;
            file.flush()?;
            file.seek(SeekFrom::Start(0))?;
            check_key_file(file, account, expected)
        })
        .map_err(|source| OtrError::Io {
            kind: FileKind::PrivateKey,
            action: "write",
            source,
        })?;
        let err = self.read_with(&path, FileKind::PrivateKey, |us, fp| {
            // SAFETY: fp is an open FILE* on the key file; us is ours. libotr forgets the
            // keys it held and reads them all again.
            unsafe { otrl_privkey_read_FILEp(us, fp) }
        })?;
        if err != 0 {
            return Err(OtrError::Libotr(gcry_err_code(err)));
        }
        Ok(())
    }

    fn key_count(&self) -> usize {
        // SAFETY: walking our user state's key list.
        unsafe { count_keys(self.us) }
    }
}

/// Reads a new key file into a scratch user state: it must parse, hold `expected` keys and
/// none for `account`.
fn check_key_file(
    file: &std::fs::File,
    account: &OtrAccount,
    expected: usize,
) -> std::io::Result<()> {
    let invalid = |what: &str| std::io::Error::other(format!("the new key file {what}"));
    let (Some(name), Some(protocol)) = (c_string(&account.name), c_string(account.protocol_name()))
    else {
        return Err(invalid("cannot be checked"));
    };
    let c_file = CFile::from_file(file, c"rb")?;
    // SAFETY: a fresh user state, freed below; fp is an open FILE*.
    unsafe {
        let scratch = otrl_userstate_create();
        let err = otrl_privkey_read_FILEp(scratch, c_file.as_ptr());
        let count = count_keys(scratch);
        let still_there = !otrl_privkey_find(scratch, name.as_ptr(), protocol.as_ptr()).is_null();
        otrl_userstate_free(scratch);
        if err != 0 {
            return Err(invalid("cannot be read back"));
        }
        if count != expected || still_there {
            return Err(invalid("does not hold the expected keys"));
        }
    }
    Ok(())
}

/// The number of private keys in a user state.
///
/// # Safety
/// `us` is a live user state.
unsafe fn count_keys(us: OtrlUserState) -> usize {
    let mut count = 0;
    // SAFETY: guaranteed by the caller; walking its list.
    unsafe {
        let mut key = (*us).privkey_root;
        while !key.is_null() {
            count += 1;
            key = (*key).next;
        }
    }
    count
}
