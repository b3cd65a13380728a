//! Our side's keys: the private key and instance tag of each account, made on first use.
//! Generating a key is slow, so it runs in two steps (started here, calculated elsewhere,
//! finished here) and the requests that need the key wait for it and are replayed.

use super::{Deferred, OtrCore, PeerSlot};
use crate::error::FileKind;
use crate::events::{NotSentReason, OtrEvent};
use crate::ffi::{c_string, generate_instance_tag, libotr_result};
use crate::keygen::PendingKey;
use crate::profile::CFile;
use crate::types::{Fingerprint, OtrAccount};
use libotr_sys::*;
use std::ffi::c_void;
use std::ptr::null_mut;

impl OtrCore {
    /// Our fingerprint for an account, if it has a key.
    pub fn own_fingerprint(&self, account: &OtrAccount) -> Option<Fingerprint> {
        let name = c_string(&account.name)?;
        let protocol = c_string(account.protocol_name())?;
        let mut hash = [0u8; 20];
        // SAFETY: hash has room for 20 bytes; names are valid C strings.
        let found = unsafe {
            otrl_privkey_fingerprint_raw(
                self.us,
                hash.as_mut_ptr(),
                name.as_ptr(),
                protocol.as_ptr(),
            )
        };
        (!found.is_null()).then_some(Fingerprint(hash))
    }

    /// Whether libotr holds a private key for the account.
    fn has_key(&self, account: &OtrAccount) -> bool {
        let (Some(name), Some(protocol)) =
            (c_string(&account.name), c_string(account.protocol_name()))
        else {
            return false;
        };
        // SAFETY: lookup in our user state with valid strings.
        !unsafe { otrl_privkey_find(self.us, name.as_ptr(), protocol.as_ptr()) }.is_null()
    }

    /// Makes sure the account has a key and an instance tag; if the key is missing, starts
    /// generating it, holds the request made by `request` until it exists and returns false.
    pub(super) fn ready(
        &mut self,
        slot: &PeerSlot,
        account: &OtrAccount,
        request: impl FnOnce() -> Deferred,
    ) -> bool {
        // Keys and tags are removed only by `forget_account`, which also clears these marks.
        if slot.account_ready.get() {
            return true;
        }
        if self.ready_accounts.contains(account) {
            slot.account_ready.set(true);
            return true;
        }
        if self.has_key(account) {
            self.ensure_instance_tag(account);
            self.ready_accounts.insert(account.clone());
            slot.account_ready.set(true);
            return true;
        }
        self.deferred
            .entry(account.clone())
            .or_default()
            .push(request());
        self.start_key_generation(account);
        false
    }

    /// Gives the account an instance tag (saved at once) if it has none.
    fn ensure_instance_tag(&mut self, account: &OtrAccount) {
        let (Some(name), Some(protocol)) =
            (c_string(&account.name), c_string(account.protocol_name()))
        else {
            return;
        };
        // SAFETY: lookup in our user state with valid strings.
        let found = unsafe { otrl_instag_find(self.us, name.as_ptr(), protocol.as_ptr()) };
        if found.is_null() {
            let path = self.files.path(FileKind::InstanceTags);
            // SAFETY: our user state, on its thread; valid strings.
            let generated =
                unsafe { generate_instance_tag(self.us, &path, name.as_ptr(), protocol.as_ptr()) };
            if let Err(reason) = generated {
                self.emit(OtrEvent::FileError { reason });
            }
        }
    }

    /// Starts generating a key for an account (if it has none and none is being made). The
    /// slow step is handed out by [`OtrCore::take_key_calculations`].
    pub fn start_key_generation(&mut self, account: &OtrAccount) {
        if self.has_key(account) || self.generating.contains(account) {
            return;
        }
        let (Some(name), Some(protocol)) =
            (c_string(&account.name), c_string(account.protocol_name()))
        else {
            self.emit(OtrEvent::KeyGenerationFailed {
                account: account.clone(),
                reason: "the account name cannot be used".into(),
            });
            return;
        };
        let mut newkey: *mut c_void = null_mut();
        // SAFETY: valid strings; newkey receives libotr's pending key handle.
        let err = unsafe {
            otrl_privkey_generate_start(self.us, name.as_ptr(), protocol.as_ptr(), &mut newkey)
        };
        if err != 0 || newkey.is_null() {
            self.emit(OtrEvent::KeyGenerationFailed {
                account: account.clone(),
                reason: format!("libotr error {}", gcry_err_code(err)),
            });
            return;
        }
        self.generating.push(account.clone());
        self.to_calculate
            .push((account.clone(), PendingKey(newkey)));
        self.emit(OtrEvent::KeyGenerationStarted {
            account: account.clone(),
        });
    }

