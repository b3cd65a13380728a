//! Accounts and their conversations, updated from protocol events.

use crate::log::{MessageFlags, MessageLog, Sender};
use crate::otr_detail::OtrDetail;
use crate::otr_status::OtrStatus;
use crate::tor_state::TorState;
use messenger_protocol::{
    Conversation, DisconnectReason, Event, MessageKind, OutgoingId, ProtocolKind,
};
use std::time::{Duration, SystemTime};

/// Index of an account in the model.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct AccountId(pub usize);

/// Index of a conversation in the model.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ConversationId(pub usize);

/// What an account is doing now.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum AccountState {
    /// Not connected, and not trying (the state at start: nothing connects by itself).
    #[default]
    Offline,
    /// A connection attempt is under way.
    Connecting,
    /// Logged in under `own_name`.
    Online {
        /// Our nick or JID.
        own_name: String,
    },
    /// The connection dropped; a reconnect is due after `retry_in`.
    Reconnecting {
        /// Why it dropped.
        reason: DisconnectReason,
        /// When the next attempt starts.
        retry_in: Duration,
    },
    /// The connection ended for a reason that needs the user (bad password, TLS refused).
    Failed {
        /// Why.
        reason: DisconnectReason,
    },
}

/// One account as the UI shows it.
#[derive(Debug)]
pub struct AccountEntry {
    /// The user's name for it, e.g. "OFTC".
    pub label: String,
    /// IRC or XMPP.
    pub kind: ProtocolKind,
    /// Connection state.
    pub state: AccountState,
    /// The last problem the account reported that did not end the connection.
    pub last_error: Option<String>,
    /// Contacts whose presence we know, with whether they are online (sorted by name).
    pub contacts: Vec<(String, bool)>,
    /// Who is logged in as which services account (IRCv3 account-notify, extended-join;
    /// ourselves after SASL): nick → account, shown as "logged in as".
    pub logged_in: std::collections::BTreeMap<String, String>,
}

/// One conversation: a room or a private chat on one account.
#[derive(Debug)]
pub struct ConversationState {
    /// The account it belongs to.
    pub account: AccountId,
    /// The room or contact.
    pub target: Conversation,
    /// This session's messages (memory only).
    pub log: MessageLog,
    /// Messages that arrived while another conversation was shown.
    pub unread: u32,
    /// OTR state (private conversations only; rooms are never private).
    pub otr: OtrStatus,
    /// Room members, sorted.
    pub members: Vec<String>,
    /// Room topic.
    pub topic: Option<String>,
    /// OTR fingerprints and progress (private conversations only).
    pub otr_detail: OtrDetail,
    /// The user closed it; it is hidden until a message or the user reopens it.
    pub closed: bool,
}

/// Everything the UI shows.
#[derive(Debug, Default)]
pub struct Model {
    /// Slots by id; a removed account's slot is emptied so ids stay stable.
    accounts: Vec<Option<AccountEntry>>,
    /// Slots by id; a removed account's conversations are emptied the same way.
    conversations: Vec<Option<ConversationState>>,
    active: Option<ConversationId>,
    /// The local tor's state (bootstrap progress, ready, unreachable).
    pub tor: TorState,
    /// A fixed time for what the model stamps itself (sample screens), else the clock.
    frozen_clock: Option<SystemTime>,
}

impl Model {
    /// An empty model.
    pub fn new() -> Model {
        Model::default()
    }

    /// Adds an account (offline) and returns its id.
    pub fn add_account(&mut self, label: impl Into<String>, kind: ProtocolKind) -> AccountId {
        self.accounts.push(Some(AccountEntry {
            label: label.into(),
            kind,
            state: AccountState::Offline,
            last_error: None,
            contacts: Vec::new(),
            logged_in: std::collections::BTreeMap::new(),
        }));
        AccountId(self.accounts.len() - 1)
    }

    /// The account `id`.
    pub fn account(&self, id: AccountId) -> Option<&AccountEntry> {
        self.accounts.get(id.0).and_then(Option::as_ref)
    }

    fn account_mut(&mut self, id: AccountId) -> Option<&mut AccountEntry> {
        self.accounts.get_mut(id.0).and_then(Option::as_mut)
    }

    /// Stamps what the model records itself (typed messages, notes) with `at` instead of
    /// the clock, from now on: sample screens whose pictures must not change from run to run.
    pub fn freeze_clock(&mut self, at: SystemTime) {
        self.frozen_clock = Some(at);
    }

    fn now(&self) -> SystemTime {
        self.frozen_clock.unwrap_or_else(SystemTime::now)
    }

