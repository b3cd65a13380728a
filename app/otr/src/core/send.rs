//! Sending: a message the user typed goes through libotr (encrypted, or as plaintext where
//! that is allowed), is held until the conversation is private, or is refused.

use super::{Deferred, Held, OtrCore};
use crate::callbacks::CallFlags;
use crate::events::{NotSentReason, OtrEvent};
use crate::ffi::{c_string_from, string_of};
use crate::types::{PeerId, SessionState};
use libotr_sys::*;
use messenger_protocol::OutgoingId;
use std::os::raw::c_char;
use std::ptr::null_mut;
use std::time::Instant;

impl OtrCore {
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

    /// Hands a message to libotr, which encrypts it (or leaves it alone where plaintext is
    /// allowed) and injects the wire bodies; `was_private` says whether the conversation was
    /// private when the message was taken.
    pub(super) fn send_through_libotr(
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

    /// Sends libotr's query message ("let us talk privately").
    pub(super) fn send_query(&mut self, peer: &PeerId) {
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
}
