//! The C structs, enums and callback table of libotr 4.1.1, field for field.
//! `tests/layout.rs` checks sizes and offsets against the real headers.

use crate::{
    OtrlPolicy, gcry_cipher_hd_t, gcry_error_t, gcry_md_hd_t, gcry_mpi_t, gcry_sexp_t, time_t,
};
use std::os::raw::{c_char, c_int, c_uchar, c_uint, c_ushort, c_void};

/// An instance tag (v3).
pub type otrl_instag_t = c_uint;
/// A pointer to the user state.
pub type OtrlUserState = *mut s_OtrlUserState;

/// `OtrlMessageState`.
pub type OtrlMessageState = c_uint;
/// No encrypted conversation.
pub const OTRL_MSGSTATE_PLAINTEXT: OtrlMessageState = 0;
/// An encrypted conversation.
pub const OTRL_MSGSTATE_ENCRYPTED: OtrlMessageState = 1;
/// The peer ended the encrypted conversation; nothing may be sent until we end or refresh.
pub const OTRL_MSGSTATE_FINISHED: OtrlMessageState = 2;

/// `OtrlAuthState`.
pub type OtrlAuthState = c_uint;
/// `OtrlSessionIdHalf`.
pub type OtrlSessionIdHalf = c_uint;
/// `NextExpectedSMP`.
pub type NextExpectedSMP = c_uint;
/// `OtrlSMProgState` (a signed C enum).
pub type OtrlSMProgState = c_int;
/// SMP going fine.
pub const OTRL_SMP_PROG_OK: OtrlSMProgState = 0;
/// Some verification failed.
pub const OTRL_SMP_PROG_CHEATED: OtrlSMProgState = -2;
/// The secrets did not match.
pub const OTRL_SMP_PROG_FAILED: OtrlSMProgState = -1;
/// SMP succeeded.
pub const OTRL_SMP_PROG_SUCCEEDED: OtrlSMProgState = 1;

/// `OtrlErrorCode`.
pub type OtrlErrorCode = c_uint;
/// No error.
pub const OTRL_ERRCODE_NONE: OtrlErrorCode = 0;
/// Error while encrypting.
pub const OTRL_ERRCODE_ENCRYPTION_ERROR: OtrlErrorCode = 1;
/// Encrypted message outside a private session.
pub const OTRL_ERRCODE_MSG_NOT_IN_PRIVATE: OtrlErrorCode = 2;
/// Unreadable encrypted message.
pub const OTRL_ERRCODE_MSG_UNREADABLE: OtrlErrorCode = 3;
/// Malformed message.
pub const OTRL_ERRCODE_MSG_MALFORMED: OtrlErrorCode = 4;

/// `OtrlSMPEvent`.
pub type OtrlSMPEvent = c_uint;
/// No event.
pub const OTRL_SMPEVENT_NONE: OtrlSMPEvent = 0;
/// SMP protocol error (out-of-order message).
pub const OTRL_SMPEVENT_ERROR: OtrlSMPEvent = 1;
/// The peer aborted SMP.
pub const OTRL_SMPEVENT_ABORT: OtrlSMPEvent = 2;
/// Verification of the peer's SMP data failed.
pub const OTRL_SMPEVENT_CHEATED: OtrlSMPEvent = 3;
/// The peer asks a question.
pub const OTRL_SMPEVENT_ASK_FOR_ANSWER: OtrlSMPEvent = 4;
/// The peer asks for the shared secret.
pub const OTRL_SMPEVENT_ASK_FOR_SECRET: OtrlSMPEvent = 5;
/// SMP in progress.
pub const OTRL_SMPEVENT_IN_PROGRESS: OtrlSMPEvent = 6;
/// SMP succeeded.
pub const OTRL_SMPEVENT_SUCCESS: OtrlSMPEvent = 7;
/// SMP failed (secrets differ).
pub const OTRL_SMPEVENT_FAILURE: OtrlSMPEvent = 8;

