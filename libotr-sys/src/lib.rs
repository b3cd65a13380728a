//! Raw FFI bindings to libotr 4.1.1 (Off-the-Record Messaging), hand-written from the
//! headers of Debian's `libotr5-dev` (`/usr/include/libotr/*.h`).
//!
//! Everything here is `unsafe` C; the safe layer is the messenger's `messenger-otr` crate.
//! C enums are bound as integer type aliases plus constants, so an unexpected value coming
//! from C is a number, never undefined behaviour. Struct layouts are checked against the
//! real headers by `tests/layout.rs` (a C helper built with the `cc` crate).
//!
//! libotr is not thread-safe: every call must happen on one thread, except
//! [`otrl_privkey_generate_calculate`], which libotr allows on a background thread.
#![allow(non_camel_case_types, non_snake_case, non_upper_case_globals)]

use std::os::raw::{c_char, c_int, c_uchar, c_uint, c_ushort, c_void};
use std::sync::Once;
use std::sync::atomic::{AtomicU32, Ordering};

// The fields of libotr's structs keep their C names and are documented in libotr's headers
// (context.h, proto.h, message.h, privkey-t.h, sm.h), which `tests/layout.rs` checks them against.
#[allow(missing_docs)]
mod types;
pub use types::*;

/// `gcry_error_t` / `gpg_error_t`: 0 is success; the low 16 bits are the error code.
pub type gcry_error_t = c_uint;
/// An opaque libgcrypt multi-precision integer.
pub type gcry_mpi_t = *mut c_void;
/// An opaque libgcrypt cipher handle.
pub type gcry_cipher_hd_t = *mut c_void;
/// An opaque libgcrypt message-digest handle.
pub type gcry_md_hd_t = *mut c_void;
/// An opaque libgcrypt S-expression.
pub type gcry_sexp_t = *mut c_void;
/// C `time_t` on the supported (64-bit Linux) targets.
pub type time_t = i64;
/// C `FILE`, only ever used behind a pointer.
pub type FILE = libc::FILE;

/// The gpg-error code part of a [`gcry_error_t`].
pub fn gcry_err_code(err: gcry_error_t) -> c_uint {
    err & 0xffff
}

/// `GPG_ERR_EEXIST`: a key generation for this account is already running.
pub const GPG_ERR_EEXIST: c_uint = 32768 | 35;
/// `GPG_ERR_INV_VALUE`.
pub const GPG_ERR_INV_VALUE: c_uint = 55;
/// `GPG_ERR_ENOMEM`.
pub const GPG_ERR_ENOMEM: c_uint = 32768 | 86;

/// The libotr version these bindings were written against.
pub const OTRL_VERSION_MAJOR: c_uint = 4;
/// See [`OTRL_VERSION_MAJOR`].
pub const OTRL_VERSION_MINOR: c_uint = 1;
/// See [`OTRL_VERSION_MAJOR`].
pub const OTRL_VERSION_SUB: c_uint = 1;

/// Length of a human-readable fingerprint including its NUL.
pub const OTRL_PRIVKEY_FPRINT_HUMAN_LEN: usize = 45;
/// Bytes of the "extra symmetric key".
pub const OTRL_EXTRAKEY_BYTES: usize = 32;
/// The prefix of an OTR error message.
pub const OTR_ERROR_PREFIX: &str = "?OTR Error: ";

/// Instance tag meta-values (v3).
pub const OTRL_INSTAG_MASTER: otrl_instag_t = 0;
/// The most secure instance.
pub const OTRL_INSTAG_BEST: otrl_instag_t = 1;
/// The most recently active instance.
pub const OTRL_INSTAG_RECENT: otrl_instag_t = 2;
/// The instance we received from most recently.
pub const OTRL_INSTAG_RECENT_RECEIVED: otrl_instag_t = 3;
/// The instance we sent to most recently.
pub const OTRL_INSTAG_RECENT_SENT: otrl_instag_t = 4;
/// Instance tags below this are reserved.
pub const OTRL_MIN_VALID_INSTAG: otrl_instag_t = 0x100;

