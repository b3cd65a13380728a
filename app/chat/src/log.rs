//! The messages of one conversation, held compactly in memory for this session only.
//!
//! All texts share one buffer and each message costs a fixed 32-byte entry, so memory stays
//! close to the size of the text even for 100,000 messages, and rows can be read by index
//! (the UI draws only the visible ones).

use messenger_protocol::{MessageKind, OutgoingId};
use std::collections::HashMap;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// Facts about one message, as bits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct MessageFlags(u8);

impl MessageFlags {
    /// We sent it.
    pub const OUTGOING: MessageFlags = MessageFlags(1);
    /// It travelled OTR-encrypted.
    pub const ENCRYPTED: MessageFlags = MessageFlags(1 << 1);
    /// Sending it failed; the user must see that.
    pub const FAILED: MessageFlags = MessageFlags(1 << 2);
    /// Handed to the network, not yet confirmed sent.
    pub const PENDING: MessageFlags = MessageFlags(1 << 3);

    /// Whether every bit of `other` is set.
    pub fn contains(self, other: MessageFlags) -> bool {
        self.0 & other.0 == other.0
    }

    /// These flags with `other`'s bits added.
    #[must_use]
    pub fn with(self, other: MessageFlags) -> MessageFlags {
        MessageFlags(self.0 | other.0)
    }

    /// These flags with `other`'s bits removed.
    #[must_use]
    pub fn without(self, other: MessageFlags) -> MessageFlags {
        MessageFlags(self.0 & !other.0)
    }
}

/// Who wrote a message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sender<'a> {
    /// The user.
    Me,
    /// Someone else, by the name the network gave.
    Peer(&'a str),
    /// The messenger itself (joins, OTR state changes, errors).
    System,
}

/// One message, borrowed from the log.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MessageView<'a> {
    /// Who wrote it.
    pub sender: Sender<'a>,
    /// Its plain text (formatting already removed).
    pub text: &'a str,
    /// When it was received or sent.
    pub time: SystemTime,
    /// How it is meant.
    pub kind: MessageKind,
    /// Outgoing, encrypted, failed, pending.
    pub flags: MessageFlags,
}

const SENDER_ME: u32 = u32::MAX;
const SENDER_SYSTEM: u32 = u32::MAX - 1;

#[derive(Debug, Clone, Copy)]
struct Entry {
    text_start: usize,
    text_len: u32,
    sender: u32,
    unix_millis: i64,
    kind: MessageKind,
    flags: MessageFlags,
}

/// The messages of one conversation, in arrival order.
#[derive(Debug, Default)]
pub struct MessageLog {
    text: String,
    entries: Vec<Entry>,
    senders: Vec<String>,
    sender_index: HashMap<String, u32>,
    outgoing: HashMap<OutgoingId, usize>,
}

impl MessageLog {
    /// An empty log.
    pub fn new() -> MessageLog {
        MessageLog::default()
    }

    /// How many messages it holds.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether it holds none.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Bytes of text held (the sum of all message texts).
    pub fn text_bytes(&self) -> usize {
        self.text.len()
    }

    /// Adds a message from `sender` and returns its index.
    pub fn push(
        &mut self,
        sender: Sender<'_>,
        text: &str,
        time: SystemTime,
        kind: MessageKind,
        flags: MessageFlags,
    ) -> usize {
        let sender = match sender {
            Sender::Me => SENDER_ME,
            Sender::System => SENDER_SYSTEM,
            Sender::Peer(name) => self.intern(name),
        };
        // A single message over 4 GiB cannot arrive over IRC or XMPP; cut rather than wrap.
        let text = truncate_to_u32(text);
        let entry = Entry {
            text_start: self.text.len(),
            text_len: u32::try_from(text.len()).unwrap_or(u32::MAX),
            sender,
            unix_millis: unix_millis(time),
            kind,
            flags,
        };
        self.text.push_str(text);
        self.entries.push(entry);
        self.entries.len() - 1
    }