/// `OtrlMessageEvent`.
pub type OtrlMessageEvent = c_uint;
/// No event.
pub const OTRL_MSGEVENT_NONE: OtrlMessageEvent = 0;
/// Policy requires encryption but we tried to send plaintext.
pub const OTRL_MSGEVENT_ENCRYPTION_REQUIRED: OtrlMessageEvent = 1;
/// Encrypting failed; nothing was sent.
pub const OTRL_MSGEVENT_ENCRYPTION_ERROR: OtrlMessageEvent = 2;
/// The peer ended the private conversation; the message was not sent.
pub const OTRL_MSGEVENT_CONNECTION_ENDED: OtrlMessageEvent = 3;
/// A private conversation could not be set up.
pub const OTRL_MSGEVENT_SETUP_ERROR: OtrlMessageEvent = 4;
/// We received our own OTR messages.
pub const OTRL_MSGEVENT_MSG_REFLECTED: OtrlMessageEvent = 5;
/// The previous message was resent.
pub const OTRL_MSGEVENT_MSG_RESENT: OtrlMessageEvent = 6;
/// Encrypted message received while not in a private conversation.
pub const OTRL_MSGEVENT_RCVDMSG_NOT_IN_PRIVATE: OtrlMessageEvent = 7;
/// Encrypted message we cannot read.
pub const OTRL_MSGEVENT_RCVDMSG_UNREADABLE: OtrlMessageEvent = 8;
/// Malformed message received.
pub const OTRL_MSGEVENT_RCVDMSG_MALFORMED: OtrlMessageEvent = 9;
/// Heartbeat received.
pub const OTRL_MSGEVENT_LOG_HEARTBEAT_RCVD: OtrlMessageEvent = 10;
/// Heartbeat sent.
pub const OTRL_MSGEVENT_LOG_HEARTBEAT_SENT: OtrlMessageEvent = 11;
/// An OTR error message was received (text passed).
pub const OTRL_MSGEVENT_RCVDMSG_GENERAL_ERR: OtrlMessageEvent = 12;
/// An unencrypted message was received where it should not be (text passed).
pub const OTRL_MSGEVENT_RCVDMSG_UNENCRYPTED: OtrlMessageEvent = 13;
/// An OTR message of unknown type was received.
pub const OTRL_MSGEVENT_RCVDMSG_UNRECOGNIZED: OtrlMessageEvent = 14;
/// A message for another instance of us was received and dropped.
pub const OTRL_MSGEVENT_RCVDMSG_FOR_OTHER_INSTANCE: OtrlMessageEvent = 15;

/// `OtrlNotifyLevel`.
pub type OtrlNotifyLevel = c_uint;
/// `OtrlConvertType`.
pub type OtrlConvertType = c_uint;
/// Before encrypting.
pub const OTRL_CONVERT_SENDING: OtrlConvertType = 0;
/// After decrypting.
pub const OTRL_CONVERT_RECEIVING: OtrlConvertType = 1;

/// `OtrlMessageType`.
pub type OtrlMessageType = c_uint;
/// Not OTR.
pub const OTRL_MSGTYPE_NOTOTR: OtrlMessageType = 0;
/// Plaintext with a whitespace tag.
pub const OTRL_MSGTYPE_TAGGEDPLAINTEXT: OtrlMessageType = 1;
/// A query.
pub const OTRL_MSGTYPE_QUERY: OtrlMessageType = 2;
/// D-H commit.
pub const OTRL_MSGTYPE_DH_COMMIT: OtrlMessageType = 3;
/// D-H key.
pub const OTRL_MSGTYPE_DH_KEY: OtrlMessageType = 4;
/// Reveal signature.
pub const OTRL_MSGTYPE_REVEALSIG: OtrlMessageType = 5;
/// Signature.
pub const OTRL_MSGTYPE_SIGNATURE: OtrlMessageType = 6;
/// v1 key exchange.
pub const OTRL_MSGTYPE_V1_KEYEXCH: OtrlMessageType = 7;
/// Data.
pub const OTRL_MSGTYPE_DATA: OtrlMessageType = 8;
/// Error.
pub const OTRL_MSGTYPE_ERROR: OtrlMessageType = 9;
/// Unknown.
pub const OTRL_MSGTYPE_UNKNOWN: OtrlMessageType = 10;

