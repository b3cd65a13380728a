//! One interface for chat accounts, whatever the protocol.
//!
//! An account runs as a task. The user's actions go down to it as [`Command`]s; what happens
//! on the network comes up as [`Event`]s. Bodies here are what goes on the wire: the OTR layer
//! sits between this crate and the chat model, so an outgoing body may be ciphertext and an
//! incoming body is whatever the peer sent.

use std::time::{Duration, SystemTime};
use tokio::sync::mpsc;

pub mod accounts;
pub mod lifecycle;
mod reconnect;

pub use reconnect::{Backoff, ReconnectPolicy};

/// Which protocol an account speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ProtocolKind {
    /// IRC (RFC 1459/2812 with IRCv3 SASL).
    Irc,
    /// XMPP (RFC 6120/6121).
    Xmpp,
}

impl ProtocolKind {
    /// The largest message body the OTR layer should hand to this protocol in one piece.
    /// IRC lines are 512 bytes including the prefix, so OTR fragments at about 400.
    pub fn max_message_size(self) -> usize {
        match self {
            ProtocolKind::Irc => 400,
            ProtocolKind::Xmpp => 65_536,
        }
    }
}

/// Where a message goes or came from.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Conversation {
    /// A group conversation: an IRC channel (`#tor`) or an XMPP MUC (`room@conference.host`).
    Room(String),
    /// A private conversation: an IRC nick or an XMPP bare JID.
    Direct(String),
}

/// How a message is meant to be shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MessageKind {
    /// An ordinary message.
    Normal,
    /// `/me does something` (IRC CTCP ACTION, XMPP `/me` convention).
    Action,
    /// An IRC NOTICE or a server-originated note; never answered automatically.
    Notice,
}

/// Identifies one outgoing message so its fate (sent, failed) can be reported.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct OutgoingId(pub u64);

/// What the user asks an account to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    /// Connect (never done automatically at start).
    Connect,
    /// Disconnect and stay disconnected (no reconnect).
    Disconnect,
    /// Join a room, with its key or password if it has one.
    Join {
        /// The room's name.
        room: String,
        /// The room's key, if any.
        password: Option<String>,
    },
    /// Leave a room.
    Leave {
        /// The room's name.
        room: String,
    },
    /// Send a message body (already passed through OTR).
    Send {
        /// Where it goes.
        to: Conversation,
        /// The body as it goes on the wire.
        body: String,
        /// How it is meant.
        kind: MessageKind,
        /// Reported back in [`Event::Sent`] or [`Event::SendFailed`].
        id: OutgoingId,
    },
    /// Change the room's topic.
    SetTopic {
        /// The room.
        room: String,
        /// The new topic.
        topic: String,
    },
    /// Change our own nickname (IRC) or room nick.
    ChangeNick {
        /// The new name.
        nick: String,
    },
}

/// Why a connection ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DisconnectReason {
    /// The user asked for it.
    UserRequest,
    /// The server or the network closed it; a reconnect follows.
    ConnectionLost(String),
    /// The server refused our credentials; no reconnect.
    AuthenticationFailed(String),
    /// TLS failed (pin mismatch, expired, unknown issuer...); no reconnect, no plaintext retry.
    TlsRefused(String),
    /// Tor's SOCKS port could not be reached or refused the connection.
    TorUnavailable(String),
}

/// A message that arrived.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IncomingMessage {
    /// Who sent it: a nick or a full JID / room nick.
    pub from: String,
    /// The conversation it belongs to.
    pub conversation: Conversation,
    /// The body as received (formatting removed, may be OTR data).
    pub body: String,
    /// How it is meant.
    pub kind: MessageKind,
    /// When the server saw it (IRCv3 server-time) or, without that, when it arrived.
    pub received: SystemTime,
}