    /// Key generations whose slow step must run now (on a worker thread, or inline), then
    /// come back through [`OtrCore::finish_key_generation`].
    pub fn take_key_calculations(&mut self) -> Vec<(OtrAccount, PendingKey)> {
        std::mem::take(&mut self.to_calculate)
    }

    /// Runs every pending slow step on this thread and finishes it (tests, fuzzing, tools).
    pub fn complete_key_generations_blocking(&mut self) {
        for (account, key) in self.take_key_calculations() {
            let result = key.calculate();
            self.finish_key_generation(&account, key, result);
        }
    }

    /// Stores a calculated key (atomic write of the key file) and replays what waited for it.
    pub fn finish_key_generation(
        &mut self,
        account: &OtrAccount,
        key: PendingKey,
        calculated: u32,
    ) {
        if self.forgotten.remove(account) {
            self.cancel_key_generation(account, key);
            return;
        }
        self.generating.retain(|a| a != account);
        if calculated != 0 {
            // SAFETY: key came from generate_start and is neither finished nor cancelled.
            unsafe { otrl_privkey_generate_cancelled(self.us, key.0) };
            self.emit(OtrEvent::KeyGenerationFailed {
                account: account.clone(),
                reason: format!("libotr error {}", gcry_err_code(calculated)),
            });
            self.fail_deferred(account);
            return;
        }
        let us = self.us;
        let written = private_file::write_with(&self.files.path(FileKind::PrivateKey), |file| {
            let c_file = CFile::from_file(file, c"w+b")?;
            // SAFETY: finish writes every key to the FILE*, reads them back into `us` and
            // frees `key` (whatever the outcome), so it is not used again.
            let err = unsafe { otrl_privkey_generate_finish_FILEp(us, key.0, c_file.as_ptr()) };
            c_file.flush()?;
            libotr_result(err)
        });
        match (written, self.own_fingerprint(account)) {
            (Ok(()), Some(fingerprint)) => {
                self.emit(OtrEvent::KeyGenerated {
                    account: account.clone(),
                    fingerprint,
                });
                self.ensure_instance_tag(account);
                for request in self.deferred.remove(account).unwrap_or_default() {
                    self.replay(request);
                }
            }
            (Err(e), _) => {
                self.emit(OtrEvent::KeyGenerationFailed {
                    account: account.clone(),
                    reason: format!("the key could not be saved: {e}"),
                });
                self.fail_deferred(account);
            }
            (Ok(()), None) => {
                self.emit(OtrEvent::KeyGenerationFailed {
                    account: account.clone(),
                    reason: "the new key could not be loaded".into(),
                });
                self.fail_deferred(account);
            }
        }
    }

    /// Cancels a key generation whose slow step will not finish (engine shutting down).
    pub fn cancel_key_generation(&mut self, account: &OtrAccount, key: PendingKey) {
        self.generating.retain(|a| a != account);
        // SAFETY: key came from generate_start and is neither finished nor cancelled.
        unsafe { otrl_privkey_generate_cancelled(self.us, key.0) };
    }

    /// The key could not be made: the messages that waited for it are not sent.
    fn fail_deferred(&mut self, account: &OtrAccount) {
        for request in self.deferred.remove(account).unwrap_or_default() {
            if let Deferred::Send { peer, id, .. } = request {
                self.emit(OtrEvent::NotSent {
                    id,
                    to: peer,
                    reason: NotSentReason::NoPrivateKey,
                });
            }
        }
    }

    /// Runs a request that waited for the key, now that it exists.
    fn replay(&mut self, request: Deferred) {
        match request {
            Deferred::Send { peer, id, text } => self.send(&peer, id, text),
            Deferred::Receive { peer, body } => self.receive(&peer, body),
            Deferred::StartSession { peer } => self.start_session(&peer),
        }
    }
}
