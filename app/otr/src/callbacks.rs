//! The `OtrlMessageAppOps` callbacks. libotr calls them only from inside the calls the OTR
//! core makes, on the OTR thread; each one turns what happened into typed events collected
//! in [`CallbackState`]. None of them unwinds into C (panics are caught and recorded), and
//! none logs message text.

use crate::events::{MessageProblem, OtrEvent, SmpEvent};
use crate::ffi::{generate_instance_tag, text};
use crate::types::{Fingerprint, OtrAccount, OtrSettings, PeerId, protocol_from_name};
use libotr_sys::*;
use std::ffi::{CStr, c_void};
use std::os::raw::{c_char, c_int, c_uint, c_ushort};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::PathBuf;

/// Flags a libotr call may raise through `handle_msg_event`.
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct CallFlags {
    pub(crate) encryption_error: bool,
    pub(crate) connection_ended: bool,
}

/// What the callbacks see: passed to libotr as `opdata`.
pub(crate) struct CallbackState {
    pub(crate) us: OtrlUserState,
    pub(crate) settings: OtrSettings,
    pub(crate) instance_tags_path: PathBuf,
    pub(crate) events: Vec<OtrEvent>,
    pub(crate) flags: CallFlags,
    pub(crate) fingerprints_dirty: bool,
    pub(crate) timer_interval: Option<u32>,
    pub(crate) smp_to_abort: Vec<PeerId>,
    pub(crate) panicked: bool,
    /// Set by every callback that reports something or may follow a state change (all but
    /// `policy` and `max_message_size`), so the core can skip its state check after calls
    /// that did nothing visible, such as storing one fragment.
    pub(crate) activity: bool,
    /// The peer of the last injection: fragments and replies go to the same peer in runs,
    /// and comparing names is cheaper than building the peer again.
    pub(crate) last_injected: Option<PeerId>,
}

/// The callback table handed to libotr.
pub(crate) fn app_ops() -> OtrlMessageAppOps {
    OtrlMessageAppOps {
        policy: Some(policy),
        create_privkey: Some(create_privkey),
        is_logged_in: Some(is_logged_in),
        inject_message: Some(inject_message),
        update_context_list: Some(update_context_list),
        new_fingerprint: Some(new_fingerprint),
        write_fingerprints: Some(write_fingerprints),
        gone_secure: None,
        gone_insecure: None,
        still_secure: Some(still_secure),
        max_message_size: Some(max_message_size),
        account_name: None,
        account_name_free: None,
        received_symkey: None,
        otr_error_message: Some(otr_error_message),
        otr_error_message_free: None,
        resent_msg_prefix: None,
        resent_msg_prefix_free: None,
        handle_smp_event: Some(handle_smp_event),
        handle_msg_event: Some(handle_msg_event),
        create_instag: Some(create_instag),
        convert_msg: None,
        convert_free: None,
        timer_control: Some(timer_control),
    }
}

/// Runs `f` on the state behind `opdata`, catching any panic (recorded, never unwound into C).
///
/// # Safety
/// `opdata` must be the `CallbackState` pointer the core passes to libotr, with no other
/// reference to it alive (the core does not touch it while a libotr call runs).
unsafe fn with_state_quiet<R>(
    opdata: *mut c_void,
    default: R,
    f: impl FnOnce(&mut CallbackState) -> R,
) -> R {
    let state = opdata.cast::<CallbackState>();
    if state.is_null() {
        return default;
    }
    // SAFETY: guaranteed by the caller (see above).
    let result = catch_unwind(AssertUnwindSafe(|| f(unsafe { &mut *state })));
    match result {
        Ok(value) => value,
        Err(_) => {
            // SAFETY: as above; the closure's borrow ended with the panic.
            unsafe { (*state).panicked = true };
            default
        }
    }
}

/// Like [`with_state_quiet`], and records callback activity.
///
/// # Safety
/// As for [`with_state_quiet`].
unsafe fn with_state<R>(
    opdata: *mut c_void,
    default: R,
    f: impl FnOnce(&mut CallbackState) -> R,
) -> R {
    // SAFETY: forwarded from the caller.
    unsafe {
        with_state_quiet(opdata, default, |state| {
            state.activity = true;
            f(state)
        })
    }
}

unsafe extern "C" fn update_context_list(opdata: *mut c_void) {
    // SAFETY: libotr passes our opdata. A context changed: the core checks the state.
    unsafe { with_state(opdata, (), |_| {}) }
}

