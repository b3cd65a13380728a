//! Finding a peer: the C names libotr needs for it (made once and cached, since every
//! message needs them) and its contexts (libotr's per-conversation state).

use super::{OtrCore, PeerSlot};
use crate::types::PeerId;
use libotr_sys::*;
use std::ptr::null_mut;
use std::rc::Rc;

impl OtrCore {
    /// The slot of a peer, made once; `None` if a name contains NUL.
    pub(super) fn names(&self, peer: &PeerId) -> Option<Rc<PeerSlot>> {
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

    /// The best (most secure) context of a peer, if any.
    pub(super) fn best_context(&self, peer: &PeerId) -> *mut ConnContext {
        match self.names(peer) {
            Some(slot) => self.context_of(&slot, OTRL_INSTAG_BEST),
            None => null_mut(),
        }
    }

    /// The master context of a peer (the one holding its fingerprints), if any.
    pub(super) fn master_context(&self, peer: &PeerId) -> *mut ConnContext {
        match self.names(peer) {
            Some(slot) => self.context_of(&slot, OTRL_INSTAG_MASTER),
            None => null_mut(),
        }
    }

    /// A peer's context for an instance (or BEST / MASTER), if any.
    pub(super) fn context_of(&self, slot: &PeerSlot, instance: otrl_instag_t) -> *mut ConnContext {
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
}
