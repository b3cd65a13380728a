//! Accounts and their conversations, updated from protocol events.

use crate::log::{MessageFlags, MessageLog, Sender};
use crate::otr_status::OtrStatus;
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
}

/// Everything the UI shows.
#[derive(Debug, Default)]
pub struct Model {
    accounts: Vec<AccountEntry>,
    conversations: Vec<ConversationState>,
    active: Option<ConversationId>,
}

impl Model {
    /// An empty model.
    pub fn new() -> Model {
        Model::default()
    }

    /// Adds an account (offline) and returns its id.
    pub fn add_account(&mut self, label: impl Into<String>, kind: ProtocolKind) -> AccountId {
        self.accounts.push(AccountEntry {
            label: label.into(),
            kind,
            state: AccountState::Offline,
        });
        AccountId(self.accounts.len() - 1)
    }

    /// The account `id`.
    pub fn account(&self, id: AccountId) -> Option<&AccountEntry> {
        self.accounts.get(id.0)
    }

    /// All accounts with their ids.
    pub fn accounts(&self) -> impl Iterator<Item = (AccountId, &AccountEntry)> {
        self.accounts
            .iter()
            .enumerate()
            .map(|(i, a)| (AccountId(i), a))
    }

    /// The conversation `id`.
    pub fn conversation(&self, id: ConversationId) -> Option<&ConversationState> {
        self.conversations.get(id.0)
    }

    /// All conversations with their ids.
    pub fn conversations(&self) -> impl Iterator<Item = (ConversationId, &ConversationState)> {
        self.conversations
            .iter()
            .enumerate()
            .map(|(i, c)| (ConversationId(i), c))
    }

    /// The conversation shown now.
    pub fn active(&self) -> Option<ConversationId> {
        self.active
    }

    /// Shows conversation `id` and clears its unread count.
    pub fn activate(&mut self, id: ConversationId) {
        if let Some(conversation) = self.conversations.get_mut(id.0) {
            conversation.unread = 0;
            self.active = Some(id);
        }
    }

    /// Finds or opens the conversation with `target` on `account`.
    pub fn open(&mut self, account: AccountId, target: Conversation) -> ConversationId {
        if let Some(id) = self.find(account, &target) {
            return id;
        }
        self.conversations.push(ConversationState {
            account,
            target,
            log: MessageLog::new(),
            unread: 0,
            otr: OtrStatus::NotPrivate,
            members: Vec::new(),
            topic: None,
        });
        ConversationId(self.conversations.len() - 1)
    }

    /// The conversation with `target` on `account`, if open.
    pub fn find(&self, account: AccountId, target: &Conversation) -> Option<ConversationId> {
        self.conversations
            .iter()
            .position(|c| c.account == account && &c.target == target)
            .map(ConversationId)
    }

    /// Records a message the user is sending (the text typed, never ciphertext).
    pub fn record_outgoing(
        &mut self,
        id: ConversationId,
        outgoing: OutgoingId,
        text: &str,
        kind: MessageKind,
    ) {
        if let Some(conversation) = self.conversations.get_mut(id.0) {
            let encrypted = conversation.otr.is_encrypted();
            conversation
                .log
                .push_outgoing(outgoing, text, SystemTime::now(), kind, encrypted);
        }
    }

    /// Sets the OTR status of a private conversation and notes the change in its log.
    pub fn set_otr_status(&mut self, id: ConversationId, status: OtrStatus, note: &str) {
        if let Some(conversation) = self.conversations.get_mut(id.0)
            && conversation.otr != status
        {
            conversation.otr = status;
            conversation.log.push(
                Sender::System,
                note,
                SystemTime::now(),
                MessageKind::Notice,
                MessageFlags::default(),
            );
        }
    }

