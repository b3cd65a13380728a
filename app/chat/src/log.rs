//! The messages of one conversation, held compactly in memory for this session only.
//!
//! All texts share one buffer and each message costs a fixed 32-byte entry, so memory stays
//! close to the size of the text even for 100,000 messages, and rows can be read by index
//! (the UI draws only the visible ones).

use messenger_protocol::{MessageKind, OutgoingId};
use std::collections::{BTreeMap, HashMap};
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
    /// The server acknowledged it (stream management, echo-message).
    pub const DELIVERED: MessageFlags = MessageFlags(1 << 4);
    /// With [`MessageFlags::ENCRYPTED`]: the encryption was OMEMO, not OTR.
    pub const OMEMO: MessageFlags = MessageFlags(1 << 5);

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

/// How a message travelled: what the screen may claim about its privacy.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Protection {
    /// In plaintext: anyone on the path through the server could read it.
    NotEncrypted,
    /// Encrypted end to end with OTR.
    Otr,
    /// Encrypted end to end with OMEMO.
    Omemo,
}

/// What became of a message the user sent, as far as this client can know.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Delivery<'a> {
    /// Not yet fully written to the connection: `done` of `total` pieces are out (a paced
    /// long message); `total` is 0 while nothing is known yet (waiting for OTR, queued).
    Sending {
        /// Pieces written.
        done: u32,
        /// Pieces in all, or 0 when not known.
        total: u32,
    },
    /// Written to the connection; the server has not confirmed it (and may never: plain IRC
    /// has no acknowledgement).
    Sent,
    /// The server acknowledged it.
    DeliveredToServer,
    /// It did not go, or the server refused it; `reason` in the user's words.
    NotDelivered {
        /// Why.
        reason: &'a str,
    },
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
    /// For the user's own messages, what became of it; `None` for others' messages.
    pub delivery: Option<Delivery<'a>>,
}

impl MessageView<'_> {
    /// How it travelled.
    pub fn protection(&self) -> Protection {
        protection_of(self.flags)
    }
}

fn protection_of(flags: MessageFlags) -> Protection {
    match (
        flags.contains(MessageFlags::ENCRYPTED),
        flags.contains(MessageFlags::OMEMO),
    ) {
        (false, _) => Protection::NotEncrypted,
        (true, false) => Protection::Otr,
        (true, true) => Protection::Omemo,
    }
}

/// How many of the newest outgoing messages are remembered for a late answer (an
/// acknowledgement or a refusal that comes after "sent"); older ones keep their last state.
const TRACKED_OUTGOING: usize = 1024;

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
    /// Outgoing messages whose fate may still change, by id (the newest ones only).
    outgoing: BTreeMap<OutgoingId, usize>,
    /// Why a message was not delivered (few: kept beside the fixed-size entries).
    failures: HashMap<usize, String>,
    /// Pieces written of a message still going out in several pieces.
    progress: HashMap<usize, (u32, u32)>,
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
    /// `encrypted` says whether it leaves encrypted (OTR); [`MessageLog::set_protection`]
    /// corrects it when the encryption layer decides otherwise.
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
        while self.outgoing.len() > TRACKED_OUTGOING {
            if let Some((_, old)) = self.outgoing.pop_first() {
                self.progress.remove(&old);
            }
        }
        index
    }

    /// Marks an outgoing message as written to the connection. Returns false if `id` is
    /// unknown here or already past that point.
    pub fn mark_sent(&mut self, id: OutgoingId) -> bool {
        let Some(entry) = self.outgoing_entry(id) else {
            return false;
        };
        if !entry.flags.contains(MessageFlags::PENDING) {
            return false;
        }
        entry.flags = entry.flags.without(MessageFlags::PENDING);
        if let Some(&index) = self.outgoing.get(&id) {
            self.progress.remove(&index);
        }
        true
    }

    /// Notes that `done` of `total` pieces of a message are written. Returns false if `id` is
    /// unknown or no longer being sent.
    pub fn mark_progress(&mut self, id: OutgoingId, done: u32, total: u32) -> bool {
        let Some(&index) = self.outgoing.get(&id) else {
            return false;
        };
        match self.entries.get(index) {
            Some(entry) if entry.flags.contains(MessageFlags::PENDING) => {
                self.progress.insert(index, (done.min(total), total));
                true
            }
            _ => false,
        }
    }

    /// Marks an outgoing message as acknowledged by the server. Returns false if `id` is
    /// unknown here or already settled.
    pub fn mark_delivered(&mut self, id: OutgoingId) -> bool {
        let Some(entry) = self.outgoing_entry(id) else {
            return false;
        };
        if entry.flags.contains(MessageFlags::FAILED) {
            return false;
        }
        entry.flags = entry
            .flags
            .without(MessageFlags::PENDING)
            .with(MessageFlags::DELIVERED);
        self.forget_outgoing(id);
        true
    }

    /// Marks an outgoing message as not delivered with `reason` (also after it was marked
    /// sent: a refusal can come later). Returns false if `id` is unknown here or settled.
    pub fn mark_failed(&mut self, id: OutgoingId, reason: &str) -> bool {
        let Some(entry) = self.outgoing_entry(id) else {
            return false;
        };
        if entry.flags.contains(MessageFlags::DELIVERED) {
            return false;
        }
        entry.flags = entry
            .flags
            .without(MessageFlags::PENDING)
            .with(MessageFlags::FAILED);
        if let Some(&index) = self.outgoing.get(&id) {
            self.failures.insert(index, reason.to_owned());
        }
        self.forget_outgoing(id);
        true
    }

    /// Sets how an outgoing message travels, once the encryption layer decided (a message
    /// typed while OTR was starting can leave in plaintext or encrypted). Returns false if
    /// `id` is unknown here.
    pub fn set_protection(&mut self, id: OutgoingId, protection: Protection) -> bool {
        let Some(entry) = self.outgoing_entry(id) else {
            return false;
        };
        let flags = entry
            .flags
            .without(MessageFlags::ENCRYPTED)
            .without(MessageFlags::OMEMO);
        entry.flags = match protection {
            Protection::NotEncrypted => flags,
            Protection::Otr => flags.with(MessageFlags::ENCRYPTED),
            Protection::Omemo => flags
                .with(MessageFlags::ENCRYPTED)
                .with(MessageFlags::OMEMO),
        };
        true
    }

    fn outgoing_entry(&mut self, id: OutgoingId) -> Option<&mut Entry> {
        let index = *self.outgoing.get(&id)?;
        self.entries.get_mut(index)
    }

    fn forget_outgoing(&mut self, id: OutgoingId) {
        if let Some(index) = self.outgoing.remove(&id) {
            self.progress.remove(&index);
        }
    }

    fn delivery_of(&self, index: usize, flags: MessageFlags) -> Option<Delivery<'_>> {
        if !flags.contains(MessageFlags::OUTGOING) {
            return None;
        }
        Some(if flags.contains(MessageFlags::FAILED) {
            Delivery::NotDelivered {
                reason: self.failures.get(&index).map_or("", String::as_str),
            }
        } else if flags.contains(MessageFlags::PENDING) {
            let (done, total) = self.progress.get(&index).copied().unwrap_or((0, 0));
            Delivery::Sending { done, total }
        } else if flags.contains(MessageFlags::DELIVERED) {
            Delivery::DeliveredToServer
        } else {
            Delivery::Sent
        })
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
            delivery: self.delivery_of(index, entry.flags),
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
