//! Struct sizes, alignments and field offsets of the hand-written bindings, checked
//! against the C compiler reading the installed libotr headers (the `layout-probe` helper).

use layout_probe::c_layout;
use libotr_sys::*;
use std::mem::{align_of, offset_of, size_of};

fn check(key: &str, rust: usize, failures: &mut Vec<String>) {
    match c_layout(key) {
        Some(c) if c == rust => {}
        Some(c) => failures.push(format!("{key}: C says {c}, Rust says {rust}")),
        None => failures.push(format!("{key}: unknown to the C probe")),
    }
}

#[test]
fn layout_of_conncontext() {
    let mut failures = Vec::new();
    check(
        "sizeof ConnContext",
        size_of::<ConnContext>(),
        &mut failures,
    );
    check(
        "alignof ConnContext",
        align_of::<ConnContext>(),
        &mut failures,
    );
    check(
        "offsetof ConnContext.next",
        offset_of!(ConnContext, next),
        &mut failures,
    );
    check(
        "offsetof ConnContext.tous",
        offset_of!(ConnContext, tous),
        &mut failures,
    );
    check(
        "offsetof ConnContext.context_priv",
        offset_of!(ConnContext, context_priv),
        &mut failures,
    );
    check(
        "offsetof ConnContext.username",
        offset_of!(ConnContext, username),
        &mut failures,
    );
    check(
        "offsetof ConnContext.accountname",
        offset_of!(ConnContext, accountname),
        &mut failures,
    );
    check(
        "offsetof ConnContext.protocol",
        offset_of!(ConnContext, protocol),
        &mut failures,
    );
    check(
        "offsetof ConnContext.m_context",
        offset_of!(ConnContext, m_context),
        &mut failures,
    );
    check(
        "offsetof ConnContext.recent_rcvd_child",
        offset_of!(ConnContext, recent_rcvd_child),
        &mut failures,
    );
    check(
        "offsetof ConnContext.recent_sent_child",
        offset_of!(ConnContext, recent_sent_child),
        &mut failures,
    );
    check(
        "offsetof ConnContext.recent_child",
        offset_of!(ConnContext, recent_child),
        &mut failures,
    );
    check(
        "offsetof ConnContext.our_instance",
        offset_of!(ConnContext, our_instance),
        &mut failures,
    );
    check(
        "offsetof ConnContext.their_instance",
        offset_of!(ConnContext, their_instance),
        &mut failures,
    );
    check(
        "offsetof ConnContext.msgstate",
        offset_of!(ConnContext, msgstate),
        &mut failures,
    );
    check(
        "offsetof ConnContext.auth",
        offset_of!(ConnContext, auth),
        &mut failures,
    );
    check(
        "offsetof ConnContext.fingerprint_root",
        offset_of!(ConnContext, fingerprint_root),
        &mut failures,
    );
    check(
        "offsetof ConnContext.active_fingerprint",
        offset_of!(ConnContext, active_fingerprint),
        &mut failures,
    );
    check(
        "offsetof ConnContext.sessionid",
        offset_of!(ConnContext, sessionid),
        &mut failures,
    );
    check(
        "offsetof ConnContext.sessionid_len",
        offset_of!(ConnContext, sessionid_len),
        &mut failures,
    );
    check(
        "offsetof ConnContext.sessionid_half",
        offset_of!(ConnContext, sessionid_half),
        &mut failures,
    );
    check(
        "offsetof ConnContext.protocol_version",
        offset_of!(ConnContext, protocol_version),
        &mut failures,
    );
    check(
        "offsetof ConnContext.otr_offer",
        offset_of!(ConnContext, otr_offer),
        &mut failures,
    );
    check(
        "offsetof ConnContext.app_data",
        offset_of!(ConnContext, app_data),
        &mut failures,
    );
    check(
        "offsetof ConnContext.app_data_free",
        offset_of!(ConnContext, app_data_free),
        &mut failures,
    );
    check(
        "offsetof ConnContext.smstate",
        offset_of!(ConnContext, smstate),
        &mut failures,
    );
    assert!(failures.is_empty(), "layout mismatches: {failures:#?}");
}

