//! Connects the window to the protocol crates and to OTR.
//!
//! Data paths (DESIGN.md section 1): a private message the user types goes to the OTR engine
//! first, and only the bodies OTR hands back (`Inject`) reach the protocol; a private body
//! that arrives goes to OTR before the model, which shows only what OTR returns. Room
//! messages are never private and bypass OTR. The model records the text the user typed,
//! never ciphertext. Protocol tasks run on one tokio thread; OTR runs on its own thread.

use anyhow::{Context, Result};
use messenger_chat::{AccountId, ConversationId, Model, OtrProgress, OtrStatus};
use messenger_irc::{IrcAccountConfig, IrcNetwork};
use messenger_net::{TlsTrust, TorSocks};
use messenger_otr::{
    Fingerprint, OtrEngine, OtrEvent, OtrSettings, PeerId, SessionState, SmpEvent, Trust,
};
use messenger_protocol::accounts::AccountConfig as SavedAccount;
use messenger_protocol::{Command, Conversation, Event, MessageKind, OutgoingId, ProtocolKind};
use messenger_ui::{OtrRequest, Settings};
use std::collections::HashMap;
use std::path::Path;
use std::sync::mpsc::{Receiver, Sender};
use tokio::sync::mpsc as tokio_mpsc;

/// Something that happened below the window.
pub enum Incoming {
    /// An event of an account task.
    Account(AccountId, Event),
    /// An event of the OTR engine.
    Otr(OtrEvent),
}

/// One account's link to its task.
struct Link {
    commands: Option<tokio_mpsc::Sender<Command>>,
    otr_account: messenger_otr::AccountId,
    label: String,
}

/// The running network side.
pub struct Network {
    runtime: tokio::runtime::Handle,
    irc: IrcNetwork,
    links: Vec<Link>,
    otr: Option<OtrEngine>,
    incoming_tx: Sender<Incoming>,
    incoming: Receiver<Incoming>,
    wake: std::sync::Arc<dyn Fn() + Send + Sync>,
    next_id: u64,
    /// Wire ids of OTR bodies → the id of the message the user typed.
    injected: HashMap<OutgoingId, OutgoingId>,
    fingerprints: HashMap<PeerId, Fingerprint>,
}

/// Ids of OTR wire bodies live above this, apart from the user's message ids.
const INJECT_BASE: u64 = 1 << 62;

impl Network {
    /// Starts the tokio thread and the OTR engine (files in `profile_dir/otr`).
    pub fn start(
        socks_port: u16,
        certs_dir: &Path,
        profile_dir: &Path,
        settings: &Settings,
        wake: impl Fn() + Send + Sync + 'static,
    ) -> Result<Network> {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .context("cannot start the network thread")?;
        let handle = runtime.handle().clone();
        std::thread::Builder::new()
            .name("network".into())
            .spawn(move || runtime.block_on(std::future::pending::<()>()))
            .context("cannot start the network thread")?;
        let trust = if certs_dir.is_dir() {
            TlsTrust::load(certs_dir).context("the bundle's certificates folder is damaged")?
        } else {
            TlsTrust::public_roots().context("cannot load the public certificate roots")?
        };
        let (incoming_tx, incoming) = std::sync::mpsc::channel();
        let wake: std::sync::Arc<dyn Fn() + Send + Sync> = std::sync::Arc::new(wake);
        let otr = match OtrEngine::start(profile_dir.join("otr"), otr_settings(settings, &[])) {
            Ok((engine, mut events)) => {
                let tx = incoming_tx.clone();
                let wake = wake.clone();
                handle.spawn(async move {
                    while let Some(event) = events.recv().await {
                        if tx.send(Incoming::Otr(event)).is_err() {
                            return;
                        }
                        wake();
                    }
                });
                Some(engine)
            }
            Err(error) => {
                eprintln!("tor-messenger: OTR is unavailable: {error}");
                None
            }
        };
        Ok(Network {
            runtime: handle,
            irc: IrcNetwork {
                socks: TorSocks::localhost(socks_port),
                trust,
            },
            links: Vec::new(),
            otr,
            incoming_tx,
            incoming,
            wake,
            next_id: 1,
            injected: HashMap::new(),
            fingerprints: HashMap::new(),
        })
    }

