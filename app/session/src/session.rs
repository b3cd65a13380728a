//! The session: accounts, the OTR engine and the paths between them and the model.

use crate::accounts::{self, Link};
use crate::error::SessionError;
use crate::events::{Inbox, Incoming};
use crate::policy::OtrPolicy;
use crate::register;
use crate::routing::{INJECT_BASE, Router};
use messenger_chat::{AccountId, ConversationId, Model};
use messenger_net::Network;
use messenger_otr::{Fingerprint, OtrEngine, PeerId};
use messenger_protocol::accounts::AccountConfig;
use messenger_protocol::{Command, Conversation, Event, MessageKind, OutgoingId};
use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;
use std::sync::mpsc::Receiver;

/// Something the caller must act on, returned by [`Session::drain`].
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Outcome {
    /// A throwaway XMPP account was created on its server; its password is saved in it
    /// (`remember_password`). The caller adds it ([`Session::add_account`]) and saves it.
    Registered(AccountConfig),
    /// A throwaway registration failed; why, in words for the user.
    RegistrationFailed(String),
}

/// The running network side of one profile.
pub struct Session {
    pub(crate) runtime: tokio::runtime::Handle,
    pub(crate) network: Network,
    pub(crate) links: Vec<(AccountId, Link)>,
    pub(crate) otr: Option<Arc<OtrEngine>>,
    router: Arc<Router>,
    /// The profile's IRC client certificates: beside the OTR folder.
    certificates_dir: std::path::PathBuf,
    otr_problem: Option<String>,
    policy: OtrPolicy,
    pub(crate) inbox: Inbox,
    incoming: Receiver<Incoming>,
    next_id: u64,
    /// OTR wire bodies in flight: their peer, and the user's message they carry once the
    /// engine said which (`OtrEvent::Sent` follows the message's `Inject`s).
    pub(crate) in_flight: HashMap<OutgoingId, (PeerId, Option<OutgoingId>)>,
    /// The last fingerprint seen per peer (for manual verification).
    pub(crate) fingerprints: HashMap<PeerId, Fingerprint>,
}

impl Session {
    /// Starts the OTR engine (files in `otr_dir`, the profile's `otr/` folder: IRC client
    /// certificates are read from `irc-certificates/` beside it) with `policy`; protocol tasks
    /// will run on
    /// `runtime`. `wake` is called (from other threads) whenever [`Session::drain`] has
    /// something to apply: the GUI passes its repaint request.
    ///
    /// If the OTR engine cannot start (a damaged key file, reported and left untouched), the
    /// session still runs: rooms work, private messages are refused
    /// ([`Session::otr_unavailable`] says why).
    pub fn start(
        runtime: tokio::runtime::Handle,
        network: Network,
        otr_dir: &Path,
        policy: OtrPolicy,
        wake: impl Fn() + Send + Sync + 'static,
    ) -> Session {
        let (tx, incoming) = std::sync::mpsc::channel();
        let inbox = Inbox::new(tx, Arc::new(wake));
        let (otr, events, otr_problem) = match OtrEngine::start(otr_dir, policy.otr_settings(&[])) {
            Ok((engine, events)) => (Some(Arc::new(engine)), Some(events), None),
            Err(error) => (None, None, Some(error.to_string())),
        };
        let router = Arc::new(Router::new(otr.clone()));
        if let Some(mut events) = events {
            let inbox = inbox.clone();
            let router = router.clone();
            runtime.spawn(async move {
                while let Some(event) = events.recv().await {
                    if !router.otr_event(&inbox, event) {
                        return;
                    }
                }
            });
        }
        // The OTR folder is the profile's `otr/`; the certificates live beside it.
        let certificates_dir =
            crate::client_certificates::certificates_dir(otr_dir.parent().unwrap_or(otr_dir));
        Session {
            runtime,
            network,
            links: Vec::new(),
            otr,
            router,
            certificates_dir,
            otr_problem,
            policy,
            inbox,
            incoming,
            next_id: 1,
            in_flight: HashMap::new(),
            fingerprints: HashMap::new(),
        }
    }

    /// Why OTR is not running, if it is not.
    pub fn otr_unavailable(&self) -> Option<&str> {
        self.otr_problem.as_deref()
    }