/// What happened on an account.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    /// A connection attempt started.
    Connecting,
    /// Logged in; `own_name` is the nick or full JID the server gave us.
    Connected {
        /// Our name on this server.
        own_name: String,
    },
    /// The connection ended; `retry_in` says when a reconnect is attempted, if ever.
    Disconnected {
        /// Why.
        reason: DisconnectReason,
        /// When a reconnect will be tried; `None` means never.
        retry_in: Option<Duration>,
    },
    /// A message arrived.
    Message(IncomingMessage),
    /// An outgoing message was written to the connection (all of its pieces).
    Sent {
        /// The id from [`Command::Send`].
        id: OutgoingId,
    },
    /// An outgoing message that leaves in several paced pieces (long text split into lines,
    /// OTR fragments) is on its way: `done` of `total` pieces are written.
    SendProgress {
        /// The id from [`Command::Send`].
        id: OutgoingId,
        /// Pieces written so far.
        done: u32,
        /// Pieces in all.
        total: u32,
    },
    /// The server acknowledged an outgoing message (XMPP stream management's `<a/>`, IRC
    /// `echo-message`): it reached the server, which is all a client can know.
    Delivered {
        /// The id from [`Command::Send`].
        id: OutgoingId,
    },
    /// An outgoing message did not go, or the server refused it after it was sent (an XMPP
    /// error stanza answering it, an IRC 401/404 for its target, a failed stream resume). It
    /// is never retried silently; the user sees it as not delivered with `reason`.
    SendFailed {
        /// The id from [`Command::Send`].
        id: OutgoingId,
        /// Why, in words a user understands.
        reason: String,
    },
    /// A contact's presence changed (available or not; nothing finer is reported).
    Presence {
        /// The contact.
        contact: String,
        /// Whether it is online.
        available: bool,
    },
    /// The full member list of a room.
    Members {
        /// The room.
        room: String,
        /// Its members.
        members: Vec<String>,
    },
    /// Someone joined a room (ourselves included).
    Joined {
        /// The room.
        room: String,
        /// Who.
        member: String,
    },
    /// Someone left a room (ourselves included).
    Left {
        /// The room.
        room: String,
        /// Who.
        member: String,
    },
    /// A room's topic.
    Topic {
        /// The room.
        room: String,
        /// Its topic.
        topic: String,
    },
    /// Someone (maybe us) changed name.
    NickChanged {
        /// The old name.
        old: String,
        /// The new name.
        new: String,
    },
    /// Which services account a member is logged in as (IRCv3 account-notify and
    /// extended-join; ourselves after a SASL login): shown as "logged in as". `None`: not
    /// logged in.
    AccountName {
        /// The member's nick.
        member: String,
        /// The account, if logged in.
        account: Option<String>,
    },
    /// A problem worth showing that did not end the connection.
    Error(String),
}

/// The two ends of a running account: send commands, receive events.
#[derive(Debug)]
pub struct AccountHandle {
    /// Commands to the account task.
    pub commands: mpsc::Sender<Command>,
    /// Events from the account task. The task ends when both sides are dropped.
    pub events: mpsc::Receiver<Event>,
}

/// A chat protocol: how to start an account that speaks it.
///
/// Every protocol gives the same interface: [`Command`]s in, [`Event`]s out, through the
/// [`AccountHandle`] that [`Protocol::spawn`] returns. Nothing connects until
/// [`Command::Connect`]; the account reconnects with backoff after a drop, never after the
/// user's [`Command::Disconnect`].
pub trait Protocol {
    /// The protocol's account settings.
    type Config;
    /// Which protocol this is.
    const KIND: ProtocolKind;
    /// The task's settings from a saved account, or why the account cannot run, in words
    /// for the user (shown when they press Connect).
    fn config(account: &accounts::AccountConfig) -> Result<Self::Config, String>;
    /// Starts an account task on the current tokio runtime.
    fn spawn(config: Self::Config, network: messenger_net::Network) -> AccountHandle;
}

/// Creates the channel pair an account task uses: the task keeps the first two ends.
pub fn account_channels(
    capacity: usize,
) -> (mpsc::Receiver<Command>, mpsc::Sender<Event>, AccountHandle) {
    let (command_tx, command_rx) = mpsc::channel(capacity);
    let (event_tx, event_rx) = mpsc::channel(capacity);
    (
        command_rx,
        event_tx,
        AccountHandle {
            commands: command_tx,
            events: event_rx,
        },
    )
}

#[cfg(test)]
mod tests;