    /// Starts the task of a saved account (idle until Connect). Its model id is the next one.
    pub fn add_account(&mut self, account: &SavedAccount, label: &str) {
        let id = AccountId(self.links.len());
        let otr_account = messenger_otr::AccountId::new(
            match account.protocol {
                ProtocolKind::Irc => format!("{}@{}", account.user, account.server),
                ProtocolKind::Xmpp => account.user.clone(),
            },
            account.protocol,
        );
        let commands = match account.protocol {
            ProtocolKind::Irc => {
                let mut config = IrcAccountConfig::new(
                    &account.server,
                    account.port,
                    &account.user,
                    account.isolation(),
                );
                config.transport = account.transport;
                config.password = account.password.clone().map(messenger_net::Sensitive::new);
                config.rooms = account.rooms.clone();
                let _guard = self.runtime.enter();
                let mut handle = messenger_irc::spawn_account(config, self.irc.clone());
                let tx = self.incoming_tx.clone();
                let wake = self.wake.clone();
                let commands = handle.commands.clone();
                self.runtime.spawn(async move {
                    while let Some(event) = handle.events.recv().await {
                        if tx.send(Incoming::Account(id, event)).is_err() {
                            return;
                        }
                        wake();
                    }
                });
                Some(commands)
            }
            // The XMPP crate has not landed yet: the account shows, Connect explains.
            ProtocolKind::Xmpp => None,
        };
        self.links.push(Link {
            commands,
            otr_account,
            label: label.to_owned(),
        });
    }

    /// Passes new settings to OTR (policy and v3).
    pub fn settings_changed(&self, settings: &Settings) {
        if let Some(otr) = &self.otr {
            let accounts: Vec<(String, messenger_otr::AccountId)> = self
                .links
                .iter()
                .map(|l| (l.label.clone(), l.otr_account.clone()))
                .collect();
            let _ = otr.set_settings(otr_settings(settings, &accounts));
        }
    }

    /// Sends `command` to `account`. Returns false when the account cannot take it.
    pub fn command(&self, account: AccountId, command: Command) -> bool {
        match self.links.get(account.0).and_then(|l| l.commands.as_ref()) {
            Some(commands) => commands.try_send(command).is_ok(),
            None => false,
        }
    }

    /// Whether `account` has a running protocol task.
    pub fn is_available(&self, account: AccountId) -> bool {
        self.links
            .get(account.0)
            .is_some_and(|l| l.commands.is_some())
    }

    fn fresh_id(&mut self) -> OutgoingId {
        self.next_id += 1;
        OutgoingId(self.next_id)
    }

    fn peer(&self, account: AccountId, name: &str) -> Option<PeerId> {
        self.links
            .get(account.0)
            .map(|l| PeerId::new(l.otr_account.clone(), name))
    }

    /// Sends what the user typed in `conversation`.
    pub fn send(
        &mut self,
        model: &mut Model,
        conversation: ConversationId,
        text: String,
        kind: MessageKind,
    ) {
        let Some(state) = model.conversation(conversation) else {
            return;
        };
        let account = state.account;
        let target = state.target.clone();
        let id = self.fresh_id();
        model.record_outgoing(conversation, id, &text, kind);
        match &target {
            Conversation::Room(_) => {
                let command = Command::Send {
                    to: target.clone(),
                    body: text,
                    kind,
                    id,
                };
                if !self.command(account, command) {
                    model.apply(account, failed(id), false);
                }
            }
            Conversation::Direct(name) => {
                // The OTR engine decides: encrypt, hold until private, or plaintext if allowed.
                let body = match kind {
                    MessageKind::Action => format!("/me {text}"),
                    _ => text,
                };
                let sent = match (self.peer(account, name), &self.otr) {
                    (Some(peer), Some(otr)) => otr.send(peer, id, body).is_ok(),
                    // Without OTR nothing private is sent at all (privacy invariant 5).
                    _ => false,
                };
                if !sent {
                    model.apply(account, failed(id), false);
                }
            }
        }
    }

    /// Carries out an OTR request of the user.
    pub fn otr_request(
        &mut self,
        model: &mut Model,
        conversation: ConversationId,
        request: OtrRequest,
    ) {
        let Some(state) = model.conversation(conversation) else {
            return;
        };
        let Conversation::Direct(name) = &state.target else {
            return;
        };
        let (Some(peer), Some(otr)) = (self.peer(state.account, name), &self.otr) else {
            return;
        };
        let result = match request {
            OtrRequest::Start | OtrRequest::Refresh => otr.start_session(peer).is_ok(),
            OtrRequest::End => otr.end_session(peer).is_ok(),
            OtrRequest::AskQuestion { question, answer } => {
                otr.smp_start(peer, Some(question), answer).wait().is_ok()
            }
            OtrRequest::SharedSecret { secret } => otr.smp_start(peer, None, secret).wait().is_ok(),
            OtrRequest::Respond { answer } => otr.smp_respond(peer, answer).wait().is_ok(),
            OtrRequest::AbortVerification => otr.smp_abort(peer).wait().is_ok(),
            OtrRequest::TrustFingerprint => match self.fingerprints.get(&peer) {
                Some(fingerprint) => otr
                    .set_trust(peer.clone(), *fingerprint, Trust::Verified)
                    .wait()
                    .is_ok(),
                None => false,
            },
        };
        if let Some(detail) = model
            .conversation_mut(conversation)
            .map(|c| &mut c.otr_detail)
        {
            detail.peer_asked = false;
            if !result {
                detail.progress = None;
            }
        }
    }