#[test]
fn layout_of_otrlmessageappops() {
    let mut failures = Vec::new();
    check(
        "sizeof OtrlMessageAppOps",
        size_of::<OtrlMessageAppOps>(),
        &mut failures,
    );
    check(
        "alignof OtrlMessageAppOps",
        align_of::<OtrlMessageAppOps>(),
        &mut failures,
    );
    check(
        "offsetof OtrlMessageAppOps.policy",
        offset_of!(OtrlMessageAppOps, policy),
        &mut failures,
    );
    check(
        "offsetof OtrlMessageAppOps.create_privkey",
        offset_of!(OtrlMessageAppOps, create_privkey),
        &mut failures,
    );
    check(
        "offsetof OtrlMessageAppOps.is_logged_in",
        offset_of!(OtrlMessageAppOps, is_logged_in),
        &mut failures,
    );
    check(
        "offsetof OtrlMessageAppOps.inject_message",
        offset_of!(OtrlMessageAppOps, inject_message),
        &mut failures,
    );
    check(
        "offsetof OtrlMessageAppOps.update_context_list",
        offset_of!(OtrlMessageAppOps, update_context_list),
        &mut failures,
    );
    check(
        "offsetof OtrlMessageAppOps.new_fingerprint",
        offset_of!(OtrlMessageAppOps, new_fingerprint),
        &mut failures,
    );
    check(
        "offsetof OtrlMessageAppOps.write_fingerprints",
        offset_of!(OtrlMessageAppOps, write_fingerprints),
        &mut failures,
    );
    check(
        "offsetof OtrlMessageAppOps.gone_secure",
        offset_of!(OtrlMessageAppOps, gone_secure),
        &mut failures,
    );
    check(
        "offsetof OtrlMessageAppOps.gone_insecure",
        offset_of!(OtrlMessageAppOps, gone_insecure),
        &mut failures,
    );
    check(
        "offsetof OtrlMessageAppOps.still_secure",
        offset_of!(OtrlMessageAppOps, still_secure),
        &mut failures,
    );
    check(
        "offsetof OtrlMessageAppOps.max_message_size",
        offset_of!(OtrlMessageAppOps, max_message_size),
        &mut failures,
    );
    check(
        "offsetof OtrlMessageAppOps.account_name",
        offset_of!(OtrlMessageAppOps, account_name),
        &mut failures,
    );
    check(
        "offsetof OtrlMessageAppOps.account_name_free",
        offset_of!(OtrlMessageAppOps, account_name_free),
        &mut failures,
    );
    check(
        "offsetof OtrlMessageAppOps.received_symkey",
        offset_of!(OtrlMessageAppOps, received_symkey),
        &mut failures,
    );
    check(
        "offsetof OtrlMessageAppOps.otr_error_message",
        offset_of!(OtrlMessageAppOps, otr_error_message),
        &mut failures,
    );
    check(
        "offsetof OtrlMessageAppOps.otr_error_message_free",
        offset_of!(OtrlMessageAppOps, otr_error_message_free),
        &mut failures,
    );
    check(
        "offsetof OtrlMessageAppOps.resent_msg_prefix",
        offset_of!(OtrlMessageAppOps, resent_msg_prefix),
        &mut failures,
    );
    check(
        "offsetof OtrlMessageAppOps.resent_msg_prefix_free",
        offset_of!(OtrlMessageAppOps, resent_msg_prefix_free),
        &mut failures,
    );
    check(
        "offsetof OtrlMessageAppOps.handle_smp_event",
        offset_of!(OtrlMessageAppOps, handle_smp_event),
        &mut failures,
    );
    check(
        "offsetof OtrlMessageAppOps.handle_msg_event",
        offset_of!(OtrlMessageAppOps, handle_msg_event),
        &mut failures,
    );
    check(
        "offsetof OtrlMessageAppOps.create_instag",
        offset_of!(OtrlMessageAppOps, create_instag),
        &mut failures,
    );
    check(
        "offsetof OtrlMessageAppOps.convert_msg",
        offset_of!(OtrlMessageAppOps, convert_msg),
        &mut failures,
    );
    check(
        "offsetof OtrlMessageAppOps.convert_free",
        offset_of!(OtrlMessageAppOps, convert_free),
        &mut failures,
    );
    check(
        "offsetof OtrlMessageAppOps.timer_control",
        offset_of!(OtrlMessageAppOps, timer_control),
        &mut failures,
    );
    assert!(failures.is_empty(), "layout mismatches: {failures:#?}");
}

