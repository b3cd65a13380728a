//! A private key being generated: libotr's pending-key handle, which may cross to a worker
//! thread for the slow step (`otrl_privkey_generate_calculate`) and must come back to the
//! OTR thread to be finished or cancelled.

use std::ffi::c_void;

/// libotr's opaque pending key (`void *newkey`).
#[derive(Debug)]
pub struct PendingKey(pub(crate) *mut c_void);

// SAFETY: libotr documents that `otrl_privkey_generate_calculate` may run on a background
// thread; the handle is touched by exactly one thread at a time (moved, never shared), and
// only the OTR thread finishes or cancels it.
unsafe impl Send for PendingKey {}

impl PendingKey {
    /// The slow step (about 30-200 ms): generates the DSA key. Returns libotr's error code.
    pub fn calculate(&self) -> u32 {
        // SAFETY: self.0 came from otrl_privkey_generate_start and is not finished yet.
        unsafe { libotr_sys::otrl_privkey_generate_calculate(self.0) }
    }
}