    /// Adds a message the user is sending, remembered under `id` until its fate is known.
    pub fn push_outgoing(
        &mut self,
        id: OutgoingId,
        text: &str,
        time: SystemTime,
        kind: MessageKind,
        encrypted: bool,
    ) -> usize {
        let mut flags = MessageFlags::OUTGOING.with(MessageFlags::PENDING);
        if encrypted {
            flags = flags.with(MessageFlags::ENCRYPTED);
        }
        let index = self.push(Sender::Me, text, time, kind, flags);
        self.outgoing.insert(id, index);
        index
    }

    /// Marks an outgoing message as sent. Returns false if `id` is unknown here.
    pub fn mark_sent(&mut self, id: OutgoingId) -> bool {
        self.settle(id, MessageFlags::default())
    }

    /// Marks an outgoing message as failed. Returns false if `id` is unknown here.
    pub fn mark_failed(&mut self, id: OutgoingId) -> bool {
        self.settle(id, MessageFlags::FAILED)
    }

    fn settle(&mut self, id: OutgoingId, add: MessageFlags) -> bool {
        let Some(index) = self.outgoing.remove(&id) else {
            return false;
        };
        let Some(entry) = self.entries.get_mut(index) else {
            return false;
        };
        entry.flags = entry.flags.without(MessageFlags::PENDING).with(add);
        true
    }

    /// The message at `index`, if there is one.
    pub fn get(&self, index: usize) -> Option<MessageView<'_>> {
        let entry = self.entries.get(index)?;
        let end = entry.text_start + entry.text_len as usize;
        let sender = match entry.sender {
            SENDER_ME => Sender::Me,
            SENDER_SYSTEM => Sender::System,
            other => Sender::Peer(self.senders.get(other as usize)?.as_str()),
        };
        Some(MessageView {
            sender,
            text: self.text.get(entry.text_start..end)?,
            time: from_unix_millis(entry.unix_millis),
            kind: entry.kind,
            flags: entry.flags,
        })
    }

    /// The messages in `range` (clamped to the log), for drawing visible rows only.
    pub fn range(
        &self,
        range: std::ops::Range<usize>,
    ) -> impl Iterator<Item = MessageView<'_>> + '_ {
        let end = range.end.min(self.len());
        let start = range.start.min(end);
        (start..end).filter_map(|index| self.get(index))
    }

    /// Forgets every message (the user closed the conversation or asked to clear it).
    pub fn clear(&mut self) {
        *self = MessageLog::default();
    }

    fn intern(&mut self, name: &str) -> u32 {
        if let Some(&index) = self.sender_index.get(name) {
            return index;
        }
        // More than four billion distinct senders in one conversation cannot happen in a
        // session; if it did, they would share the last slot rather than crash.
        let index = u32::try_from(self.senders.len())
            .unwrap_or(SENDER_SYSTEM - 1)
            .min(SENDER_SYSTEM - 1);
        self.senders.push(name.to_owned());
        self.sender_index.insert(name.to_owned(), index);
        index
    }
}

fn truncate_to_u32(text: &str) -> &str {
    let max = u32::MAX as usize;
    if text.len() <= max {
        return text;
    }
    let mut end = max;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

fn unix_millis(time: SystemTime) -> i64 {
    match time.duration_since(UNIX_EPOCH) {
        Ok(after) => i64::try_from(after.as_millis()).unwrap_or(i64::MAX),
        Err(before) => -i64::try_from(before.duration().as_millis()).unwrap_or(i64::MAX),
    }
}

fn from_unix_millis(millis: i64) -> SystemTime {
    let magnitude = Duration::from_millis(millis.unsigned_abs());
    if millis >= 0 {
        UNIX_EPOCH + magnitude
    } else {
        UNIX_EPOCH - magnitude
    }
}

#[cfg(test)]
mod tests;
