//! The private conversation with a peer: starting and ending it, its state, and reporting
//! each change of state (which also releases the messages held until it is private).

use super::trust::fingerprint_of;
use super::{Deferred, OtrCore, PeerSlot};
use crate::events::{NotSentReason, OtrEvent};
use crate::types::{Fingerprint, PeerId, SessionState, Trust};
use libotr_sys::*;

impl OtrCore {
    /// The state of the conversation with a peer.
    pub fn session_state(&self, peer: &PeerId) -> SessionState {
        match self.names(peer) {
            Some(slot) => self.session_state_of(&slot),
            None => SessionState::Plaintext,
        }
    }

    /// The state of the conversation of a peer already looked up.
    pub(super) fn session_state_of(&self, slot: &PeerSlot) -> SessionState {
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
    pub(super) fn check_session(&mut self, peer: &PeerId) {
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
}