    /// Removes account `id` with its conversations and their messages (memory only holds
    /// them). Its id is never given again; later events for it are ignored.
    pub fn remove_account(&mut self, id: AccountId) {
        let Some(slot) = self.accounts.get_mut(id.0) else {
            return;
        };
        *slot = None;
        for slot in &mut self.conversations {
            if slot.as_ref().is_some_and(|c| c.account == id) {
                *slot = None;
            }
        }
        if self
            .active
            .is_some_and(|active| self.conversation(active).is_none())
        {
            self.active = self.first_open();
        }
    }

    fn first_open(&self) -> Option<ConversationId> {
        self.conversations()
            .find(|(_, c)| !c.closed)
            .map(|(id, _)| id)
    }

    /// All accounts with their ids.
    pub fn accounts(&self) -> impl Iterator<Item = (AccountId, &AccountEntry)> {
        self.accounts
            .iter()
            .enumerate()
            .filter_map(|(i, a)| Some((AccountId(i), a.as_ref()?)))
    }

    /// The conversation `id`.
    pub fn conversation(&self, id: ConversationId) -> Option<&ConversationState> {
        self.conversations.get(id.0).and_then(Option::as_ref)
    }

    /// All conversations with their ids.
    pub fn conversations(&self) -> impl Iterator<Item = (ConversationId, &ConversationState)> {
        self.conversations
            .iter()
            .enumerate()
            .filter_map(|(i, c)| Some((ConversationId(i), c.as_ref()?)))
    }

    /// The conversation `id`, for changes the OTR layer reports (fingerprints, progress).
    pub fn conversation_mut(&mut self, id: ConversationId) -> Option<&mut ConversationState> {
        self.conversations.get_mut(id.0).and_then(Option::as_mut)
    }

    /// Closes conversation `id`: its messages are forgotten and it leaves the tab row.
    /// Ids stay stable (the slot is kept, emptied and hidden).
    pub fn close(&mut self, id: ConversationId) {
        if let Some(conversation) = self.conversation_mut(id) {
            conversation.log.clear();
            conversation.unread = 0;
            conversation.closed = true;
        }
        if self.active == Some(id) {
            self.active = self.first_open();
        }
    }

    /// The conversation shown now.
    pub fn active(&self) -> Option<ConversationId> {
        self.active
    }

    /// Shows conversation `id` and clears its unread count.
    pub fn activate(&mut self, id: ConversationId) {
        if let Some(conversation) = self.conversation_mut(id) {
            conversation.unread = 0;
            self.active = Some(id);
        }
    }

    /// Finds or opens the conversation with `target` on `account`.
    pub fn open(&mut self, account: AccountId, target: Conversation) -> ConversationId {
        if let Some(id) = self.find(account, &target) {
            if let Some(conversation) = self.conversation_mut(id) {
                conversation.closed = false;
            }
            return id;
        }
        self.conversations.push(Some(ConversationState {
            account,
            target,
            log: MessageLog::new(),
            unread: 0,
            otr: OtrStatus::NotPrivate,
            members: Vec::new(),
            topic: None,
            otr_detail: OtrDetail::default(),
            closed: false,
        }));
        ConversationId(self.conversations.len() - 1)
    }

    /// The conversation with `target` on `account`, if open.
    pub fn find(&self, account: AccountId, target: &Conversation) -> Option<ConversationId> {
        self.conversations()
            .find(|(_, c)| c.account == account && &c.target == target)
            .map(|(id, _)| id)
    }

    /// Records a message the user is sending (the text typed, never ciphertext).
    pub fn record_outgoing(
        &mut self,
        id: ConversationId,
        outgoing: OutgoingId,
        text: &str,
        kind: MessageKind,
    ) {
        let now = self.now();
        if let Some(conversation) = self.conversation_mut(id) {
            let encrypted = conversation.otr.is_encrypted();
            conversation
                .log
                .push_outgoing(outgoing, text, now, kind, encrypted);
        }
    }

    /// Sets the OTR status of a private conversation and notes the change in its log.
    pub fn set_otr_status(&mut self, id: ConversationId, status: OtrStatus, note: &str) {
        let now = self.now();
        if let Some(conversation) = self.conversation_mut(id)
            && conversation.otr != status
        {
            conversation.otr = status;
            conversation.log.push(
                Sender::System,
                note,
                now,
                MessageKind::Notice,
                MessageFlags::default(),
            );
        }
    }