/// The peer named by account, protocol and user strings.
///
/// # Safety
/// Each pointer is NULL or a valid NUL-terminated string.
unsafe fn peer_of(
    account: *const c_char,
    protocol: *const c_char,
    user: *const c_char,
) -> Option<PeerId> {
    // SAFETY: guaranteed by the caller.
    let (account, protocol, user) = unsafe { (text(account), text(protocol), text(user)) };
    let protocol = protocol_from_name(&protocol)?;
    Some(PeerId::new(OtrAccount::new(account, protocol), user))
}

/// Whether account, protocol and user strings name `peer`.
///
/// # Safety
/// Each pointer is NULL or a valid NUL-terminated string.
unsafe fn names_match(
    peer: &PeerId,
    account: *const c_char,
    protocol: *const c_char,
    user: *const c_char,
) -> bool {
    let same = |ptr: *const c_char, name: &str| {
        // SAFETY: guaranteed by the caller.
        !ptr.is_null() && unsafe { CStr::from_ptr(ptr) }.to_bytes() == name.as_bytes()
    };
    same(user, &peer.peer)
        && same(account, &peer.account.name)
        && same(protocol, peer.account.protocol_name())
}

/// The peer of a context.
///
/// # Safety
/// `context` is NULL or a live libotr context.
unsafe fn peer_of_context(context: *const ConnContext) -> Option<PeerId> {
    if context.is_null() {
        return None;
    }
    // SAFETY: a live context's name fields are NUL-terminated strings.
    unsafe {
        peer_of(
            (*context).accountname,
            (*context).protocol,
            (*context).username,
        )
    }
}

unsafe extern "C" fn policy(opdata: *mut c_void, context: *mut ConnContext) -> OtrlPolicy {
    // SAFETY: libotr passes our opdata and a live context.
    unsafe {
        with_state_quiet(
            opdata,
            OTRL_POLICY_ALLOW_V2 | OTRL_POLICY_REQUIRE_ENCRYPTION,
            |state| {
                // Called for every message: skip building the peer when nothing is per contact.
                if state.settings.require_encryption_for.is_empty() {
                    return state
                        .settings
                        .policy_bits_for(state.settings.require_encryption);
                }
                match peer_of_context(context) {
                    Some(peer) => state.settings.policy_bits(&peer),
                    // Unknown context: the strictest policy we use.
                    None => OTRL_POLICY_ALLOW_V2 | OTRL_POLICY_REQUIRE_ENCRYPTION,
                }
            },
        )
    }
}

unsafe extern "C" fn create_privkey(
    _opdata: *mut c_void,
    _account: *const c_char,
    _protocol: *const c_char,
) {
    // The core makes sure a key exists before it hands libotr anything for an account, so
    // this is not reached; generating here would block the OTR thread.
}

unsafe extern "C" fn is_logged_in(
    _opdata: *mut c_void,
    _account: *const c_char,
    _protocol: *const c_char,
    _recipient: *const c_char,
) -> c_int {
    // Presence is the chat model's business; saying "yes" lets "end session" tell the peer.
    1
}

/// Keeps only the first line of a query message: libotr's default one carries HTML and a
/// newline (bad on IRC) after the `?OTRv2?` that matters.
fn trim_query(body: String) -> String {
    if (body.starts_with("?OTRv") || body.starts_with("?OTR?"))
        && let Some(end) = body.find('\n')
    {
        return body[..end].to_owned();
    }
    body
}

unsafe extern "C" fn inject_message(
    opdata: *mut c_void,
    account: *const c_char,
    protocol: *const c_char,
    recipient: *const c_char,
    message: *const c_char,
) {
    // SAFETY: libotr passes our opdata and valid strings.
    unsafe {
        with_state(opdata, (), |state| {
            let to = match state.last_injected.take() {
                Some(last) if names_match(&last, account, protocol, recipient) => last,
                _ => match peer_of(account, protocol, recipient) {
                    Some(peer) => peer,
                    None => return,
                },
            };
            state.last_injected = Some(to.clone());
            let body = trim_query(text(message));
            // libotr "sends" an empty string when a message is refused (FINISHED state).
            if body.is_empty() {
                return;
            }
            let size = state.settings.fragment_size(to.account.protocol);
            // Heartbeats, "end session" and SMP replies are injected whole by libotr; split
            // them here if the protocol cannot carry them in one piece.
            if body.len() > size
                && body.starts_with("?OTR:")
                && let Some(fragments) =
                    fragment(state.us, account, protocol, recipient, message, size)
            {
                for body in fragments {
                    state.events.push(OtrEvent::Inject {
                        to: to.clone(),
                        body,
                    });
                }
                return;
            }
            state.events.push(OtrEvent::Inject { to, body });
        })
    }
}