    /// Updates the model from one event of `account` (message bodies already decrypted).
    /// `encrypted` says whether a [`Event::Message`] body arrived under OTR.
    pub fn apply(&mut self, account: AccountId, event: Event, encrypted: bool) {
        match event {
            Event::Connecting => self.set_state(account, AccountState::Connecting),
            Event::Connected { own_name } => {
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
                if let Some(conversation) = self.conversations.get_mut(id.0) {
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
            Event::Sent { id } => self.settle(account, id, true),
            Event::SendFailed { id, .. } => self.settle(account, id, false),
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
                for conversation in self
                    .conversations
                    .iter_mut()
                    .filter(|c| c.account == account)
                {
                    for member in conversation.members.iter_mut().filter(|m| **m == old) {
                        member.clone_from(&new);
                    }
                }
            }
            Event::Presence { .. } | Event::Error(_) => {}
        }
    }

    fn set_state(&mut self, account: AccountId, state: AccountState) {
        if let Some(entry) = self.accounts.get_mut(account.0) {
            entry.state = state;
        }
    }

    fn settle(&mut self, account: AccountId, id: OutgoingId, sent: bool) {
        for conversation in self
            .conversations
            .iter_mut()
            .filter(|c| c.account == account)
        {
            let settled = if sent {
                conversation.log.mark_sent(id)
            } else {
                conversation.log.mark_failed(id)
            };
            if settled {
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
        if let Some(conversation) = self.conversations.get_mut(id.0) {
            change(conversation);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use messenger_protocol::IncomingMessage;

    fn message(from: &str, conversation: Conversation, body: &str) -> Event {
        Event::Message(IncomingMessage {
            from: from.into(),
            conversation,
            body: body.into(),
            kind: MessageKind::Normal,
            received: SystemTime::now(),
        })
    }

    #[test]
    fn accounts_start_offline_and_follow_events() {
        let mut model = Model::new();
        let oftc = model.add_account("OFTC", ProtocolKind::Irc);
        assert_eq!(model.account(oftc).unwrap().state, AccountState::Offline);
        model.apply(oftc, Event::Connecting, false);
        assert_eq!(model.account(oftc).unwrap().state, AccountState::Connecting);
        model.apply(
            oftc,
            Event::Connected {
                own_name: "me".into(),
            },
            false,
        );
        assert!(matches!(
            model.account(oftc).unwrap().state,
            AccountState::Online { .. }
        ));
        let lost = DisconnectReason::ConnectionLost("reset".into());
        model.apply(
            oftc,
            Event::Disconnected {
                reason: lost,
                retry_in: Some(Duration::from_secs(5)),
            },
            false,
        );
        assert!(matches!(
            model.account(oftc).unwrap().state,
            AccountState::Reconnecting { .. }
        ));
        let refused = DisconnectReason::TlsRefused("pin".into());
        model.apply(
            oftc,
            Event::Disconnected {
                reason: refused,
                retry_in: None,
            },
            false,
        );
        assert!(matches!(
            model.account(oftc).unwrap().state,
            AccountState::Failed { .. }
        ));
        model.apply(
            oftc,
            Event::Disconnected {
                reason: DisconnectReason::UserRequest,
                retry_in: None,
            },
            false,
        );
        assert_eq!(model.account(oftc).unwrap().state, AccountState::Offline);
    }

    #[test]
    fn a_private_message_opens_a_conversation_and_counts_unread() {
        let mut model = Model::new();
        let account = model.add_account("x", ProtocolKind::Xmpp);
        let alice = Conversation::Direct("alice@xmpp.test".into());
        model.apply(
            account,
            message("alice@xmpp.test/r", alice.clone(), "one"),
            true,
        );
        model.apply(
            account,
            message("alice@xmpp.test/r", alice.clone(), "two"),
            true,
        );
        let id = model.find(account, &alice).unwrap();
        let conversation = model.conversation(id).unwrap();
        assert_eq!(conversation.unread, 2);
        assert_eq!(conversation.log.len(), 2);
        assert!(
            conversation
                .log
                .get(0)
                .unwrap()
                .flags
                .contains(MessageFlags::ENCRYPTED)
        );
        model.activate(id);
        assert_eq!(model.conversation(id).unwrap().unread, 0);
        model.apply(account, message("alice@xmpp.test/r", alice, "three"), false);
        assert_eq!(
            model.conversation(id).unwrap().unread,
            0,
            "the shown one stays read"
        );
    }

    #[test]
    fn sent_and_failed_reach_the_right_message() {
        let mut model = Model::new();
        let account = model.add_account("x", ProtocolKind::Irc);
        let id = model.open(account, Conversation::Direct("bob".into()));
        model.record_outgoing(id, OutgoingId(1), "hello", MessageKind::Normal);
        model.record_outgoing(id, OutgoingId(2), "are you there", MessageKind::Normal);
        model.apply(account, Event::Sent { id: OutgoingId(1) }, false);
        model.apply(
            account,
            Event::SendFailed {
                id: OutgoingId(2),
                reason: "offline".into(),
            },
            false,
        );
        let log = &model.conversation(id).unwrap().log;
        assert!(!log.get(0).unwrap().flags.contains(MessageFlags::PENDING));
        assert!(log.get(1).unwrap().flags.contains(MessageFlags::FAILED));
        assert_eq!(
            log.get(1).unwrap().text,
            "are you there",
            "the typed text, not ciphertext"
        );
    }

    #[test]
    fn members_stay_sorted_through_joins_parts_and_nick_changes() {
        let mut model = Model::new();
        let account = model.add_account("x", ProtocolKind::Irc);
        let room = "#tor".to_string();
        model.apply(
            account,
            Event::Members {
                room: room.clone(),
                members: vec!["zed".into(), "Amy".into(), "bob".into()],
            },
            false,
        );
        model.apply(
            account,
            Event::Joined {
                room: room.clone(),
                member: "carl".into(),
            },
            false,
        );
        model.apply(
            account,
            Event::Joined {
                room: room.clone(),
                member: "carl".into(),
            },
            false,
        );
        model.apply(
            account,
            Event::Left {
                room: room.clone(),
                member: "zed".into(),
            },
            false,
        );
        model.apply(
            account,
            Event::NickChanged {
                old: "bob".into(),
                new: "rob".into(),
            },
            false,
        );
        model.apply(
            account,
            Event::Topic {
                room: room.clone(),
                topic: "privacy".into(),
            },
            false,
        );
        let id = model.find(account, &Conversation::Room(room)).unwrap();
        let conversation = model.conversation(id).unwrap();
        assert_eq!(conversation.members, ["Amy", "rob", "carl"]);
        assert_eq!(conversation.topic.as_deref(), Some("privacy"));
    }

    #[test]
    fn otr_changes_are_noted_once() {
        let mut model = Model::new();
        let account = model.add_account("x", ProtocolKind::Irc);
        let id = model.open(account, Conversation::Direct("bob".into()));
        model.set_otr_status(id, OtrStatus::Unverified, "private conversation started");
        model.set_otr_status(id, OtrStatus::Unverified, "private conversation started");
        let conversation = model.conversation(id).unwrap();
        assert_eq!(conversation.otr, OtrStatus::Unverified);
        assert_eq!(conversation.log.len(), 1);
        assert_eq!(conversation.log.get(0).unwrap().sender, Sender::System);
    }
}