    /// Applies everything that arrived since the last frame.
    pub fn drain(&mut self, model: &mut Model) {
        while let Ok(incoming) = self.incoming.try_recv() {
            match incoming {
                Incoming::Account(account, event) => self.account_event(model, account, event),
                Incoming::Otr(event) => self.otr_event(model, event),
            }
        }
    }

    fn account_event(&mut self, model: &mut Model, account: AccountId, event: Event) {
        match event {
            Event::Message(message) => match &message.conversation {
                Conversation::Direct(name) => {
                    match (self.peer(account, name), &self.otr) {
                        (Some(peer), Some(otr)) => {
                            let _ = otr.receive(peer, message.body);
                        }
                        // Without OTR a private body is shown only if it is not OTR data.
                        _ if !message.body.starts_with("?OTR") => {
                            model.apply(account, Event::Message(message), false)
                        }
                        _ => {}
                    }
                }
                Conversation::Room(_) => model.apply(account, Event::Message(message), false),
            },
            Event::Sent { id } if id.0 >= INJECT_BASE => {
                self.injected.remove(&id);
            }
            Event::SendFailed { id, reason } if id.0 >= INJECT_BASE => {
                if let Some(user_id) = self.injected.remove(&id) {
                    model.apply(
                        account,
                        Event::SendFailed {
                            id: user_id,
                            reason,
                        },
                        false,
                    );
                }
            }
            other => model.apply(account, other, false),
        }
    }

    fn account_of(&self, otr_account: &messenger_otr::AccountId) -> Option<AccountId> {
        self.links
            .iter()
            .position(|l| &l.otr_account == otr_account)
            .map(AccountId)
    }

    fn conversation_of(
        &self,
        model: &mut Model,
        peer: &PeerId,
    ) -> Option<(AccountId, ConversationId)> {
        let account = self.account_of(&peer.account)?;
        Some((
            account,
            model.open(account, Conversation::Direct(peer.peer.clone())),
        ))
    }

