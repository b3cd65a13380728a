//! What arrives from below (account tasks, the OTR engine, registrations) on one channel,
//! with the caller's wake-up closure called after each.

use messenger_chat::AccountId;
use messenger_otr::{OtrEvent, PeerId};
use messenger_protocol::accounts::AccountConfig;
use messenger_protocol::{Event, OutgoingId};
use std::sync::Arc;
use std::sync::mpsc::Sender;

/// Something that happened below the caller.
pub(crate) enum Incoming {
    /// An event of an account task.
    Account(AccountId, Event),
    /// An event of the OTR engine (never `Inject`: those go straight to the protocol).
    Otr(OtrEvent),
    /// An OTR wire body was handed to the protocol under `wire_id`.
    Injected {
        /// Its id in `Command::Send`.
        wire_id: OutgoingId,
        /// The peer it goes to.
        to: PeerId,
    },
    /// The protocol task could not take that wire body (it stopped or is flooded).
    InjectFailed {
        /// Its id.
        wire_id: OutgoingId,
    },
    /// A throwaway registration ended: the new account, or why not (in words).
    Registered(Result<AccountConfig, String>),
}

/// The sending side: a channel plus the wake-up closure.
#[derive(Clone)]
pub(crate) struct Inbox {
    tx: Sender<Incoming>,
    wake: Arc<dyn Fn() + Send + Sync>,
}

impl Inbox {
    pub(crate) fn new(tx: Sender<Incoming>, wake: Arc<dyn Fn() + Send + Sync>) -> Inbox {
        Inbox { tx, wake }
    }

    /// Queues `incoming` and wakes the caller; false once the session is gone.
    pub(crate) fn send(&self, incoming: Incoming) -> bool {
        if self.tx.send(incoming).is_err() {
            return false;
        }
        (self.wake)();
        true
    }
}
