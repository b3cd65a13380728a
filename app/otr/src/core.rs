//! The OTR core: one libotr user state and everything done with it. It is not `Send`: it
//! lives on the engine's OTR thread (or a single-threaded test/fuzz harness) and every libotr
//! call goes through it. Results come out as events, in order, from [`OtrCore::take_events`].

use crate::callbacks::{
    CallFlags, CallbackState, app_ops, c_string, c_string_from, string_of, text,
};
use crate::error::{FileKind, OtrError};
use crate::events::{NotSentReason, OtrEvent, SmpEvent};
use crate::keygen::PendingKey;
use crate::profile::{self, CFile, ProfileFiles};
use crate::types::{
    AccountId, Fingerprint, KnownFingerprint, OtrSettings, PeerId, SessionState, Trust,
};
use libotr_sys::*;
use messenger_protocol::OutgoingId;
use std::cell::{Cell, RefCell};
use std::collections::{HashMap, HashSet};
use std::ffi::{CString, c_void};
use std::fs::File;
use std::os::raw::c_char;
use std::path::Path;
use std::ptr::null_mut;
use std::rc::Rc;
use std::time::{Duration, Instant};

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
    deferred: HashMap<AccountId, Vec<Deferred>>,
    generating: Vec<AccountId>,
    to_calculate: Vec<(AccountId, PendingKey)>,
    held: HashMap<PeerId, Vec<Held>>,
    last_poll: Instant,
    peers: RefCell<HashMap<PeerId, Rc<PeerSlot>>>,
    /// The peer of the previous call: conversations come in runs, and comparing two short
    /// names is cheaper than hashing them.
    last_peer: RefCell<Option<(PeerId, Rc<PeerSlot>)>>,
    ready_accounts: HashSet<AccountId>,
    /// Accounts forgotten while their key was being calculated: the key is dropped when
    /// it comes back.
    forgotten: HashSet<AccountId>,
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

    fn load(&self) -> Result<(), OtrError> {
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

    fn read_with(
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

    /// Our fingerprint for an account, if it has a key.
    pub fn own_fingerprint(&self, account: &AccountId) -> Option<Fingerprint> {
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

    /// The slot of a peer, made once; `None` if a name contains NUL.
    fn names(&self, peer: &PeerId) -> Option<Rc<PeerSlot>> {
        if let Some((last, slot)) = &*self.last_peer.borrow()
            && last == peer
        {
            return Some(slot.clone());
        }
        let found = self.peers.borrow().get(peer).cloned();
        let slot = match found {
            Some(slot) => slot,
            None => {
                let slot = Rc::new(PeerSlot::of(peer)?);
                self.peers.borrow_mut().insert(peer.clone(), slot.clone());
                slot
            }
        };
        *self.last_peer.borrow_mut() = Some((peer.clone(), slot.clone()));
        Some(slot)
    }

    fn has_key(&self, account: &AccountId) -> bool {
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
    fn ready(
        &mut self,
        slot: &PeerSlot,
        account: &AccountId,
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

    fn ensure_instance_tag(&mut self, account: &AccountId) {
        let (Some(name), Some(protocol)) =
            (c_string(&account.name), c_string(account.protocol_name()))
        else {
            return;
        };
        // SAFETY: lookup in our user state with valid strings.
        let found = unsafe { otrl_instag_find(self.us, name.as_ptr(), protocol.as_ptr()) };
        if found.is_null() {
            let path = self.files.path(FileKind::InstanceTags);
            if let Err(reason) =
                generate_instance_tag(self.us, &path, name.as_ptr(), protocol.as_ptr())
            {
                self.emit(OtrEvent::FileError { reason });
            }
        }
    }

    /// Starts generating a key for an account (if it has none and none is being made). The
    /// slow step is handed out by [`OtrCore::take_key_calculations`].
    pub fn start_key_generation(&mut self, account: &AccountId) {
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
    pub fn take_key_calculations(&mut self) -> Vec<(AccountId, PendingKey)> {
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
    pub fn finish_key_generation(&mut self, account: &AccountId, key: PendingKey, calculated: u32) {
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
        let mut libotr_err = 0;
        let written = profile::write_atomically(&self.files.path(FileKind::PrivateKey), |file| {
            let c_file = CFile::from_file(file, c"w+b")?;
            // SAFETY: finish writes every key to the FILE*, reads them back into `us` and
            // frees `key` (whatever the outcome), so it is not used again.
            libotr_err = unsafe { otrl_privkey_generate_finish_FILEp(us, key.0, c_file.as_ptr()) };
            c_file.flush()?;
            if libotr_err != 0 {
                return Err(std::io::Error::other(format!(
                    "libotr error {}",
                    gcry_err_code(libotr_err)
                )));
            }
            Ok(())
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
    pub fn cancel_key_generation(&mut self, account: &AccountId, key: PendingKey) {
        self.generating.retain(|a| a != account);
        // SAFETY: key came from generate_start and is neither finished nor cancelled.
        unsafe { otrl_privkey_generate_cancelled(self.us, key.0) };
    }

    fn fail_deferred(&mut self, account: &AccountId) {
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

    fn replay(&mut self, request: Deferred) {
        match request {
            Deferred::Send { peer, id, text } => self.send(&peer, id, text),
            Deferred::Receive { peer, body } => self.receive(&peer, body),
            Deferred::StartSession { peer } => self.start_session(&peer),
        }
    }

    /// The best (most secure) context of a peer, if any.
    fn best_context(&self, peer: &PeerId) -> *mut ConnContext {
        match self.names(peer) {
            Some(slot) => self.context_of(&slot, OTRL_INSTAG_BEST),
            None => null_mut(),
        }
    }

    fn master_context(&self, peer: &PeerId) -> *mut ConnContext {
        match self.names(peer) {
            Some(slot) => self.context_of(&slot, OTRL_INSTAG_MASTER),
            None => null_mut(),
        }
    }

    /// A peer's context for an instance (or BEST / MASTER), if any.
    fn context_of(&self, slot: &PeerSlot, instance: otrl_instag_t) -> *mut ConnContext {
        // SAFETY: lookup only (add_if_missing = 0) with valid strings.
        unsafe {
            otrl_context_find(
                self.us,
                slot.peer.as_ptr(),
                slot.account.as_ptr(),
                slot.protocol.as_ptr(),
                instance,
                0,
                null_mut(),
                None,
                null_mut(),
            )
        }
    }

    /// The state of the conversation with a peer.
    pub fn session_state(&self, peer: &PeerId) -> SessionState {
        match self.names(peer) {
            Some(slot) => self.session_state_of(&slot),
            None => SessionState::Plaintext,
        }
    }

    fn session_state_of(&self, slot: &PeerSlot) -> SessionState {
        let context = self.context_of(slot, OTRL_INSTAG_BEST);
        if context.is_null() {
            return SessionState::Plaintext;
        }
        // SAFETY: a live context of our user state.
        unsafe {
            match (*context).msgstate {
                OTRL_MSGSTATE_ENCRYPTED => {
                    let active = (*context).active_fingerprint;
                    let (fingerprint, trust) =
                        fingerprint_of(active).unwrap_or((Fingerprint([0; 20]), Trust::Untrusted));
                    SessionState::Encrypted {
                        fingerprint,
                        trust,
                        version: (*context).protocol_version,
                    }
                }
                OTRL_MSGSTATE_FINISHED => SessionState::Finished,
                _ => SessionState::Plaintext,
            }
        }
    }

    /// Emits `SessionChanged` if the state differs from the last one reported, and sends
    /// held messages once the conversation is private.
    fn check_session(&mut self, peer: &PeerId) {
        let Some(slot) = self.names(peer) else {
            return;
        };
        let now = self.session_state_of(&slot);
        if now != *slot.reported.borrow() {
            *slot.reported.borrow_mut() = now.clone();
            self.emit(OtrEvent::SessionChanged {
                peer: peer.clone(),
                state: now.clone(),
            });
        }
        // Checked first: `remove` hashes the peer even when nothing is held (the usual case,
        // after every received message).
        if matches!(now, SessionState::Encrypted { .. }) && !self.held.is_empty() {
            for held in self.held.remove(peer).unwrap_or_default() {
                self.send_through_libotr(peer, held.id, held.text, true);
            }
        }
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

    fn save_fingerprints(&mut self) {
        let us = self.us;
        let result = profile::write_atomically(&self.files.path(FileKind::Fingerprints), |file| {
            let c_file = CFile::from_file(file, c"wb")?;
            // SAFETY: writes our user state's fingerprints to an open FILE*.
            let err = unsafe { otrl_privkey_write_fingerprints_FILEp(us, c_file.as_ptr()) };
            c_file.flush()?;
            if err != 0 {
                return Err(std::io::Error::other(format!(
                    "libotr error {}",
                    gcry_err_code(err)
                )));
            }
            Ok(())
        });
        if let Err(e) = result {
            self.emit(OtrEvent::FileError {
                reason: format!("the OTR fingerprints could not be saved: {e}"),
            });
        }
    }

    /// Handles a message the user wants to send. Its wire bodies come out as `Inject`
    /// events, then `Sent`; or it is held (`Queued`) or refused (`NotSent`).
    pub fn send(&mut self, peer: &PeerId, id: OutgoingId, text: String) {
        let Some(slot) = self.names(peer) else {
            self.emit(OtrEvent::NotSent {
                id,
                to: peer.clone(),
                reason: NotSentReason::InvalidText,
            });
            return;
        };
        if !self.ready(&slot, &peer.account, || Deferred::Send {
            peer: peer.clone(),
            id,
            text: text.clone(),
        }) {
            return;
        }
        let require = self.state().settings.requires_encryption(peer);
        match self.session_state_of(&slot) {
            SessionState::Finished => {
                self.emit(OtrEvent::NotSent {
                    id,
                    to: peer.clone(),
                    reason: NotSentReason::PeerEndedSession,
                });
            }
            SessionState::Plaintext if require => {
                // Never plaintext: hold the message and ask for a private conversation.
                let first = self.held.get(peer).is_none_or(Vec::is_empty);
                self.held.entry(peer.clone()).or_default().push(Held {
                    id,
                    text,
                    since: Instant::now(),
                });
                self.emit(OtrEvent::Queued {
                    id,
                    to: peer.clone(),
                });
                if first {
                    self.send_query(peer);
                }
            }
            SessionState::Encrypted { .. } => self.send_through_libotr(peer, id, text, true),
            SessionState::Plaintext => self.send_through_libotr(peer, id, text, false),
        }
        // Sending never changes libotr's message state, so no state check here.
    }

    fn send_through_libotr(
        &mut self,
        peer: &PeerId,
        id: OutgoingId,
        text: String,
        was_private: bool,
    ) {
        let (Some(names), Some(message)) = (self.names(peer), c_string_from(text)) else {
            self.emit(OtrEvent::NotSent {
                id,
                to: peer.clone(),
                reason: NotSentReason::InvalidText,
            });
            return;
        };
        let require = self.state().settings.requires_encryption(peer);
        self.state().flags = CallFlags::default();
        let mut copy: *mut c_char = null_mut();
        // SAFETY: valid strings and pointers; callbacks get our opdata.
        let err = unsafe {
            otrl_message_sending(
                self.us,
                self.ops(),
                self.opdata(),
                names.account.as_ptr(),
                names.protocol.as_ptr(),
                names.peer.as_ptr(),
                OTRL_INSTAG_BEST,
                message.as_ptr(),
                null_mut(),
                &mut copy,
                OTRL_FRAGMENT_SEND_ALL,
                null_mut(),
                None,
                null_mut(),
            )
        };
        // The known trap: with SEND_ALL, libotr already injected every fragment and still
        // hands back a copy. Free it, never send it.
        let libotr_sent = !copy.is_null();
        if libotr_sent {
            // SAFETY: allocated by otrl_message_sending.
            unsafe { otrl_message_free(copy) };
        }
        let flags = self.state().flags;
        let reason = if err != 0 || flags.encryption_error {
            Some(NotSentReason::EncryptionFailed)
        } else if flags.connection_ended {
            Some(NotSentReason::PeerEndedSession)
        } else if !libotr_sent && (require || was_private) {
            Some(NotSentReason::EncryptionNotEstablished)
        } else {
            None
        };
        match reason {
            Some(reason) => self.emit(OtrEvent::NotSent {
                id,
                to: peer.clone(),
                reason,
            }),
            None => {
                if !libotr_sent {
                    // libotr left the message alone (our OTR offer was declined): plaintext
                    // is allowed here (not required, not private), so it goes out as typed.
                    self.emit(OtrEvent::Inject {
                        to: peer.clone(),
                        body: string_of(message),
                    });
                }
                self.emit(OtrEvent::Sent {
                    id,
                    to: peer.clone(),
                    encrypted: was_private,
                });
            }
        }
        self.after_call();
    }

    fn send_query(&mut self, peer: &PeerId) {
        let Some(names) = self.names(peer) else {
            return;
        };
        let mut copy: *mut c_char = null_mut();
        // SAFETY: as in send_through_libotr; "?OTR?" is replaced by libotr's query message
        // and injected (trimmed to its first line by the inject callback).
        unsafe {
            otrl_message_sending(
                self.us,
                self.ops(),
                self.opdata(),
                names.account.as_ptr(),
                names.protocol.as_ptr(),
                names.peer.as_ptr(),
                OTRL_INSTAG_BEST,
                c"?OTR?".as_ptr(),
                null_mut(),
                &mut copy,
                OTRL_FRAGMENT_SEND_ALL,
                null_mut(),
                None,
                null_mut(),
            );
            if !copy.is_null() {
                otrl_message_free(copy);
            }
        }
        self.after_call();
    }

    /// Asks the peer for a private conversation.
    pub fn start_session(&mut self, peer: &PeerId) {
        let Some(slot) = self.names(peer) else {
            return;
        };
        if !self.ready(&slot, &peer.account, || Deferred::StartSession {
            peer: peer.clone(),
        }) {
            return;
        }
        self.send_query(peer);
        self.check_session(peer);
    }

    /// Ends the private conversation (the peer is told) and gives up held messages.
    pub fn end_session(&mut self, peer: &PeerId) {
        if let Some(names) = self.names(peer) {
            // SAFETY: valid strings; callbacks get our opdata.
            unsafe {
                otrl_message_disconnect_all_instances(
                    self.us,
                    self.ops(),
                    self.opdata(),
                    names.account.as_ptr(),
                    names.protocol.as_ptr(),
                    names.peer.as_ptr(),
                );
            }
            self.after_call();
        }
        for held in self.held.remove(peer).unwrap_or_default() {
            self.emit(OtrEvent::NotSent {
                id: held.id,
                to: peer.clone(),
                reason: NotSentReason::EncryptionNotEstablished,
            });
        }
        self.check_session(peer);
    }

    /// Handles a body received from a peer: shown messages come out as `Message` events;
    /// OTR protocol traffic is answered with `Inject` events and never shown.
    pub fn receive(&mut self, peer: &PeerId, body: String) {
        let (Some(names), Some(message)) = (self.names(peer), c_string_from(body)) else {
            self.emit(OtrEvent::ReceiveProblem {
                from: peer.clone(),
                problem: crate::MessageProblem::Malformed,
            });
            return;
        };
        if !self.ready(&names, &peer.account, || Deferred::Receive {
            peer: peer.clone(),
            body: string_of(message.clone()),
        }) {
            return;
        }
        let (kind, version) = message_kind(&message);
        let allow_v3 = self.state().settings.allow_v3;
        let otr_protocol = !matches!(
            kind,
            OTRL_MSGTYPE_NOTOTR
                | OTRL_MSGTYPE_TAGGEDPLAINTEXT
                | OTRL_MSGTYPE_QUERY
                | OTRL_MSGTYPE_ERROR
                | OTRL_MSGTYPE_UNKNOWN
        );
        if otr_protocol && (version == 1 || (version == 3 && !allow_v3)) {
            // libotr drops these silently; say so.
            self.emit(OtrEvent::ReceiveProblem {
                from: peer.clone(),
                problem: crate::MessageProblem::UnsupportedVersion,
            });
        }
        self.state().activity = false;
        let mut shown: *mut c_char = null_mut();
        // SAFETY: valid strings and pointers; libotr frees the TLVs itself (tlvsp NULL).
        let internal = unsafe {
            otrl_message_receiving(
                self.us,
                self.ops(),
                self.opdata(),
                names.account.as_ptr(),
                names.protocol.as_ptr(),
                names.peer.as_ptr(),
                message.as_ptr(),
                &mut shown,
                null_mut(),
                null_mut(),
                None,
                null_mut(),
            )
        };
        let replacement = (!shown.is_null()).then(|| {
            // SAFETY: allocated by libotr, NUL-terminated, freed right after copying.
            let text = unsafe { text(shown) };
            // SAFETY: as above.
            unsafe { otrl_message_free(shown) };
            text
        });
        let plaintext_kind = kind == OTRL_MSGTYPE_NOTOTR || kind == OTRL_MSGTYPE_TAGGEDPLAINTEXT;
        // Nothing shown and no callback at all (a fragment stored, say): nothing changed.
        if internal != 0
            && replacement.is_none()
            && !self.state().activity
            && !self.state().panicked
        {
            return;
        }
        if internal == 0 {
            let (text, encrypted) = match replacement {
                Some(text) => (text, !plaintext_kind),
                None => (string_of(message), false),
            };
            if !text.is_empty() {
                self.emit(OtrEvent::Message {
                    from: peer.clone(),
                    text,
                    encrypted,
                    unexpected_plaintext: false,
                });
            }
        }
        self.after_call();
        self.check_session(peer);
    }

    fn smp_context(&self, peer: &PeerId) -> Result<*mut ConnContext, OtrError> {
        let context = self.best_context(peer);
        // SAFETY: a live context when non-null.
        if context.is_null() || unsafe { (*context).msgstate } != OTRL_MSGSTATE_ENCRYPTED {
            return Err(OtrError::NotPrivate);
        }
        Ok(context)
    }

    /// Starts SMP: with a question (the peer must answer it) or a shared secret.
    pub fn smp_start(
        &mut self,
        peer: &PeerId,
        question: Option<&str>,
        secret: &str,
    ) -> Result<(), OtrError> {
        let context = self.smp_context(peer)?;
        match question {
            Some(question) => {
                let question = c_string(question).ok_or(OtrError::InvalidName)?;
                // SAFETY: live encrypted context; valid buffers.
                unsafe {
                    otrl_message_initiate_smp_q(
                        self.us,
                        self.ops(),
                        self.opdata(),
                        context,
                        question.as_ptr(),
                        secret.as_ptr(),
                        secret.len(),
                    )
                }
            }
            // SAFETY: as above.
            None => unsafe {
                otrl_message_initiate_smp(
                    self.us,
                    self.ops(),
                    self.opdata(),
                    context,
                    secret.as_ptr(),
                    secret.len(),
                )
            },
        }
        self.emit(OtrEvent::Smp {
            peer: peer.clone(),
            event: SmpEvent::InProgress { percent: 20 },
        });
        self.after_call();
        Ok(())
    }

    /// Answers the peer's SMP request.
    pub fn smp_respond(&mut self, peer: &PeerId, secret: &str) -> Result<(), OtrError> {
        let context = self.smp_context(peer)?;
        // SAFETY: live encrypted context; valid buffer.
        unsafe {
            otrl_message_respond_smp(
                self.us,
                self.ops(),
                self.opdata(),
                context,
                secret.as_ptr(),
                secret.len(),
            )
        };
        self.after_call();
        Ok(())
    }

    /// Aborts SMP (the peer is told).
    pub fn smp_abort(&mut self, peer: &PeerId) -> Result<(), OtrError> {
        let context = self.smp_context(peer)?;
        // SAFETY: live encrypted context.
        unsafe { otrl_message_abort_smp(self.us, self.ops(), self.opdata(), context) };
        self.emit(OtrEvent::Smp {
            peer: peer.clone(),
            event: SmpEvent::Aborted,
        });
        self.after_call();
        Ok(())
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

    /// Periodic work: libotr's poll when its timer asks, and giving up held messages that
    /// waited longer than the settings allow.
    pub fn tick(&mut self, now: Instant) {
        if let Some(interval) = self.state().timer_interval
            && now.duration_since(self.last_poll) >= Duration::from_secs(u64::from(interval))
        {
            self.last_poll = now;
            // SAFETY: our user state and callbacks.
            unsafe { otrl_message_poll(self.us, self.ops(), self.opdata()) };
            self.after_call();
        }
        let timeout = self.state().settings.queue_timeout;
        let mut expired = Vec::new();
        for (peer, held) in &mut self.held {
            let (late, keep): (Vec<Held>, Vec<Held>) = held
                .drain(..)
                .partition(|h| now.duration_since(h.since) >= timeout);
            *held = keep;
            expired.extend(late.into_iter().map(|h| (peer.clone(), h.id)));
        }
        self.held.retain(|_, held| !held.is_empty());
        for (to, id) in expired {
            self.emit(OtrEvent::NotSent {
                id,
                to,
                reason: NotSentReason::EncryptionNotEstablished,
            });
        }
    }

    /// When [`OtrCore::tick`] next has work to do, if ever.
    pub fn next_deadline(&mut self) -> Option<Instant> {
        let poll = self
            .state()
            .timer_interval
            .map(|i| self.last_poll + Duration::from_secs(u64::from(i)));
        let timeout = self.state().settings.queue_timeout;
        let held = self
            .held
            .values()
            .flatten()
            .map(|h| h.since + timeout)
            .min();
        [poll, held].into_iter().flatten().min()
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

/// libotr's message type and protocol version of a body. v2/v3 messages and fragments that
/// start with their OTR tag (all of ours, and every data message in practice) are read
/// here: libotr's own functions answer the same, but each searches the body for the tag.
fn message_kind(message: &std::ffi::CStr) -> (OtrlMessageType, std::os::raw::c_int) {
    match message.to_bytes() {
        // Fragments: libotr's type is "unknown" and its version 0 for them too.
        [b'?', b'O', b'T', b'R', b',' | b'|', ..] => (OTRL_MSGTYPE_UNKNOWN, 0),
        [
            b'?',
            b'O',
            b'T',
            b'R',
            b':',
            b'A',
            b'A',
            v @ (b'I' | b'M'),
            kind,
            ..,
        ] => (
            match kind {
                b'C' => OTRL_MSGTYPE_DH_COMMIT,
                b'K' => OTRL_MSGTYPE_DH_KEY,
                b'R' => OTRL_MSGTYPE_REVEALSIG,
                b'S' => OTRL_MSGTYPE_SIGNATURE,
                b'D' => OTRL_MSGTYPE_DATA,
                _ => OTRL_MSGTYPE_UNKNOWN,
            },
            if *v == b'M' { 3 } else { 2 },
        ),
        // SAFETY: a valid C string.
        _ => unsafe {
            (
                otrl_proto_message_type(message.as_ptr()),
                otrl_proto_message_version(message.as_ptr()),
            )
        },
    }
}

/// A fingerprint entry's bytes and trust.
///
/// # Safety
/// `entry` is NULL or a live fingerprint entry.
unsafe fn fingerprint_of(entry: *const libotr_sys::Fingerprint) -> Option<(Fingerprint, Trust)> {
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

/// Generates our instance tag for an account and saves all tags atomically.
pub(crate) fn generate_instance_tag(
    us: OtrlUserState,
    path: &Path,
    account: *const c_char,
    protocol: *const c_char,
) -> Result<(), String> {
    profile::write_atomically(path, |file| {
        let c_file = CFile::from_file(file, c"wb")?;
        // SAFETY: valid strings from the caller; an open FILE*.
        let err = unsafe { otrl_instag_generate_FILEp(us, c_file.as_ptr(), account, protocol) };
        c_file.flush()?;
        if err != 0 {
            return Err(std::io::Error::other(format!(
                "libotr error {}",
                gcry_err_code(err)
            )));
        }
        Ok(())
    })
    .map_err(|e| format!("the OTR instance tags could not be saved: {e}"))
}

#[path = "core_forget.rs"]
mod forget;

#[cfg(test)]
#[path = "core_tests.rs"]
mod tests;