    fn otr_event(&mut self, model: &mut Model, event: OtrEvent) {
        match event {
            OtrEvent::Inject { to, body } => {
                let Some(account) = self.account_of(&to.account) else {
                    return;
                };
                self.next_id += 1;
                let wire_id = OutgoingId(INJECT_BASE + self.next_id);
                let command = Command::Send {
                    to: Conversation::Direct(to.peer.clone()),
                    body,
                    kind: MessageKind::Normal,
                    id: wire_id,
                };
                let _ = self.command(account, command);
            }
            OtrEvent::Message {
                from,
                text,
                encrypted,
                ..
            } => {
                let Some(account) = self.account_of(&from.account) else {
                    return;
                };
                let (kind, text) = match text.strip_prefix("/me ") {
                    Some(action) => (MessageKind::Action, action.to_owned()),
                    None => (MessageKind::Normal, text),
                };
                let message = messenger_protocol::IncomingMessage {
                    from: from.peer.clone(),
                    conversation: Conversation::Direct(from.peer.clone()),
                    body: text,
                    kind,
                    received: std::time::SystemTime::now(),
                };
                model.apply(account, Event::Message(message), encrypted);
            }
            OtrEvent::Sent { id, to, .. } => {
                if let Some(account) = self.account_of(&to.account) {
                    model.apply(account, Event::Sent { id }, false);
                }
            }
            OtrEvent::NotSent { id, to, .. } => {
                if let Some(account) = self.account_of(&to.account) {
                    model.apply(account, failed(id), false);
                }
            }
            OtrEvent::Queued { .. } => {}
            OtrEvent::SessionChanged { peer, state } => {
                let Some((_, id)) = self.conversation_of(model, &peer) else {
                    return;
                };
                let (status, note) = match &state {
                    SessionState::Plaintext => {
                        (OtrStatus::NotPrivate, "Private conversation ended.")
                    }
                    SessionState::Encrypted { trust, .. } if trust.is_trusted() => (
                        OtrStatus::Verified,
                        "Private conversation started (verified).",
                    ),
                    SessionState::Encrypted { .. } => (
                        OtrStatus::Unverified,
                        "Private conversation started (not verified).",
                    ),
                    SessionState::Finished => (
                        OtrStatus::Finished,
                        "Your contact ended the private conversation.",
                    ),
                };
                if let SessionState::Encrypted { fingerprint, .. } = &state {
                    self.fingerprints.insert(peer.clone(), *fingerprint);
                }
                let own = match (&self.otr, &state) {
                    (Some(otr), SessionState::Encrypted { .. }) => otr
                        .own_fingerprint(peer.account.clone())
                        .wait()
                        .ok()
                        .flatten()
                        .map(|f| f.human()),
                    _ => None,
                };
                model.set_otr_status(id, status, note);
                if let Some(detail) = model.conversation_mut(id).map(|c| &mut c.otr_detail) {
                    if let SessionState::Encrypted { fingerprint, .. } = &state {
                        detail.peer_fingerprint = Some(fingerprint.human());
                    }
                    if own.is_some() {
                        detail.own_fingerprint = own;
                    }
                    if status == OtrStatus::Verified {
                        detail.unrecognized = false;
                    }
                }
            }
            OtrEvent::StillSecure { .. } => {}
            OtrEvent::NewFingerprint { peer, fingerprint } => {
                self.fingerprints.insert(peer.clone(), fingerprint);
                if let Some((_, id)) = self.conversation_of(model, &peer)
                    && let Some(detail) = model.conversation_mut(id).map(|c| &mut c.otr_detail)
                {
                    detail.unrecognized = true;
                    detail.peer_fingerprint = Some(fingerprint.human());
                }
            }
            OtrEvent::Smp { peer, event } => {
                let Some((_, id)) = self.conversation_of(model, &peer) else {
                    return;
                };
                let Some(detail) = model.conversation_mut(id).map(|c| &mut c.otr_detail) else {
                    return;
                };
                match event {
                    SmpEvent::AskedForSecret => {
                        detail.peer_asked = true;
                        detail.peer_question = None;
                    }
                    SmpEvent::AskedQuestion { question } => {
                        detail.peer_asked = true;
                        detail.peer_question = Some(question);
                    }
                    SmpEvent::InProgress { percent } => {
                        let step = u8::try_from(percent.min(100) / 25).unwrap_or(4).max(1);
                        detail.progress = Some(OtrProgress::Verifying { step, of: 4 });
                    }
                    SmpEvent::Succeeded => {
                        detail.progress = Some(OtrProgress::VerificationDone { success: true });
                        detail.unrecognized = false;
                    }
                    SmpEvent::Failed | SmpEvent::Cheated => {
                        detail.progress = Some(OtrProgress::VerificationDone { success: false });
                    }
                    SmpEvent::Aborted | SmpEvent::Error => {
                        detail.progress = None;
                        detail.peer_asked = false;
                    }
                }
            }
            OtrEvent::KeyGenerationStarted { account } => {
                self.each_private_conversation(model, &account, |detail| {
                    detail.progress = Some(OtrProgress::GeneratingKey);
                });
            }
            OtrEvent::KeyGenerated {
                account,
                fingerprint,
            } => {
                let human = fingerprint.human();
                self.each_private_conversation(model, &account, |detail| {
                    if detail.progress == Some(OtrProgress::GeneratingKey) {
                        detail.progress = None;
                    }
                    detail.own_fingerprint = Some(human.clone());
                });
            }
            OtrEvent::KeyGenerationFailed { account, reason } => {
                if let Some(id) = self.account_of(&account) {
                    model.apply(id, Event::Error(reason), false);
                }
            }
            OtrEvent::ReceiveProblem { .. }
            | OtrEvent::PeerError { .. }
            | OtrEvent::FileError { .. } => {}
        }
    }

    fn each_private_conversation(
        &self,
        model: &mut Model,
        account: &messenger_otr::AccountId,
        mut change: impl FnMut(&mut messenger_chat::OtrDetail),
    ) {
        let Some(account) = self.account_of(account) else {
            return;
        };
        let ids: Vec<ConversationId> = model
            .conversations()
            .filter(|(_, c)| c.account == account && matches!(c.target, Conversation::Direct(_)))
            .map(|(id, _)| id)
            .collect();
        for id in ids {
            if let Some(conversation) = model.conversation_mut(id) {
                change(&mut conversation.otr_detail);
            }
        }
    }
}

fn failed(id: OutgoingId) -> Event {
    Event::SendFailed {
        id,
        reason: String::new(),
    }
}

/// The OTR policy from the UI settings; per-contact keys are "account label/contact".
fn otr_settings(
    settings: &Settings,
    accounts: &[(String, messenger_otr::AccountId)],
) -> OtrSettings {
    let mut otr = OtrSettings {
        require_encryption: settings.require_encryption,
        allow_v3: settings.otr_v3,
        ..OtrSettings::default()
    };
    for (key, required) in &settings.require_encryption_for {
        let Some((label, contact)) = key.split_once('/') else {
            continue;
        };
        if let Some((_, account)) = accounts.iter().find(|(l, _)| l == label) {
            otr.require_encryption_for
                .insert(PeerId::new(account.clone(), contact), *required);
        }
    }
    otr
}