#[test]
fn layout_of_fingerprint() {
    let mut failures = Vec::new();
    check(
        "sizeof Fingerprint",
        size_of::<Fingerprint>(),
        &mut failures,
    );
    check(
        "alignof Fingerprint",
        align_of::<Fingerprint>(),
        &mut failures,
    );
    check(
        "offsetof Fingerprint.next",
        offset_of!(Fingerprint, next),
        &mut failures,
    );
    check(
        "offsetof Fingerprint.tous",
        offset_of!(Fingerprint, tous),
        &mut failures,
    );
    check(
        "offsetof Fingerprint.fingerprint",
        offset_of!(Fingerprint, fingerprint),
        &mut failures,
    );
    check(
        "offsetof Fingerprint.context",
        offset_of!(Fingerprint, context),
        &mut failures,
    );
    check(
        "offsetof Fingerprint.trust",
        offset_of!(Fingerprint, trust),
        &mut failures,
    );
    assert!(failures.is_empty(), "layout mismatches: {failures:#?}");
}

#[test]
fn layout_of_otrltlv() {
    let mut failures = Vec::new();
    check("sizeof OtrlTLV", size_of::<OtrlTLV>(), &mut failures);
    check("alignof OtrlTLV", align_of::<OtrlTLV>(), &mut failures);
    check(
        "offsetof OtrlTLV.type",
        offset_of!(OtrlTLV, type_),
        &mut failures,
    );
    check(
        "offsetof OtrlTLV.len",
        offset_of!(OtrlTLV, len),
        &mut failures,
    );
    check(
        "offsetof OtrlTLV.data",
        offset_of!(OtrlTLV, data),
        &mut failures,
    );
    check(
        "offsetof OtrlTLV.next",
        offset_of!(OtrlTLV, next),
        &mut failures,
    );
    assert!(failures.is_empty(), "layout mismatches: {failures:#?}");
}

#[test]
fn layout_of_otrlsmstate() {
    let mut failures = Vec::new();
    check(
        "sizeof OtrlSMState",
        size_of::<OtrlSMState>(),
        &mut failures,
    );
    check(
        "alignof OtrlSMState",
        align_of::<OtrlSMState>(),
        &mut failures,
    );
    check(
        "offsetof OtrlSMState.secret",
        offset_of!(OtrlSMState, secret),
        &mut failures,
    );
    check(
        "offsetof OtrlSMState.x2",
        offset_of!(OtrlSMState, x2),
        &mut failures,
    );
    check(
        "offsetof OtrlSMState.x3",
        offset_of!(OtrlSMState, x3),
        &mut failures,
    );
    check(
        "offsetof OtrlSMState.g1",
        offset_of!(OtrlSMState, g1),
        &mut failures,
    );
    check(
        "offsetof OtrlSMState.g2",
        offset_of!(OtrlSMState, g2),
        &mut failures,
    );
    check(
        "offsetof OtrlSMState.g3",
        offset_of!(OtrlSMState, g3),
        &mut failures,
    );
    check(
        "offsetof OtrlSMState.g3o",
        offset_of!(OtrlSMState, g3o),
        &mut failures,
    );
    check(
        "offsetof OtrlSMState.p",
        offset_of!(OtrlSMState, p),
        &mut failures,
    );
    check(
        "offsetof OtrlSMState.q",
        offset_of!(OtrlSMState, q),
        &mut failures,
    );
    check(
        "offsetof OtrlSMState.pab",
        offset_of!(OtrlSMState, pab),
        &mut failures,
    );
    check(
        "offsetof OtrlSMState.qab",
        offset_of!(OtrlSMState, qab),
        &mut failures,
    );
    check(
        "offsetof OtrlSMState.nextExpected",
        offset_of!(OtrlSMState, nextExpected),
        &mut failures,
    );
    check(
        "offsetof OtrlSMState.received_question",
        offset_of!(OtrlSMState, received_question),
        &mut failures,
    );
    check(
        "offsetof OtrlSMState.sm_prog_state",
        offset_of!(OtrlSMState, sm_prog_state),
        &mut failures,
    );
    assert!(failures.is_empty(), "layout mismatches: {failures:#?}");
}