/// `OtrlFragmentPolicy`.
pub type OtrlFragmentPolicy = c_uint;
/// Return the message, inject nothing.
pub const OTRL_FRAGMENT_SEND_SKIP: OtrlFragmentPolicy = 0;
/// Inject every fragment (and STILL return a copy in `*messagep`).
pub const OTRL_FRAGMENT_SEND_ALL: OtrlFragmentPolicy = 1;
/// Inject all but the first fragment.
pub const OTRL_FRAGMENT_SEND_ALL_BUT_FIRST: OtrlFragmentPolicy = 2;
/// Inject all but the last fragment.
pub const OTRL_FRAGMENT_SEND_ALL_BUT_LAST: OtrlFragmentPolicy = 3;

/// `ConnContext.otr_offer` values.
pub type OtrOffer = c_uint;
/// No offer made.
pub const OFFER_NOT: OtrOffer = 0;
/// Offer sent.
pub const OFFER_SENT: OtrOffer = 1;
/// Offer rejected.
pub const OFFER_REJECTED: OtrOffer = 2;
/// Offer accepted.
pub const OFFER_ACCEPTED: OtrOffer = 3;

/// `DH_keypair`.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct DH_keypair {
    pub groupid: c_uint,
    pub priv_: gcry_mpi_t,
    pub pub_: gcry_mpi_t,
}

/// `DH_sesskeys`.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct DH_sesskeys {
    pub sendctr: [c_uchar; 16],
    pub rcvctr: [c_uchar; 16],
    pub sendenc: gcry_cipher_hd_t,
    pub rcvenc: gcry_cipher_hd_t,
    pub sendmac: gcry_md_hd_t,
    pub sendmackey: [c_uchar; 20],
    pub sendmacused: c_int,
    pub rcvmac: gcry_md_hd_t,
    pub rcvmackey: [c_uchar; 20],
    pub rcvmacused: c_int,
    pub extrakey: [c_uchar; crate::OTRL_EXTRAKEY_BYTES],
}

/// `OtrlAuthInfo`: the AKE state, embedded in every context.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct OtrlAuthInfo {
    pub authstate: OtrlAuthState,
    pub context: *mut ConnContext,
    pub our_dh: DH_keypair,
    pub our_keyid: c_uint,
    pub encgx: *mut c_uchar,
    pub encgx_len: usize,
    pub r: [c_uchar; 16],
    pub hashgx: [c_uchar; 32],
    pub their_pub: gcry_mpi_t,
    pub their_keyid: c_uint,
    pub enc_c: gcry_cipher_hd_t,
    pub enc_cp: gcry_cipher_hd_t,
    pub mac_m1: gcry_md_hd_t,
    pub mac_m1p: gcry_md_hd_t,
    pub mac_m2: gcry_md_hd_t,
    pub mac_m2p: gcry_md_hd_t,
    pub their_fingerprint: [c_uchar; 20],
    pub initiated: c_int,
    pub protocol_version: c_uint,
    pub secure_session_id: [c_uchar; 20],
    pub secure_session_id_len: usize,
    pub session_id_half: OtrlSessionIdHalf,
    pub lastauthmsg: *mut c_char,
    pub commit_sent_time: time_t,
}

/// `OtrlSMState`: the socialist millionaires' state of a context.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct OtrlSMState {
    pub secret: gcry_mpi_t,
    pub x2: gcry_mpi_t,
    pub x3: gcry_mpi_t,
    pub g1: gcry_mpi_t,
    pub g2: gcry_mpi_t,
    pub g3: gcry_mpi_t,
    pub g3o: gcry_mpi_t,
    pub p: gcry_mpi_t,
    pub q: gcry_mpi_t,
    pub pab: gcry_mpi_t,
    pub qab: gcry_mpi_t,
    pub nextExpected: NextExpectedSMP,
    pub received_question: c_int,
    pub sm_prog_state: OtrlSMProgState,
}

/// `ConnContextPriv`: libotr-internal; only ever used behind a pointer.
#[repr(C)]
pub struct ConnContextPriv {
    _private: [u8; 0],
}