    /// Updates the model from one event of `account` (message bodies already decrypted).
    /// `encrypted` says whether a [`Event::Message`] body arrived under OTR.
    pub fn apply(&mut self, account: AccountId, event: Event, encrypted: bool) {
        // A removed account's last events (already on their way) open nothing.
        if self.account(account).is_none() {
            return;
        }
        match event {
            Event::Connecting => self.set_state(account, AccountState::Connecting),
            Event::Connected { own_name } => {
                if let Some(entry) = self.account_mut(account) {
                    entry.last_error = None;
                }
                self.set_state(account, AccountState::Online { own_name })
            }
            Event::Disconnected { reason, retry_in } => {
                let state = match retry_in {
                    Some(retry_in) => AccountState::Reconnecting { reason, retry_in },
                    None if reason == DisconnectReason::UserRequest => AccountState::Offline,
                    None => AccountState::Failed { reason },
                };
                self.set_state(account, state);
            }
            Event::Message(message) => {
                let id = self.open(account, message.conversation);
                let active = self.active == Some(id);
                if let Some(conversation) = self.conversation_mut(id) {
                    let flags = if encrypted {
                        MessageFlags::ENCRYPTED
                    } else {
                        MessageFlags::default()
                    };
                    conversation.log.push(
                        Sender::Peer(&message.from),
                        &message.body,
                        message.received,
                        message.kind,
                        flags,
                    );
                    if !active {
                        conversation.unread = conversation.unread.saturating_add(1);
                    }
                }
            }
            Event::Sent { id } => {
                self.find_outgoing(account, |log| log.mark_sent(id));
            }
            Event::SendProgress { id, done, total } => {
                self.find_outgoing(account, |log| log.mark_progress(id, done, total));
            }
            Event::Delivered { id } => {
                self.find_outgoing(account, |log| log.mark_delivered(id));
            }
            Event::SendFailed { id, reason } => {
                self.find_outgoing(account, |log| log.mark_failed(id, &reason));
            }
            Event::Members { room, mut members } => {
                members.sort_unstable_by_key(|name| name.to_lowercase());
                members.dedup();
                self.with_room(account, room, |c| c.members = members);
            }
            Event::Joined { room, member } => self.with_room(account, room, |c| {
                let key = member.to_lowercase();
                if let Err(at) = c
                    .members
                    .binary_search_by_key(&key, |name| name.to_lowercase())
                {
                    c.members.insert(at, member);
                }
            }),
            Event::Left { room, member } => {
                self.with_room(account, room, |c| c.members.retain(|m| m != &member))
            }
            Event::Topic { room, topic } => {
                self.with_room(account, room, |c| c.topic = Some(topic))
            }
            Event::NickChanged { old, new } => {
                for conversation in self.conversations_of(account) {
                    for member in conversation.members.iter_mut().filter(|m| **m == old) {
                        member.clone_from(&new);
                    }
                }
            }
            Event::Presence { contact, available } => {
                if let Some(entry) = self.account_mut(account) {
                    match entry
                        .contacts
                        .binary_search_by(|(name, _)| name.cmp(&contact))
                    {
                        Ok(at) => entry.contacts[at].1 = available,
                        Err(at) => entry.contacts.insert(at, (contact, available)),
                    }
                }
            }
            Event::AccountName {
                member,
                account: services_account,
            } => {
                if let Some(entry) = self.account_mut(account) {
                    match services_account {
                        Some(name) => {
                            entry.logged_in.insert(member, name);
                        }
                        None => {
                            entry.logged_in.remove(&member);
                        }
                    }
                }
            }
            Event::Error(problem) => {
                if let Some(entry) = self.account_mut(account) {
                    entry.last_error = Some(problem);
                }
            }
        }
    }

    fn set_state(&mut self, account: AccountId, state: AccountState) {
        if let Some(entry) = self.account_mut(account) {
            entry.state = state;
        }
    }

    fn conversations_of(
        &mut self,
        account: AccountId,
    ) -> impl Iterator<Item = &mut ConversationState> {
        self.conversations
            .iter_mut()
            .flatten()
            .filter(move |c| c.account == account)
    }

    /// Applies `change` to the log of `account`'s conversations until one knows the message.
    fn find_outgoing(
        &mut self,
        account: AccountId,
        mut change: impl FnMut(&mut MessageLog) -> bool,
    ) {
        for conversation in self.conversations_of(account) {
            if change(&mut conversation.log) {
                return;
            }
        }
    }

    fn with_room(
        &mut self,
        account: AccountId,
        room: String,
        change: impl FnOnce(&mut ConversationState),
    ) {
        let id = self.open(account, Conversation::Room(room));
        if let Some(conversation) = self.conversation_mut(id) {
            change(conversation);
        }
    }
}

#[cfg(test)]
mod tests;
