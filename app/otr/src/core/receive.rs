//! Receiving: a body from the wire goes through libotr, which decrypts it, answers OTR
//! protocol traffic itself, and says what (if anything) to show.

use super::{Deferred, OtrCore};
use crate::events::{MessageProblem, OtrEvent};
use crate::ffi::{c_string_from, string_of, text};
use crate::types::PeerId;
use libotr_sys::*;
use std::os::raw::c_char;
use std::ptr::null_mut;

impl OtrCore {
    /// Handles a body received from a peer: shown messages come out as `Message` events;
    /// OTR protocol traffic is answered with `Inject` events and never shown.
    pub fn receive(&mut self, peer: &PeerId, body: String) {
        let (Some(names), Some(message)) = (self.names(peer), c_string_from(body)) else {
            self.emit(OtrEvent::ReceiveProblem {
                from: peer.clone(),
                problem: MessageProblem::Malformed,
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
                problem: MessageProblem::UnsupportedVersion,
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