/// `Fingerprint`: one known fingerprint of a peer, in a linked list.
#[repr(C)]
#[derive(Debug)]
pub struct Fingerprint {
    pub next: *mut Fingerprint,
    pub tous: *mut *mut Fingerprint,
    pub fingerprint: *mut c_uchar,
    pub context: *mut ConnContext,
    pub trust: *mut c_char,
}

/// `ConnContext` (`struct context`): the state of a conversation with one peer instance.
#[repr(C)]
#[derive(Debug)]
pub struct ConnContext {
    pub next: *mut ConnContext,
    pub tous: *mut *mut ConnContext,
    pub context_priv: *mut ConnContextPriv,
    pub username: *mut c_char,
    pub accountname: *mut c_char,
    pub protocol: *mut c_char,
    pub m_context: *mut ConnContext,
    pub recent_rcvd_child: *mut ConnContext,
    pub recent_sent_child: *mut ConnContext,
    pub recent_child: *mut ConnContext,
    pub our_instance: otrl_instag_t,
    pub their_instance: otrl_instag_t,
    pub msgstate: OtrlMessageState,
    pub auth: OtrlAuthInfo,
    pub fingerprint_root: Fingerprint,
    pub active_fingerprint: *mut Fingerprint,
    pub sessionid: [c_uchar; 20],
    pub sessionid_len: usize,
    pub sessionid_half: OtrlSessionIdHalf,
    pub protocol_version: c_uint,
    pub otr_offer: OtrOffer,
    pub app_data: *mut c_void,
    pub app_data_free: Option<unsafe extern "C" fn(*mut c_void)>,
    pub smstate: *mut OtrlSMState,
}

/// `OtrlPrivKey`.
#[repr(C)]
#[derive(Debug)]
pub struct OtrlPrivKey {
    pub next: *mut OtrlPrivKey,
    pub tous: *mut *mut OtrlPrivKey,
    pub accountname: *mut c_char,
    pub protocol: *mut c_char,
    pub pubkey_type: c_ushort,
    pub privkey: gcry_sexp_t,
    pub pubkey_data: *mut c_uchar,
    pub pubkey_datalen: usize,
}

/// `OtrlPendingPrivKey`.
#[repr(C)]
#[derive(Debug)]
pub struct OtrlPendingPrivKey {
    pub next: *mut OtrlPendingPrivKey,
    pub tous: *mut *mut OtrlPendingPrivKey,
    pub accountname: *mut c_char,
    pub protocol: *mut c_char,
}

/// `OtrlInsTag`.
#[repr(C)]
#[derive(Debug)]
pub struct OtrlInsTag {
    pub next: *mut OtrlInsTag,
    pub tous: *mut *mut OtrlInsTag,
    pub accountname: *mut c_char,
    pub protocol: *mut c_char,
    pub instag: otrl_instag_t,
}

/// `struct s_OtrlUserState`.
#[repr(C)]
#[derive(Debug)]
pub struct s_OtrlUserState {
    pub context_root: *mut ConnContext,
    pub privkey_root: *mut OtrlPrivKey,
    pub instag_root: *mut OtrlInsTag,
    pub pending_root: *mut OtrlPendingPrivKey,
    pub timer_running: c_int,
}

/// `OtrlTLV`: a type/length/value record in a data message.
#[repr(C)]
#[derive(Debug)]
pub struct OtrlTLV {
    pub type_: c_ushort,
    pub len: c_ushort,
    pub data: *mut c_uchar,
    pub next: *mut OtrlTLV,
}