/// `OtrlPolicy` bits.
pub type OtrlPolicy = c_uint;
/// Allow protocol version 1 (we never do).
pub const OTRL_POLICY_ALLOW_V1: OtrlPolicy = 0x01;
/// Allow protocol version 2.
pub const OTRL_POLICY_ALLOW_V2: OtrlPolicy = 0x02;
/// Allow protocol version 3 (instance tags).
pub const OTRL_POLICY_ALLOW_V3: OtrlPolicy = 0x04;
/// Never send plaintext.
pub const OTRL_POLICY_REQUIRE_ENCRYPTION: OtrlPolicy = 0x08;
/// Append the whitespace tag to plaintext to advertise OTR.
pub const OTRL_POLICY_SEND_WHITESPACE_TAG: OtrlPolicy = 0x10;
/// Start the AKE when a whitespace tag arrives.
pub const OTRL_POLICY_WHITESPACE_START_AKE: OtrlPolicy = 0x20;
/// Start the AKE when an OTR error message arrives.
pub const OTRL_POLICY_ERROR_START_AKE: OtrlPolicy = 0x40;
/// The allowed-versions mask.
pub const OTRL_POLICY_VERSION_MASK: OtrlPolicy =
    OTRL_POLICY_ALLOW_V1 | OTRL_POLICY_ALLOW_V2 | OTRL_POLICY_ALLOW_V3;
/// No OTR at all.
pub const OTRL_POLICY_NEVER: OtrlPolicy = 0x00;
/// libotr's opportunistic policy (v2 + v3, whitespace tag, start on reply or error).
pub const OTRL_POLICY_OPPORTUNISTIC: OtrlPolicy = OTRL_POLICY_ALLOW_V2
    | OTRL_POLICY_ALLOW_V3
    | OTRL_POLICY_SEND_WHITESPACE_TAG
    | OTRL_POLICY_WHITESPACE_START_AKE
    | OTRL_POLICY_ERROR_START_AKE;
/// OTR only when asked.
pub const OTRL_POLICY_MANUAL: OtrlPolicy = OTRL_POLICY_ALLOW_V2 | OTRL_POLICY_ALLOW_V3;
/// Always encrypt.
pub const OTRL_POLICY_ALWAYS: OtrlPolicy = OTRL_POLICY_ALLOW_V2
    | OTRL_POLICY_ALLOW_V3
    | OTRL_POLICY_REQUIRE_ENCRYPTION
    | OTRL_POLICY_WHITESPACE_START_AKE
    | OTRL_POLICY_ERROR_START_AKE;
/// libotr's default.
pub const OTRL_POLICY_DEFAULT: OtrlPolicy = OTRL_POLICY_OPPORTUNISTIC;

/// The whitespace tag base and version suffixes.
pub const OTRL_MESSAGE_TAG_BASE: &str = " \t  \t\t\t\t \t \t \t  ";
/// Whitespace tag for v1.
pub const OTRL_MESSAGE_TAG_V1: &str = " \t \t  \t ";
/// Whitespace tag for v2.
pub const OTRL_MESSAGE_TAG_V2: &str = "  \t\t  \t ";
/// Whitespace tag for v3.
pub const OTRL_MESSAGE_TAG_V3: &str = "  \t\t  \t\t";
/// Data message flag: ignore if unreadable.
pub const OTRL_MSGFLAGS_IGNORE_UNREADABLE: c_uchar = 0x01;

/// TLV types.
pub const OTRL_TLV_PADDING: c_ushort = 0x0000;
/// The peer ended its private conversation.
pub const OTRL_TLV_DISCONNECTED: c_ushort = 0x0001;
/// SMP message 1.
pub const OTRL_TLV_SMP1: c_ushort = 0x0002;
/// SMP message 2.
pub const OTRL_TLV_SMP2: c_ushort = 0x0003;
/// SMP message 3.
pub const OTRL_TLV_SMP3: c_ushort = 0x0004;
/// SMP message 4.
pub const OTRL_TLV_SMP4: c_ushort = 0x0005;
/// SMP abort.
pub const OTRL_TLV_SMP_ABORT: c_ushort = 0x0006;
/// SMP message 1 with a question.
pub const OTRL_TLV_SMP1Q: c_ushort = 0x0007;
/// Extra symmetric key use.
pub const OTRL_TLV_SYMKEY: c_ushort = 0x0008;