/// Splits an OTR message into fragments of at most `size` bytes with libotr's own code.
///
/// # Safety
/// All pointers are valid; called on the OTR thread.
unsafe fn fragment(
    us: OtrlUserState,
    account: *const c_char,
    protocol: *const c_char,
    recipient: *const c_char,
    message: *const c_char,
    size: usize,
) -> Option<Vec<String>> {
    // SAFETY: lookup only (add_if_missing = 0).
    let context = unsafe {
        otrl_context_find(
            us,
            recipient,
            account,
            protocol,
            OTRL_INSTAG_BEST,
            0,
            std::ptr::null_mut(),
            None,
            std::ptr::null_mut(),
        )
    };
    if context.is_null() {
        return None;
    }
    // SAFETY: a live context; message is NUL-terminated.
    let (header, length) = unsafe {
        (
            if (*context).protocol_version == 3 {
                37
            } else {
                19
            },
            CStr::from_ptr(message).to_bytes().len(),
        )
    };
    if size <= header + 1 {
        return None;
    }
    let count = (length - 1) / (size - header) + 1;
    let count_c = c_int::try_from(count).ok()?;
    let mut fragments: *mut *mut c_char = std::ptr::null_mut();
    // SAFETY: libotr allocates `count` fragments, freed below with the same count.
    let err = unsafe {
        otrl_proto_fragment_create(
            c_int::try_from(size).ok()?,
            count_c,
            &mut fragments,
            context,
            message,
        )
    };
    if err != 0 || fragments.is_null() {
        return None;
    }
    // SAFETY: `fragments` holds `count` valid strings.
    let out = (0..count)
        .map(|i| unsafe { text(*fragments.add(i)) })
        .collect();
    // SAFETY: frees exactly what fragment_create allocated.
    unsafe {
        otrl_proto_fragment_free(
            &mut fragments,
            c_ushort::try_from(count).unwrap_or(c_ushort::MAX),
        )
    };
    Some(out)
}

unsafe extern "C" fn new_fingerprint(
    opdata: *mut c_void,
    _us: OtrlUserState,
    account: *const c_char,
    protocol: *const c_char,
    username: *const c_char,
    fingerprint: *mut u8,
) {
    // SAFETY: libotr passes our opdata, valid strings and a 20-byte fingerprint.
    unsafe {
        with_state(opdata, (), |state| {
            let Some(peer) = peer_of(account, protocol, username) else {
                return;
            };
            if fingerprint.is_null() {
                return;
            }
            let mut bytes = [0u8; 20];
            bytes.copy_from_slice(std::slice::from_raw_parts(fingerprint, 20));
            state.events.push(OtrEvent::NewFingerprint {
                peer,
                fingerprint: Fingerprint(bytes),
            });
        })
    }
}

unsafe extern "C" fn write_fingerprints(opdata: *mut c_void) {
    // SAFETY: libotr passes our opdata. The core writes the file after the call returns.
    unsafe { with_state(opdata, (), |state| state.fingerprints_dirty = true) }
}

unsafe extern "C" fn still_secure(
    opdata: *mut c_void,
    context: *mut ConnContext,
    _is_reply: c_int,
) {
    // SAFETY: libotr passes our opdata and a live context.
    unsafe {
        with_state(opdata, (), |state| {
            if let Some(peer) = peer_of_context(context) {
                state.events.push(OtrEvent::StillSecure { peer });
            }
        })
    }
}

unsafe extern "C" fn max_message_size(opdata: *mut c_void, context: *mut ConnContext) -> c_int {
    // SAFETY: libotr passes our opdata and a live (or NULL) context.
    unsafe {
        with_state_quiet(opdata, 400, |state| {
            let protocol = if context.is_null() || (*context).protocol.is_null() {
                None
            } else {
                std::str::from_utf8(CStr::from_ptr((*context).protocol).to_bytes())
                    .ok()
                    .and_then(protocol_from_name)
            };
            let size = protocol.map_or(400, |p| state.settings.fragment_size(p));
            c_int::try_from(size).unwrap_or(c_int::MAX)
        })
    }
}

unsafe extern "C" fn otr_error_message(
    _opdata: *mut c_void,
    _context: *mut ConnContext,
    code: OtrlErrorCode,
) -> *const c_char {
    // Fixed English text sent to the peer after "?OTR Error: "; static, so no free callback.
    let message: &'static CStr = match code {
        OTRL_ERRCODE_ENCRYPTION_ERROR => c"Error occurred encrypting message.",
        OTRL_ERRCODE_MSG_NOT_IN_PRIVATE => {
            c"You sent encrypted data to a peer who wasn't expecting it."
        }
        OTRL_ERRCODE_MSG_UNREADABLE => c"You transmitted an unreadable encrypted message.",
        OTRL_ERRCODE_MSG_MALFORMED => c"You transmitted a malformed data message.",
        _ => c"Error.",
    };
    message.as_ptr()
}