/// `OtrlMessageAppOps`: the callbacks libotr makes into the application. Every one may be
/// `None` (NULL); libotr checks before calling.
#[repr(C)]
#[derive(Debug, Clone, Copy, Default)]
pub struct OtrlMessageAppOps {
    pub policy:
        Option<unsafe extern "C" fn(opdata: *mut c_void, context: *mut ConnContext) -> OtrlPolicy>,
    pub create_privkey: Option<
        unsafe extern "C" fn(
            opdata: *mut c_void,
            accountname: *const c_char,
            protocol: *const c_char,
        ),
    >,
    pub is_logged_in: Option<
        unsafe extern "C" fn(
            opdata: *mut c_void,
            accountname: *const c_char,
            protocol: *const c_char,
            recipient: *const c_char,
        ) -> c_int,
    >,
    pub inject_message: Option<
        unsafe extern "C" fn(
            opdata: *mut c_void,
            accountname: *const c_char,
            protocol: *const c_char,
            recipient: *const c_char,
            message: *const c_char,
        ),
    >,
    pub update_context_list: Option<unsafe extern "C" fn(opdata: *mut c_void)>,
    pub new_fingerprint: Option<
        unsafe extern "C" fn(
            opdata: *mut c_void,
            us: OtrlUserState,
            accountname: *const c_char,
            protocol: *const c_char,
            username: *const c_char,
            fingerprint: *mut c_uchar,
        ),
    >,
    pub write_fingerprints: Option<unsafe extern "C" fn(opdata: *mut c_void)>,
    pub gone_secure: Option<unsafe extern "C" fn(opdata: *mut c_void, context: *mut ConnContext)>,
    pub gone_insecure: Option<unsafe extern "C" fn(opdata: *mut c_void, context: *mut ConnContext)>,
    pub still_secure: Option<
        unsafe extern "C" fn(opdata: *mut c_void, context: *mut ConnContext, is_reply: c_int),
    >,
    pub max_message_size:
        Option<unsafe extern "C" fn(opdata: *mut c_void, context: *mut ConnContext) -> c_int>,
    pub account_name: Option<
        unsafe extern "C" fn(
            opdata: *mut c_void,
            account: *const c_char,
            protocol: *const c_char,
        ) -> *const c_char,
    >,
    pub account_name_free:
        Option<unsafe extern "C" fn(opdata: *mut c_void, account_name: *const c_char)>,
    pub received_symkey: Option<
        unsafe extern "C" fn(
            opdata: *mut c_void,
            context: *mut ConnContext,
            use_: c_uint,
            usedata: *const c_uchar,
            usedatalen: usize,
            symkey: *const c_uchar,
        ),
    >,
    pub otr_error_message: Option<
        unsafe extern "C" fn(
            opdata: *mut c_void,
            context: *mut ConnContext,
            err_code: OtrlErrorCode,
        ) -> *const c_char,
    >,
    pub otr_error_message_free:
        Option<unsafe extern "C" fn(opdata: *mut c_void, err_msg: *const c_char)>,
    pub resent_msg_prefix: Option<
        unsafe extern "C" fn(opdata: *mut c_void, context: *mut ConnContext) -> *const c_char,
    >,
    pub resent_msg_prefix_free:
        Option<unsafe extern "C" fn(opdata: *mut c_void, prefix: *const c_char)>,
    pub handle_smp_event: Option<
        unsafe extern "C" fn(
            opdata: *mut c_void,
            smp_event: OtrlSMPEvent,
            context: *mut ConnContext,
            progress_percent: c_ushort,
            question: *mut c_char,
        ),
    >,
    pub handle_msg_event: Option<
        unsafe extern "C" fn(
            opdata: *mut c_void,
            msg_event: OtrlMessageEvent,
            context: *mut ConnContext,
            message: *const c_char,
            err: gcry_error_t,
        ),
    >,
    pub create_instag: Option<
        unsafe extern "C" fn(
            opdata: *mut c_void,
            accountname: *const c_char,
            protocol: *const c_char,
        ),
    >,
    pub convert_msg: Option<
        unsafe extern "C" fn(
            opdata: *mut c_void,
            context: *mut ConnContext,
            convert_type: OtrlConvertType,
            dest: *mut *mut c_char,
            src: *const c_char,
        ),
    >,
    pub convert_free: Option<
        unsafe extern "C" fn(opdata: *mut c_void, context: *mut ConnContext, dest: *mut c_char),
    >,
    pub timer_control: Option<unsafe extern "C" fn(opdata: *mut c_void, interval: c_uint)>,
}
