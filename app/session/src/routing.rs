//! The paths between the protocols and OTR that must not wait for the caller's thread: OTR
//! wire bodies go straight to the protocol task, private bodies straight to OTR. A window
//! that is hidden (and so not drained) must not stall a key exchange or let the peer time
//! out; only what the user sees waits for [`crate::Session::drain`].

use crate::events::{Inbox, Incoming};
use messenger_chat::AccountId;
use messenger_otr::{OtrEngine, OtrEvent, PeerId};
use messenger_protocol::{Command, Conversation, Event, MessageKind, OutgoingId};
use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use tokio::sync::mpsc;

/// Ids of OTR wire bodies live at and above this, apart from the user's message ids.
pub(crate) const INJECT_BASE: u64 = 1 << 62;

/// Shared by the session and its forwarding tasks.
pub(crate) struct Router {
    /// Emptied when the session ends, so the engine stops with it.
    otr: Mutex<Option<Arc<OtrEngine>>>,
    accounts: Mutex<HashMap<messenger_otr::OtrAccount, mpsc::Sender<Command>>>,
    next_wire: AtomicU64,
}

impl Router {
    pub(crate) fn new(otr: Option<Arc<OtrEngine>>) -> Router {
        Router {
            otr: Mutex::new(otr),
            accounts: Mutex::new(HashMap::new()),
            next_wire: AtomicU64::new(INJECT_BASE),
        }
    }

    /// Lets go of the engine and of every account task's commands: the tasks and the
    /// engine end once the session's own handles are dropped too.
    pub(crate) fn shutdown(&self) {
        self.accounts
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clear();
        self.otr
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .take();
    }

    /// Makes `otr_account`'s task reachable for OTR wire bodies.
    pub(crate) fn register(
        &self,
        otr_account: messenger_otr::OtrAccount,
        commands: mpsc::Sender<Command>,
    ) {
        self.accounts
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .insert(otr_account, commands);
    }

    /// Makes `otr_account`'s task unreachable, if `commands` is still the task registered
    /// under that name (another account with the same OTR name may have replaced it).
    pub(crate) fn unregister(
        &self,
        otr_account: &messenger_otr::OtrAccount,
        commands: &mpsc::Sender<Command>,
    ) {
        let mut accounts = self.accounts.lock().unwrap_or_else(PoisonError::into_inner);
        if accounts
            .get(otr_account)
            .is_some_and(|registered| registered.same_channel(commands))
        {
            accounts.remove(otr_account);
        }
    }

    /// Gives one OTR wire body to its protocol task, unchanged. The caller hears of it
    /// (`Injected`) before the protocol can report on it, so its outcome is never orphaned.
    fn inject(&self, inbox: &Inbox, to: PeerId, body: String) -> bool {
        let Some(commands) = self
            .accounts
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .get(&to.account)
            .cloned()
        else {
            return true;
        };
        let wire_id = OutgoingId(self.next_wire.fetch_add(1, Ordering::Relaxed));
        let command = Command::Send {
            to: Conversation::Direct(to.peer.to_string()),
            body,
            kind: MessageKind::Normal,
            id: wire_id,
        };
        if !inbox.send(Incoming::Injected { wire_id, to }) {
            return false;
        }
        match commands.try_send(command) {
            Ok(()) => true,
            Err(_) => inbox.send(Incoming::InjectFailed { wire_id }),
        }
    }

    /// Forwards an account task's event: private bodies to OTR (when it runs), the rest to
    /// the caller. False once the session is gone.
    pub(crate) fn account_event(
        &self,
        inbox: &Inbox,
        account: AccountId,
        otr_account: &messenger_otr::OtrAccount,
        event: Event,
    ) -> bool {
        let otr = self
            .otr
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone();
        match (event, otr) {
            (Event::Message(message), Some(otr))
                if matches!(message.conversation, Conversation::Direct(_)) =>
            {
                if let Conversation::Direct(name) = &message.conversation {
                    // Only what OTR hands back (`OtrEvent::Message`) reaches the model.
                    let _ = otr.receive(
                        PeerId::new(otr_account.clone(), name.as_str()),
                        message.body,
                    );
                }
                true
            }
            (other, _) => inbox.send(Incoming::Account(account, other)),
        }
    }

    /// Forwards an OTR event: wire bodies to the protocol, the rest to the caller.
    pub(crate) fn otr_event(&self, inbox: &Inbox, event: OtrEvent) -> bool {
        match event {
            OtrEvent::Inject { to, body } => self.inject(inbox, to, body),
            other => inbox.send(Incoming::Otr(other)),
        }
    }
}