#[test]
fn layout_of_otrlauthinfo() {
    let mut failures = Vec::new();
    check(
        "sizeof OtrlAuthInfo",
        size_of::<OtrlAuthInfo>(),
        &mut failures,
    );
    check(
        "alignof OtrlAuthInfo",
        align_of::<OtrlAuthInfo>(),
        &mut failures,
    );
    check(
        "offsetof OtrlAuthInfo.authstate",
        offset_of!(OtrlAuthInfo, authstate),
        &mut failures,
    );
    check(
        "offsetof OtrlAuthInfo.context",
        offset_of!(OtrlAuthInfo, context),
        &mut failures,
    );
    check(
        "offsetof OtrlAuthInfo.our_dh",
        offset_of!(OtrlAuthInfo, our_dh),
        &mut failures,
    );
    check(
        "offsetof OtrlAuthInfo.our_keyid",
        offset_of!(OtrlAuthInfo, our_keyid),
        &mut failures,
    );
    check(
        "offsetof OtrlAuthInfo.encgx",
        offset_of!(OtrlAuthInfo, encgx),
        &mut failures,
    );
    check(
        "offsetof OtrlAuthInfo.encgx_len",
        offset_of!(OtrlAuthInfo, encgx_len),
        &mut failures,
    );
    check(
        "offsetof OtrlAuthInfo.r",
        offset_of!(OtrlAuthInfo, r),
        &mut failures,
    );
    check(
        "offsetof OtrlAuthInfo.hashgx",
        offset_of!(OtrlAuthInfo, hashgx),
        &mut failures,
    );
    check(
        "offsetof OtrlAuthInfo.their_pub",
        offset_of!(OtrlAuthInfo, their_pub),
        &mut failures,
    );
    check(
        "offsetof OtrlAuthInfo.their_keyid",
        offset_of!(OtrlAuthInfo, their_keyid),
        &mut failures,
    );
    check(
        "offsetof OtrlAuthInfo.enc_c",
        offset_of!(OtrlAuthInfo, enc_c),
        &mut failures,
    );
    check(
        "offsetof OtrlAuthInfo.enc_cp",
        offset_of!(OtrlAuthInfo, enc_cp),
        &mut failures,
    );
    check(
        "offsetof OtrlAuthInfo.mac_m1",
        offset_of!(OtrlAuthInfo, mac_m1),
        &mut failures,
    );
    check(
        "offsetof OtrlAuthInfo.mac_m1p",
        offset_of!(OtrlAuthInfo, mac_m1p),
        &mut failures,
    );
    check(
        "offsetof OtrlAuthInfo.mac_m2",
        offset_of!(OtrlAuthInfo, mac_m2),
        &mut failures,
    );
    check(
        "offsetof OtrlAuthInfo.mac_m2p",
        offset_of!(OtrlAuthInfo, mac_m2p),
        &mut failures,
    );
    check(
        "offsetof OtrlAuthInfo.their_fingerprint",
        offset_of!(OtrlAuthInfo, their_fingerprint),
        &mut failures,
    );
    check(
        "offsetof OtrlAuthInfo.initiated",
        offset_of!(OtrlAuthInfo, initiated),
        &mut failures,
    );
    check(
        "offsetof OtrlAuthInfo.protocol_version",
        offset_of!(OtrlAuthInfo, protocol_version),
        &mut failures,
    );
    check(
        "offsetof OtrlAuthInfo.secure_session_id",
        offset_of!(OtrlAuthInfo, secure_session_id),
        &mut failures,
    );
    check(
        "offsetof OtrlAuthInfo.secure_session_id_len",
        offset_of!(OtrlAuthInfo, secure_session_id_len),
        &mut failures,
    );
    check(
        "offsetof OtrlAuthInfo.session_id_half",
        offset_of!(OtrlAuthInfo, session_id_half),
        &mut failures,
    );
    check(
        "offsetof OtrlAuthInfo.lastauthmsg",
        offset_of!(OtrlAuthInfo, lastauthmsg),
        &mut failures,
    );
    check(
        "offsetof OtrlAuthInfo.commit_sent_time",
        offset_of!(OtrlAuthInfo, commit_sent_time),
        &mut failures,
    );
    assert!(failures.is_empty(), "layout mismatches: {failures:#?}");
}