    /// Adds a saved account to `model` under `label` and starts its task, idle until
    /// [`Command::Connect`]. An XMPP account without a saved password gets no task; Connect
    /// then shows why.
    pub fn add_account(
        &mut self,
        model: &mut Model,
        account: &AccountConfig,
        label: &str,
    ) -> AccountId {
        let id = model.add_account(label, account.protocol);
        let spawner = accounts::Spawner {
            runtime: &self.runtime,
            network: &self.network,
            inbox: &self.inbox,
            router: &self.router,
            certificates_dir: &self.certificates_dir,
        };
        let link = accounts::start(&spawner, id, account, label);
        self.links.push((id, link));
        // Per-contact policy keys name accounts by label: resolve them again.
        self.push_policy();
        id
    }

    /// Removes `account`: from `model` (with its conversations and their messages), and
    /// its protocol task, which ends (an IRC account says QUIT, an XMPP account closes its
    /// stream) once it no longer has a commands channel. With `forget_otr`, its OTR private
    /// key, instance tag and its contacts' fingerprints are deleted from the profile too
    /// (cannot be undone); they are kept if another account uses the same OTR identity.
    pub fn remove_account(
        &mut self,
        model: &mut Model,
        account: AccountId,
        forget_otr: bool,
    ) -> Result<(), SessionError> {
        model.remove_account(account);
        let Some(at) = self.links.iter().position(|(id, _)| *id == account) else {
            return Ok(());
        };
        let (_, link) = self.links.remove(at);
        if let Some(commands) = &link.commands {
            self.router.unregister(&link.otr_account, commands);
        }
        let otr_account = link.otr_account.clone();
        // Dropping the link drops the last commands sender: the task ends now.
        drop(link);
        self.push_policy();
        if self.account_of(&otr_account).is_some() {
            return if forget_otr {
                Err(SessionError::OtrKeyShared)
            } else {
                Ok(())
            };
        }
        self.in_flight
            .retain(|_, (peer, _)| peer.account != otr_account);
        self.fingerprints
            .retain(|peer, _| peer.account != otr_account);
        match (&self.otr, forget_otr) {
            (Some(otr), true) => otr
                .forget_account(otr_account)
                .wait()
                .map_err(SessionError::ForgetOtr),
            // Without a running engine the files are damaged or unreadable: they are not
            // touched (the user was told why OTR is off).
            (None, true) => Err(SessionError::ForgetOtr(
                messenger_otr::OtrError::EngineStopped,
            )),
            (_, false) => Ok(()),
        }
    }

    /// Takes new OTR settings.
    pub fn set_policy(&mut self, policy: OtrPolicy) {
        self.policy = policy;
        self.push_policy();
    }

    fn push_policy(&self) {
        if let Some(otr) = &self.otr {
            let accounts: Vec<(String, messenger_otr::OtrAccount)> = self
                .links
                .iter()
                .map(|(_, l)| (l.label.clone(), l.otr_account.clone()))
                .collect();
            // Fails only when the engine stopped, which sends then report.
            let _ = otr.set_settings(self.policy.otr_settings(&accounts));
        }
    }

    pub(crate) fn link(&self, account: AccountId) -> Option<&Link> {
        self.links
            .iter()
            .find(|(id, _)| *id == account)
            .map(|(_, l)| l)
    }

    /// Sends `command` to `account`'s task. Returns false when the account cannot take it;
    /// a refused Connect also puts the reason on the account in `model`.
    pub fn command(&self, model: &mut Model, account: AccountId, command: Command) -> bool {
        let Some(link) = self.link(account) else {
            return false;
        };
        match &link.commands {
            Some(commands) => commands.try_send(command).is_ok(),
            None => {
                if command == Command::Connect
                    && let Some(reason) = &link.unavailable
                {
                    model.apply(account, Event::Error(reason.clone()), false);
                }
                false
            }
        }
    }

    /// Whether `account` has a running protocol task.
    pub fn is_available(&self, account: AccountId) -> bool {
        self.link(account).is_some_and(|l| l.commands.is_some())
    }

    fn send_command(&self, account: AccountId, command: Command) -> bool {
        self.link(account)
            .and_then(|l| l.commands.as_ref())
            .is_some_and(|c| c.try_send(command).is_ok())
    }

    pub(crate) fn fresh_id(&mut self) -> OutgoingId {
        self.next_id += 1;
        OutgoingId(self.next_id)
    }

    pub(crate) fn peer(&self, account: AccountId, name: &str) -> Option<PeerId> {
        self.link(account)
            .map(|l| PeerId::new(l.otr_account.clone(), name))
    }

