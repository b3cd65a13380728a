//! The OTR core: one libotr user state and everything done with it. It is not `Send`: it
//! lives on the engine's OTR thread (or a single-threaded test/fuzz harness) and every libotr
//! call goes through it. Results come out as events, in order, from [`OtrCore::take_events`].
//!
//! This file holds the state and what every part shares (the callback state, events, the
//! housekeeping after each libotr call); each concern is one file, each adding methods to
//! [`OtrCore`]:
//! - `load`: reading the profile's files into libotr when the core opens;
//! - `peers`: the per-peer names libotr needs and the lookup of a peer's contexts;
//! - `keys`: our private keys and instance tags, made on first use, and the requests that
//!   wait for them;
//! - `session`: starting, ending and reporting the state of a private conversation;
//! - `send` and `receive`: a message through libotr, each way;
//! - `smp`: the Socialist Millionaires' Protocol (verifying a peer by a shared secret);
//! - `trust`: the peers' fingerprints and their trust, and saving them;
//! - `timers`: libotr's poll and the time limit of held messages;
//! - `forget`: removing an account's OTR data.

use crate::callbacks::{CallFlags, CallbackState, app_ops};
use crate::error::{FileKind, OtrError};
use crate::events::OtrEvent;
use crate::ffi::c_string;
use crate::keygen::PendingKey;
use crate::profile::ProfileFiles;
use crate::types::{OtrAccount, OtrSettings, PeerId, SessionState};
use libotr_sys::*;
use messenger_protocol::OutgoingId;
use std::cell::{Cell, RefCell};
use std::collections::{HashMap, HashSet};
use std::ffi::{CString, c_void};
use std::path::Path;
use std::rc::Rc;
use std::time::Instant;

mod forget;
mod keys;
mod load;
mod peers;
mod receive;
mod send;
mod session;
mod smp;
mod timers;
mod trust;

/// A request that waits for an account's private key.
#[derive(Debug)]
enum Deferred {
    Send {
        peer: PeerId,
        id: OutgoingId,
        text: String,
    },
    Receive {
        peer: PeerId,
        body: String,
    },
    StartSession {
        peer: PeerId,
    },
}

/// A message held by "require encryption".
#[derive(Debug)]
struct Held {
    id: OutgoingId,
    text: String,
    since: Instant,
}

/// What the core keeps per peer, found with one lookup per call: the C names (needed for
/// every libotr call), the state last reported, and whether the account has its key.
struct PeerSlot {
    account: CString,
    protocol: CString,
    peer: CString,
    reported: RefCell<SessionState>,
    account_ready: Cell<bool>,
}

impl PeerSlot {
    fn of(peer: &PeerId) -> Option<PeerSlot> {
        Some(PeerSlot {
            account: c_string(&peer.account.name)?,
            protocol: c_string(peer.account.protocol_name())?,
            peer: c_string(&peer.peer)?,
            reported: RefCell::new(SessionState::Plaintext),
            account_ready: Cell::new(false),
        })
    }
}

/// One profile's libotr state. See the module docs.
///
/// It cannot leave its thread (libotr is not thread-safe), which the compiler checks:
///
/// ```compile_fail
/// fn needs_send<T: Send>() {}
/// needs_send::<messenger_otr::OtrCore>();
/// ```
pub struct OtrCore {
    us: OtrlUserState,
    ops: Box<OtrlMessageAppOps>,
    state: *mut CallbackState,
    files: ProfileFiles,
    deferred: HashMap<OtrAccount, Vec<Deferred>>,
    generating: Vec<OtrAccount>,
    to_calculate: Vec<(OtrAccount, PendingKey)>,
    held: HashMap<PeerId, Vec<Held>>,
    last_poll: Instant,
    peers: RefCell<HashMap<PeerId, Rc<PeerSlot>>>,
    /// The peer of the previous call: conversations come in runs, and comparing two short
    /// names is cheaper than hashing them.
    last_peer: RefCell<Option<(PeerId, Rc<PeerSlot>)>>,
    ready_accounts: HashSet<OtrAccount>,
    /// Accounts forgotten while their key was being calculated: the key is dropped when
    /// it comes back.
    forgotten: HashSet<OtrAccount>,
}

impl OtrCore {
    /// Opens a profile's OTR files (a damaged one is an error and is left untouched).
    pub fn open(dir: &Path, settings: OtrSettings) -> Result<OtrCore, OtrError> {
        let init = libotr_sys::init();
        if init != 0 {
            return Err(OtrError::Init(init));
        }
        let files = ProfileFiles::new(dir)?;
        // SAFETY: creates a fresh user state, freed in Drop.
        let us = unsafe { otrl_userstate_create() };
        let state = Box::into_raw(Box::new(CallbackState {
            us,
            settings,
            instance_tags_path: files.path(FileKind::InstanceTags),
            events: Vec::new(),
            flags: CallFlags::default(),
            fingerprints_dirty: false,
            timer_interval: None,
            smp_to_abort: Vec::new(),
            panicked: false,
            activity: false,
            last_injected: None,
        }));
        let core = OtrCore {
            us,
            ops: Box::new(app_ops()),
            state,
            files,
            deferred: HashMap::new(),
            generating: Vec::new(),
            to_calculate: Vec::new(),
            held: HashMap::new(),
            last_poll: Instant::now(),
            peers: RefCell::new(HashMap::new()),
            last_peer: RefCell::new(None),
            ready_accounts: HashSet::new(),
            forgotten: HashSet::new(),
        };
        core.load()?;
        Ok(core)
    }

    fn state(&mut self) -> &mut CallbackState {
        // SAFETY: `state` is a live Box allocation owned by self; no libotr call is running
        // (we hold &mut self), so the callbacks hold no reference to it.
        unsafe { &mut *self.state }
    }

    fn opdata(&self) -> *mut c_void {
        self.state.cast()
    }

    fn ops(&self) -> *const OtrlMessageAppOps {
        &*self.ops
    }

    pub(crate) fn emit(&mut self, event: OtrEvent) {
        self.state().events.push(event);
    }

    /// Every event produced since the last call, in order.
    pub fn take_events(&mut self) -> Vec<OtrEvent> {
        std::mem::take(&mut self.state().events)
    }

    /// Like [`OtrCore::take_events`], keeping the buffer for the next events (no allocation
    /// per call in a busy loop).
    pub fn drain_events(&mut self) -> std::vec::Drain<'_, OtrEvent> {
        self.state().events.drain(..)
    }

    /// The current settings.
    pub fn settings(&mut self) -> &mut OtrSettings {
        &mut self.state().settings
    }

    /// After every libotr call: save fingerprints if asked, abort SMPs that went wrong,
    /// report a caught panic.
    fn after_call(&mut self) {
        if std::mem::take(&mut self.state().fingerprints_dirty) {
            self.save_fingerprints();
        }
        for peer in std::mem::take(&mut self.state().smp_to_abort) {
            let context = self.best_context(&peer);
            if !context.is_null() {
                // SAFETY: a live context; callbacks may run, state is not borrowed.
                unsafe { otrl_message_abort_smp(self.us, self.ops(), self.opdata(), context) };
            }
        }
        if std::mem::take(&mut self.state().panicked) {
            self.emit(OtrEvent::FileError {
                reason: "internal error in an OTR callback".into(),
            });
        }
    }
}

impl Drop for OtrCore {
    fn drop(&mut self) {
        // SAFETY: the user state and callback state are ours; nothing uses them after this.
        unsafe {
            otrl_userstate_free(self.us);
            drop(Box::from_raw(self.state));
        }
    }
}

#[cfg(test)]
mod tests;