#[test]
fn layout_of_dh_keypair() {
    let mut failures = Vec::new();
    check("sizeof DH_keypair", size_of::<DH_keypair>(), &mut failures);
    check(
        "alignof DH_keypair",
        align_of::<DH_keypair>(),
        &mut failures,
    );
    check(
        "offsetof DH_keypair.groupid",
        offset_of!(DH_keypair, groupid),
        &mut failures,
    );
    check(
        "offsetof DH_keypair.priv",
        offset_of!(DH_keypair, priv_),
        &mut failures,
    );
    check(
        "offsetof DH_keypair.pub",
        offset_of!(DH_keypair, pub_),
        &mut failures,
    );
    assert!(failures.is_empty(), "layout mismatches: {failures:#?}");
}

#[test]
fn layout_of_dh_sesskeys() {
    let mut failures = Vec::new();
    check(
        "sizeof DH_sesskeys",
        size_of::<DH_sesskeys>(),
        &mut failures,
    );
    check(
        "alignof DH_sesskeys",
        align_of::<DH_sesskeys>(),
        &mut failures,
    );
    check(
        "offsetof DH_sesskeys.sendctr",
        offset_of!(DH_sesskeys, sendctr),
        &mut failures,
    );
    check(
        "offsetof DH_sesskeys.rcvctr",
        offset_of!(DH_sesskeys, rcvctr),
        &mut failures,
    );
    check(
        "offsetof DH_sesskeys.sendenc",
        offset_of!(DH_sesskeys, sendenc),
        &mut failures,
    );
    check(
        "offsetof DH_sesskeys.rcvenc",
        offset_of!(DH_sesskeys, rcvenc),
        &mut failures,
    );
    check(
        "offsetof DH_sesskeys.sendmac",
        offset_of!(DH_sesskeys, sendmac),
        &mut failures,
    );
    check(
        "offsetof DH_sesskeys.sendmackey",
        offset_of!(DH_sesskeys, sendmackey),
        &mut failures,
    );
    check(
        "offsetof DH_sesskeys.sendmacused",
        offset_of!(DH_sesskeys, sendmacused),
        &mut failures,
    );
    check(
        "offsetof DH_sesskeys.rcvmac",
        offset_of!(DH_sesskeys, rcvmac),
        &mut failures,
    );
    check(
        "offsetof DH_sesskeys.rcvmackey",
        offset_of!(DH_sesskeys, rcvmackey),
        &mut failures,
    );
    check(
        "offsetof DH_sesskeys.rcvmacused",
        offset_of!(DH_sesskeys, rcvmacused),
        &mut failures,
    );
    check(
        "offsetof DH_sesskeys.extrakey",
        offset_of!(DH_sesskeys, extrakey),
        &mut failures,
    );
    assert!(failures.is_empty(), "layout mismatches: {failures:#?}");
}

#[test]
fn layout_of_otrlprivkey() {
    let mut failures = Vec::new();
    check(
        "sizeof OtrlPrivKey",
        size_of::<OtrlPrivKey>(),
        &mut failures,
    );
    check(
        "alignof OtrlPrivKey",
        align_of::<OtrlPrivKey>(),
        &mut failures,
    );
    check(
        "offsetof OtrlPrivKey.next",
        offset_of!(OtrlPrivKey, next),
        &mut failures,
    );
    check(
        "offsetof OtrlPrivKey.tous",
        offset_of!(OtrlPrivKey, tous),
        &mut failures,
    );
    check(
        "offsetof OtrlPrivKey.accountname",
        offset_of!(OtrlPrivKey, accountname),
        &mut failures,
    );
    check(
        "offsetof OtrlPrivKey.protocol",
        offset_of!(OtrlPrivKey, protocol),
        &mut failures,
    );
    check(
        "offsetof OtrlPrivKey.pubkey_type",
        offset_of!(OtrlPrivKey, pubkey_type),
        &mut failures,
    );
    check(
        "offsetof OtrlPrivKey.privkey",
        offset_of!(OtrlPrivKey, privkey),
        &mut failures,
    );
    check(
        "offsetof OtrlPrivKey.pubkey_data",
        offset_of!(OtrlPrivKey, pubkey_data),
        &mut failures,
    );
    check(
        "offsetof OtrlPrivKey.pubkey_datalen",
        offset_of!(OtrlPrivKey, pubkey_datalen),
        &mut failures,
    );
    assert!(failures.is_empty(), "layout mismatches: {failures:#?}");
}