    pub(crate) fn account_of(&self, otr_account: &messenger_otr::OtrAccount) -> Option<AccountId> {
        self.links
            .iter()
            .find(|(_, l)| &l.otr_account == otr_account)
            .map(|(id, _)| *id)
    }

    /// Sends what the user typed in `conversation`: rooms directly, private conversations
    /// through OTR. The model records `text` as typed; a message that cannot go is marked
    /// failed. Returns the message's id.
    pub fn send(
        &mut self,
        model: &mut Model,
        conversation: ConversationId,
        text: String,
        kind: MessageKind,
    ) -> Option<OutgoingId> {
        let state = model.conversation(conversation)?;
        let account = state.account;
        let target = state.target.clone();
        let id = self.fresh_id();
        model.record_outgoing(conversation, id, &text, kind);
        let sent = match &target {
            Conversation::Room(_) => self.send_command(
                account,
                Command::Send {
                    to: target.clone(),
                    body: text,
                    kind,
                    id,
                },
            ),
            Conversation::Direct(name) => {
                // The engine decides: encrypt, hold until private, or plaintext if allowed.
                let body = match kind {
                    MessageKind::Action => format!("/me {text}"),
                    _ => text,
                };
                match (
                    self.peer(account, name),
                    &self.otr,
                    self.is_available(account),
                ) {
                    (Some(peer), Some(otr), true) => otr.send(peer, id, body).is_ok(),
                    // Without OTR nothing private is sent at all (privacy invariant 5).
                    _ => false,
                }
            }
        };
        if !sent {
            model.apply(account, failed(id, String::new()), false);
        }
        Some(id)
    }

    /// Creates a throwaway XMPP account on `server` (in-band registration through tor) with
    /// a random name and password. The result arrives from [`Session::drain`] as an
    /// [`Outcome`].
    pub fn register_throwaway(&self, server: &str, port: u16) {
        match register::throwaway_account(server, port) {
            Ok(account) => register::spawn(self, account),
            Err(reason) => {
                self.inbox.send(Incoming::Registered(Err(reason)));
            }
        }
    }

    /// Applies everything that arrived since the last call to `model`; returns what the
    /// caller must act on.
    pub fn drain(&mut self, model: &mut Model) -> Vec<Outcome> {
        let mut outcomes = Vec::new();
        while let Ok(incoming) = self.incoming.try_recv() {
            match incoming {
                Incoming::Account(account, event) => self.account_event(model, account, event),
                Incoming::Otr(event) => self.otr_event(model, event),
                Incoming::Injected { wire_id, to } => {
                    self.in_flight.insert(wire_id, (to, None));
                }
                Incoming::InjectFailed { wire_id } => {
                    self.wire_failed(model, wire_id, String::new())
                }
                Incoming::Registered(Ok(account)) => outcomes.push(Outcome::Registered(account)),
                Incoming::Registered(Err(reason)) => {
                    outcomes.push(Outcome::RegistrationFailed(reason))
                }
            }
        }
        outcomes
    }

    fn account_event(&mut self, model: &mut Model, account: AccountId, event: Event) {
        match event {
            // Private bodies reach here only when OTR is not running (else they went to
            // OTR): shown only if they are not OTR data.
            Event::Message(message)
                if matches!(message.conversation, Conversation::Direct(_))
                    && message.body.starts_with("?OTR") => {}
            Event::Message(message) => model.apply(account, Event::Message(message), false),
            Event::Sent { id } if id.0 >= INJECT_BASE => {
                self.in_flight.remove(&id);
            }
            Event::SendFailed { id, reason } if id.0 >= INJECT_BASE => {
                self.wire_failed(model, id, reason)
            }
            other => model.apply(account, other, false),
        }
    }
}

impl Session {
    /// A wire body did not go out: the user's message it carried (if known yet) failed.
    fn wire_failed(&mut self, model: &mut Model, wire_id: OutgoingId, reason: String) {
        if let Some((peer, Some(user_id))) = self.in_flight.remove(&wire_id)
            && let Some(account) = self.account_of(&peer.account)
        {
            model.apply(account, failed(user_id, reason), false);
        }
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        // The forwarding tasks hold the router: empty it so the account tasks (their commands
        // channels closed) and the OTR engine end now, not at their next event.
        self.links.clear();
        self.router.shutdown();
    }
}

pub(crate) fn failed(id: OutgoingId, reason: String) -> Event {
    Event::SendFailed { id, reason }
}