unsafe extern "C" fn handle_smp_event(
    opdata: *mut c_void,
    event: OtrlSMPEvent,
    context: *mut ConnContext,
    progress: c_ushort,
    question: *mut c_char,
) {
    // SAFETY: libotr passes our opdata, a live context and a NULL or valid question.
    unsafe {
        with_state(opdata, (), |state| {
            let Some(peer) = peer_of_context(context) else {
                return;
            };
            let event = match event {
                OTRL_SMPEVENT_ASK_FOR_SECRET => SmpEvent::AskedForSecret,
                OTRL_SMPEVENT_ASK_FOR_ANSWER => SmpEvent::AskedQuestion {
                    question: text(question),
                },
                OTRL_SMPEVENT_IN_PROGRESS => SmpEvent::InProgress { percent: progress },
                OTRL_SMPEVENT_SUCCESS => SmpEvent::Succeeded,
                OTRL_SMPEVENT_FAILURE => SmpEvent::Failed,
                OTRL_SMPEVENT_ABORT => SmpEvent::Aborted,
                OTRL_SMPEVENT_CHEATED => {
                    state.smp_to_abort.push(peer.clone());
                    SmpEvent::Cheated
                }
                OTRL_SMPEVENT_ERROR => {
                    state.smp_to_abort.push(peer.clone());
                    SmpEvent::Error
                }
                _ => return,
            };
            state.events.push(OtrEvent::Smp { peer, event });
        })
    }
}

unsafe extern "C" fn handle_msg_event(
    opdata: *mut c_void,
    event: OtrlMessageEvent,
    context: *mut ConnContext,
    message: *const c_char,
    _err: gcry_error_t,
) {
    // SAFETY: libotr passes our opdata, a live (or NULL) context and a NULL or valid message.
    unsafe {
        with_state(opdata, (), |state| {
            let problem = match event {
                OTRL_MSGEVENT_ENCRYPTION_ERROR => {
                    state.flags.encryption_error = true;
                    return;
                }
                OTRL_MSGEVENT_CONNECTION_ENDED => {
                    state.flags.connection_ended = true;
                    return;
                }
                OTRL_MSGEVENT_SETUP_ERROR => MessageProblem::SetupFailed,
                OTRL_MSGEVENT_MSG_REFLECTED => MessageProblem::Reflected,
                OTRL_MSGEVENT_RCVDMSG_NOT_IN_PRIVATE => MessageProblem::EncryptedWhileNotPrivate,
                OTRL_MSGEVENT_RCVDMSG_UNREADABLE => MessageProblem::Unreadable,
                OTRL_MSGEVENT_RCVDMSG_MALFORMED => MessageProblem::Malformed,
                OTRL_MSGEVENT_RCVDMSG_UNRECOGNIZED => MessageProblem::Unrecognized,
                OTRL_MSGEVENT_RCVDMSG_FOR_OTHER_INSTANCE => MessageProblem::ForOtherInstance,
                OTRL_MSGEVENT_RCVDMSG_GENERAL_ERR => {
                    if let Some(from) = peer_of_context(context) {
                        state.events.push(OtrEvent::PeerError {
                            from,
                            text: text(message),
                        });
                    }
                    return;
                }
                OTRL_MSGEVENT_RCVDMSG_UNENCRYPTED => {
                    if let Some(from) = peer_of_context(context) {
                        state.events.push(OtrEvent::Message {
                            from,
                            text: text(message),
                            encrypted: false,
                            unexpected_plaintext: true,
                        });
                    }
                    return;
                }
                // Heartbeats, resends, "encryption required" (we hold such messages ourselves).
                _ => return,
            };
            if let Some(from) = peer_of_context(context) {
                state
                    .events
                    .push(OtrEvent::ReceiveProblem { from, problem });
            }
        })
    }
}

unsafe extern "C" fn create_instag(
    opdata: *mut c_void,
    account: *const c_char,
    protocol: *const c_char,
) {
    // SAFETY: libotr passes our opdata (whose user state is the one calling us, on this
    // thread) and valid strings.
    unsafe {
        with_state(opdata, (), |state| {
            if let Err(reason) =
                generate_instance_tag(state.us, &state.instance_tags_path, account, protocol)
            {
                state.events.push(OtrEvent::FileError { reason });
            }
        })
    }
}

unsafe extern "C" fn timer_control(opdata: *mut c_void, interval: c_uint) {
    // SAFETY: libotr passes our opdata.
    unsafe {
        with_state(opdata, (), |state| {
            state.timer_interval = (interval > 0).then_some(interval)
        })
    }
}

#[cfg(test)]
mod tests;