unsafe extern "C" {
    // proto.h
    /// Initialises libotr; returns non-zero if the library is older than requested.
    /// Prefer [`init`], which calls it exactly once.
    pub fn otrl_init(ver_major: c_uint, ver_minor: c_uint, ver_sub: c_uint) -> gcry_error_t;
    /// libotr's version string, e.g. `"4.1.1"` (static storage).
    pub fn otrl_version() -> *const c_char;
    /// A newly allocated query message (free with `free`).
    pub fn otrl_proto_default_query_msg(ourname: *const c_char, policy: OtrlPolicy) -> *mut c_char;
    /// The best version both sides speak, from a query message.
    pub fn otrl_proto_query_bestversion(querymsg: *const c_char, policy: OtrlPolicy) -> c_uint;
    /// The best version from a whitespace tag.
    pub fn otrl_proto_whitespace_bestversion(
        msg: *const c_char,
        starttagp: *mut *const c_char,
        endtagp: *mut *const c_char,
        policy: OtrlPolicy,
    ) -> c_uint;
    /// The message type by its header.
    pub fn otrl_proto_message_type(message: *const c_char) -> OtrlMessageType;
    /// The protocol version of a message.
    pub fn otrl_proto_message_version(message: *const c_char) -> c_int;
    /// Split a message into `fragment_count` fragments of at most `mms` bytes.
    pub fn otrl_proto_fragment_create(
        mms: c_int,
        fragment_count: c_int,
        fragments: *mut *mut *mut c_char,
        context: *mut ConnContext,
        message: *const c_char,
    ) -> gcry_error_t;
    /// Free what [`otrl_proto_fragment_create`] made.
    pub fn otrl_proto_fragment_free(fragments: *mut *mut *mut c_char, arraylen: c_ushort);

    // userstate.h
    /// A new, empty user state.
    pub fn otrl_userstate_create() -> OtrlUserState;
    /// Free a user state (stop its timer first).
    pub fn otrl_userstate_free(us: OtrlUserState);

    // context.h
    /// Find (or add) the context for a user.
    pub fn otrl_context_find(
        us: OtrlUserState,
        user: *const c_char,
        accountname: *const c_char,
        protocol: *const c_char,
        their_instance: otrl_instag_t,
        add_if_missing: c_int,
        addedp: *mut c_int,
        add_app_data: Option<unsafe extern "C" fn(data: *mut c_void, context: *mut ConnContext)>,
        data: *mut c_void,
    ) -> *mut ConnContext;
    /// 1 if the fingerprint's trust string is non-empty.
    pub fn otrl_context_is_fingerprint_trusted(fprint: *mut Fingerprint) -> c_int;
    /// Find (or add) a fingerprint in a context.
    pub fn otrl_context_find_fingerprint(
        context: *mut ConnContext,
        fingerprint: *mut c_uchar,
        add_if_missing: c_int,
        addedp: *mut c_int,
    ) -> *mut Fingerprint;
    /// Set the trust string of a fingerprint ("" or NULL = untrusted).
    pub fn otrl_context_set_trust(fprint: *mut Fingerprint, trust: *const c_char);
    /// Force a context into the FINISHED state.
    pub fn otrl_context_force_finished(context: *mut ConnContext);
    /// Force a context into the PLAINTEXT state.
    pub fn otrl_context_force_plaintext(context: *mut ConnContext);
    /// Forget a fingerprint (and maybe its context).
    pub fn otrl_context_forget_fingerprint(fprint: *mut Fingerprint, and_maybe_context: c_int);
    /// Forget a context; non-zero if it could not (it is encrypted).
    pub fn otrl_context_forget(context: *mut ConnContext) -> c_int;
    /// Forget all contexts.
    pub fn otrl_context_forget_all(us: OtrlUserState);

    // instag.h
    /// Find our instance tag for an account.
    pub fn otrl_instag_find(
        us: OtrlUserState,
        accountname: *const c_char,
        protocol: *const c_char,
    ) -> *mut OtrlInsTag;
    /// Read instance tags from a file name.
    pub fn otrl_instag_read(us: OtrlUserState, filename: *const c_char) -> gcry_error_t;
    /// Read instance tags from an open file.
    pub fn otrl_instag_read_FILEp(us: OtrlUserState, instf: *mut FILE) -> gcry_error_t;
    /// A new random instance tag.
    pub fn otrl_instag_get_new() -> otrl_instag_t;
    /// Generate an instance tag and write all tags to a file name.
    pub fn otrl_instag_generate(
        us: OtrlUserState,
        filename: *const c_char,
        accountname: *const c_char,
        protocol: *const c_char,
    ) -> gcry_error_t;
    /// Generate an instance tag and write all tags to an open file.
    pub fn otrl_instag_generate_FILEp(
        us: OtrlUserState,
        instf: *mut FILE,
        accountname: *const c_char,
        protocol: *const c_char,
    ) -> gcry_error_t;
    /// Write all instance tags to a file name.
    pub fn otrl_instag_write(us: OtrlUserState, filename: *const c_char) -> gcry_error_t;
    /// Write all instance tags to an open file.
    pub fn otrl_instag_write_FILEp(us: OtrlUserState, instf: *mut FILE) -> gcry_error_t;
    /// Unlink one instance tag from its user state and free it.
    pub fn otrl_instag_forget(instag: *mut OtrlInsTag);
    /// Forget every instance tag of a user state.
    pub fn otrl_instag_forget_all(us: OtrlUserState);

    // privkey.h
    /// 20-byte hash to the 45-byte human form.
    pub fn otrl_privkey_hash_to_human(human: *mut c_char, hash: *const c_uchar);
    /// Our fingerprint in human form, or NULL.
    pub fn otrl_privkey_fingerprint(
        us: OtrlUserState,
        fingerprint: *mut c_char,
        accountname: *const c_char,
        protocol: *const c_char,
    ) -> *mut c_char;
    /// Our fingerprint raw (20 bytes), or NULL.
    pub fn otrl_privkey_fingerprint_raw(
        us: OtrlUserState,
        hash: *mut c_uchar,
        accountname: *const c_char,
        protocol: *const c_char,
    ) -> *mut c_uchar;
    /// Read private keys from a file name.
    pub fn otrl_privkey_read(us: OtrlUserState, filename: *const c_char) -> gcry_error_t;
    /// Read private keys from an open file (forgets the keys held before).
    pub fn otrl_privkey_read_FILEp(us: OtrlUserState, privf: *mut FILE) -> gcry_error_t;
    /// Forget pending key generations.
    pub fn otrl_privkey_pending_forget_all(us: OtrlUserState);
    /// Start a key generation (main thread); `*newkeyp` goes to calculate.
    pub fn otrl_privkey_generate_start(
        us: OtrlUserState,
        accountname: *const c_char,
        protocol: *const c_char,
        newkeyp: *mut *mut c_void,
    ) -> gcry_error_t;
    /// The slow part of key generation; may run on a background thread.
    pub fn otrl_privkey_generate_calculate(newkey: *mut c_void) -> gcry_error_t;
    /// Finish a key generation (main thread), writing all keys to a file name.
    pub fn otrl_privkey_generate_finish(
        us: OtrlUserState,
        newkey: *mut c_void,
        filename: *const c_char,
    ) -> gcry_error_t;
    /// Finish a key generation, writing all keys to a FILE open for reading and writing.
    pub fn otrl_privkey_generate_finish_FILEp(
        us: OtrlUserState,
        newkey: *mut c_void,
        privf: *mut FILE,
    ) -> gcry_error_t;
    /// Cancel a started key generation (main thread).
    pub fn otrl_privkey_generate_cancelled(us: OtrlUserState, newkey: *mut c_void);
    /// Generate a key in one blocking call, writing to a file name.
    pub fn otrl_privkey_generate(
        us: OtrlUserState,
        filename: *const c_char,
        accountname: *const c_char,
        protocol: *const c_char,
    ) -> gcry_error_t;
    /// Generate a key in one blocking call, writing to an open file.
    pub fn otrl_privkey_generate_FILEp(
        us: OtrlUserState,
        privf: *mut FILE,
        accountname: *const c_char,
        protocol: *const c_char,
    ) -> gcry_error_t;
    /// Read the fingerprint store from a file name.
    pub fn otrl_privkey_read_fingerprints(
        us: OtrlUserState,
        filename: *const c_char,
        add_app_data: Option<unsafe extern "C" fn(data: *mut c_void, context: *mut ConnContext)>,
        data: *mut c_void,
    ) -> gcry_error_t;
    /// Read the fingerprint store from an open file.
    pub fn otrl_privkey_read_fingerprints_FILEp(
        us: OtrlUserState,
        storef: *mut FILE,
        add_app_data: Option<unsafe extern "C" fn(data: *mut c_void, context: *mut ConnContext)>,
        data: *mut c_void,
    ) -> gcry_error_t;
    /// Write the fingerprint store to a file name.
    pub fn otrl_privkey_write_fingerprints(
        us: OtrlUserState,
        filename: *const c_char,
    ) -> gcry_error_t;
    /// Write the fingerprint store to an open file.
    pub fn otrl_privkey_write_fingerprints_FILEp(
        us: OtrlUserState,
        storef: *mut FILE,
    ) -> gcry_error_t;
    /// Our private key for an account, or NULL.
    pub fn otrl_privkey_find(
        us: OtrlUserState,
        accountname: *const c_char,
        protocol: *const c_char,
    ) -> *mut OtrlPrivKey;
    /// Forget one private key.
    pub fn otrl_privkey_forget(privkey: *mut OtrlPrivKey);
    /// Forget all private keys.
    pub fn otrl_privkey_forget_all(us: OtrlUserState);

    // message.h
    /// Free a message allocated by `otrl_message_*`.
    pub fn otrl_message_free(message: *mut c_char);
    /// Handle an outgoing message. With [`OTRL_FRAGMENT_SEND_ALL`], every fragment goes out
    /// through `inject_message` and `*messagep` STILL holds a copy: do not send it too.
    pub fn otrl_message_sending(
        us: OtrlUserState,
        ops: *const OtrlMessageAppOps,
        opdata: *mut c_void,
        accountname: *const c_char,
        protocol: *const c_char,
        recipient: *const c_char,
        instag: otrl_instag_t,
        original_msg: *const c_char,
        tlvs: *mut OtrlTLV,
        messagep: *mut *mut c_char,
        frag_policy: OtrlFragmentPolicy,
        contextp: *mut *mut ConnContext,
        add_appdata: Option<unsafe extern "C" fn(data: *mut c_void, context: *mut ConnContext)>,
        data: *mut c_void,
    ) -> gcry_error_t;
    /// Handle an incoming message: 1 = internal (show nothing); 0 and `*newmessagep` set =
    /// show that; 0 and NULL = show the original.
    pub fn otrl_message_receiving(
        us: OtrlUserState,
        ops: *const OtrlMessageAppOps,
        opdata: *mut c_void,
        accountname: *const c_char,
        protocol: *const c_char,
        sender: *const c_char,
        message: *const c_char,
        newmessagep: *mut *mut c_char,
        tlvsp: *mut *mut OtrlTLV,
        contextp: *mut *mut ConnContext,
        add_appdata: Option<unsafe extern "C" fn(data: *mut c_void, context: *mut ConnContext)>,
        data: *mut c_void,
    ) -> c_int;
    /// End the private conversation with one instance (the peer is told if encrypted).
    pub fn otrl_message_disconnect(
        us: OtrlUserState,
        ops: *const OtrlMessageAppOps,
        opdata: *mut c_void,
        accountname: *const c_char,
        protocol: *const c_char,
        username: *const c_char,
        instance: otrl_instag_t,
    );
    /// End the private conversation with every instance of a user.
    pub fn otrl_message_disconnect_all_instances(
        us: OtrlUserState,
        ops: *const OtrlMessageAppOps,
        opdata: *mut c_void,
        accountname: *const c_char,
        protocol: *const c_char,
        username: *const c_char,
    );
    /// Start SMP with a shared secret.
    pub fn otrl_message_initiate_smp(
        us: OtrlUserState,
        ops: *const OtrlMessageAppOps,
        opdata: *mut c_void,
        context: *mut ConnContext,
        secret: *const c_uchar,
        secretlen: usize,
    );
    /// Start SMP with a question and its answer.
    pub fn otrl_message_initiate_smp_q(
        us: OtrlUserState,
        ops: *const OtrlMessageAppOps,
        opdata: *mut c_void,
        context: *mut ConnContext,
        question: *const c_char,
        secret: *const c_uchar,
        secretlen: usize,
    );
    /// Answer an SMP request.
    pub fn otrl_message_respond_smp(
        us: OtrlUserState,
        ops: *const OtrlMessageAppOps,
        opdata: *mut c_void,
        context: *mut ConnContext,
        secret: *const c_uchar,
        secretlen: usize,
    );
    /// Abort SMP (the peer is told).
    pub fn otrl_message_abort_smp(
        us: OtrlUserState,
        ops: *const OtrlMessageAppOps,
        opdata: *mut c_void,
        context: *mut ConnContext,
    );
    /// Use the extra symmetric key.
    pub fn otrl_message_symkey(
        us: OtrlUserState,
        ops: *const OtrlMessageAppOps,
        opdata: *mut c_void,
        context: *mut ConnContext,
        use_: c_uint,
        usedata: *const c_uchar,
        usedatalen: usize,
        symkey: *mut c_uchar,
    ) -> gcry_error_t;
    /// The poll interval to use when not implementing `timer_control`.
    pub fn otrl_message_poll_get_default_interval(us: OtrlUserState) -> c_uint;
    /// Periodic clean-up of stale private state (forward secrecy).
    pub fn otrl_message_poll(us: OtrlUserState, ops: *const OtrlMessageAppOps, opdata: *mut c_void);

    // tlv.h
    /// A new TLV (data copied).
    pub fn otrl_tlv_new(type_: c_ushort, len: c_ushort, data: *const c_uchar) -> *mut OtrlTLV;
    /// Parse serialised TLVs.
    pub fn otrl_tlv_parse(serialized: *const c_uchar, seriallen: usize) -> *mut OtrlTLV;
    /// Free a TLV chain.
    pub fn otrl_tlv_free(tlv: *mut OtrlTLV);
    /// Serialised length of a TLV chain.
    pub fn otrl_tlv_seriallen(tlv: *const OtrlTLV) -> usize;
    /// Serialise a TLV chain.
    pub fn otrl_tlv_serialize(buf: *mut c_uchar, tlv: *const OtrlTLV);
    /// The first TLV of a type in a chain, or NULL.
    pub fn otrl_tlv_find(tlvs: *mut OtrlTLV, type_: c_ushort) -> *mut OtrlTLV;
}

/// The libotr version found at run time, e.g. `"4.1.1"`.
pub fn version() -> &'static str {
    // SAFETY: otrl_version returns a pointer to a static NUL-terminated ASCII string.
    let version = unsafe { std::ffi::CStr::from_ptr(otrl_version()) };
    version.to_str().unwrap_or("unknown")
}

static INIT: Once = Once::new();
static INIT_RESULT: AtomicU32 = AtomicU32::new(0);

/// Initialises libotr exactly once per process (thread-safe) with the API version these
/// bindings were written for (4.1.1). Returns libotr's result (0 = success) every time.
pub fn init() -> gcry_error_t {
    INIT.call_once(|| {
        // SAFETY: otrl_init only initialises libgcrypt and libotr's globals; Once makes sure
        // it runs a single time, before any other libotr call made through `init`'s users.
        let result = unsafe { otrl_init(OTRL_VERSION_MAJOR, OTRL_VERSION_MINOR, OTRL_VERSION_SUB) };
        INIT_RESULT.store(result, Ordering::SeqCst);
    });
    INIT_RESULT.load(Ordering::SeqCst)
}

#[cfg(test)]
mod tests;