#[test]
fn layout_of_otrlinstag() {
    let mut failures = Vec::new();
    check("sizeof OtrlInsTag", size_of::<OtrlInsTag>(), &mut failures);
    check(
        "alignof OtrlInsTag",
        align_of::<OtrlInsTag>(),
        &mut failures,
    );
    check(
        "offsetof OtrlInsTag.next",
        offset_of!(OtrlInsTag, next),
        &mut failures,
    );
    check(
        "offsetof OtrlInsTag.tous",
        offset_of!(OtrlInsTag, tous),
        &mut failures,
    );
    check(
        "offsetof OtrlInsTag.accountname",
        offset_of!(OtrlInsTag, accountname),
        &mut failures,
    );
    check(
        "offsetof OtrlInsTag.protocol",
        offset_of!(OtrlInsTag, protocol),
        &mut failures,
    );
    check(
        "offsetof OtrlInsTag.instag",
        offset_of!(OtrlInsTag, instag),
        &mut failures,
    );
    assert!(failures.is_empty(), "layout mismatches: {failures:#?}");
}

#[test]
fn layout_of_otrlpendingprivkey() {
    let mut failures = Vec::new();
    check(
        "sizeof OtrlPendingPrivKey",
        size_of::<OtrlPendingPrivKey>(),
        &mut failures,
    );
    check(
        "alignof OtrlPendingPrivKey",
        align_of::<OtrlPendingPrivKey>(),
        &mut failures,
    );
    check(
        "offsetof OtrlPendingPrivKey.next",
        offset_of!(OtrlPendingPrivKey, next),
        &mut failures,
    );
    check(
        "offsetof OtrlPendingPrivKey.tous",
        offset_of!(OtrlPendingPrivKey, tous),
        &mut failures,
    );
    check(
        "offsetof OtrlPendingPrivKey.accountname",
        offset_of!(OtrlPendingPrivKey, accountname),
        &mut failures,
    );
    check(
        "offsetof OtrlPendingPrivKey.protocol",
        offset_of!(OtrlPendingPrivKey, protocol),
        &mut failures,
    );
    assert!(failures.is_empty(), "layout mismatches: {failures:#?}");
}

#[test]
fn layout_of_s_otrluserstate() {
    let mut failures = Vec::new();
    check(
        "sizeof s_OtrlUserState",
        size_of::<s_OtrlUserState>(),
        &mut failures,
    );
    check(
        "alignof s_OtrlUserState",
        align_of::<s_OtrlUserState>(),
        &mut failures,
    );
    check(
        "offsetof s_OtrlUserState.context_root",
        offset_of!(s_OtrlUserState, context_root),
        &mut failures,
    );
    check(
        "offsetof s_OtrlUserState.privkey_root",
        offset_of!(s_OtrlUserState, privkey_root),
        &mut failures,
    );
    check(
        "offsetof s_OtrlUserState.instag_root",
        offset_of!(s_OtrlUserState, instag_root),
        &mut failures,
    );
    check(
        "offsetof s_OtrlUserState.pending_root",
        offset_of!(s_OtrlUserState, pending_root),
        &mut failures,
    );
    check(
        "offsetof s_OtrlUserState.timer_running",
        offset_of!(s_OtrlUserState, timer_running),
        &mut failures,
    );
    assert!(failures.is_empty(), "layout mismatches: {failures:#?}");
}
