//! Plain value types of the OTR layer's API.

use messenger_protocol::ProtocolKind;
use std::collections::HashMap;
use std::fmt;
use std::sync::Arc;
use std::time::Duration;

/// One of our accounts, as libotr knows it: an account name and a protocol.
///
/// Names are shared strings: every event names its peer, and a clone is then a counter
/// increment instead of two allocations and copies per event.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct OtrAccount {
    /// The account's name (e.g. `alice@irc.oftc.net` or `alice@xmpp.test`).
    pub name: Arc<str>,
    /// Its protocol; it decides the fragment size.
    pub protocol: ProtocolKind,
}

impl OtrAccount {
    /// An account.
    pub fn new(name: impl Into<Arc<str>>, protocol: ProtocolKind) -> Self {
        OtrAccount {
            name: name.into(),
            protocol,
        }
    }

    /// The protocol name stored in libotr's files.
    pub(crate) fn protocol_name(&self) -> &'static str {
        protocol_name(self.protocol)
    }
}

/// libotr's protocol string for a protocol (kept stable: it is stored in the profile files).
pub(crate) fn protocol_name(protocol: ProtocolKind) -> &'static str {
    match protocol {
        ProtocolKind::Irc => "irc",
        ProtocolKind::Xmpp => "xmpp",
    }
}

/// The protocol for libotr's protocol string.
pub(crate) fn protocol_from_name(name: &str) -> Option<ProtocolKind> {
    match name {
        "irc" => Some(ProtocolKind::Irc),
        "xmpp" => Some(ProtocolKind::Xmpp),
        _ => None,
    }
}

/// A contact seen from one of our accounts.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct PeerId {
    /// Our account.
    pub account: OtrAccount,
    /// The contact's name on that network (IRC nick, XMPP bare JID).
    pub peer: Arc<str>,
}

impl PeerId {
    /// A contact of an account.
    pub fn new(account: OtrAccount, peer: impl Into<Arc<str>>) -> Self {
        PeerId {
            account,
            peer: peer.into(),
        }
    }
}

/// A 20-byte OTR (v2/v3) DSA key fingerprint.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Fingerprint(pub [u8; 20]);

impl Fingerprint {
    /// The usual human form: five groups of eight upper-case hex digits.
    pub fn human(&self) -> String {
        let hex: String = self.0.iter().map(|b| format!("{b:02X}")).collect();
        hex.as_bytes()
            .chunks(8)
            .map(|c| String::from_utf8_lossy(c).into_owned())
            .collect::<Vec<_>>()
            .join(" ")
    }
}

impl fmt::Debug for Fingerprint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Fingerprint({})", self.human())
    }
}

impl fmt::Display for Fingerprint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.human())
    }
}

/// How far we trust a peer's fingerprint.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Trust {
    /// Seen, not verified.
    Untrusted,
    /// Verified by the user comparing fingerprints.
    Verified,
    /// Verified by a successful SMP (shared secret) run.
    Smp,
}

impl Trust {
    /// libotr's trust string.
    pub(crate) fn as_libotr(self) -> &'static str {
        match self {
            Trust::Untrusted => "",
            Trust::Verified => "verified",
            Trust::Smp => "smp",
        }
    }

    /// From libotr's trust string (any other non-empty string counts as verified).
    pub(crate) fn from_libotr_bytes(s: &[u8]) -> Trust {
        match s {
            b"" => Trust::Untrusted,
            b"smp" => Trust::Smp,
            _ => Trust::Verified,
        }
    }

    /// Whether the fingerprint is trusted at all.
    pub fn is_trusted(self) -> bool {
        self != Trust::Untrusted
    }
}

/// A peer fingerprint we know, with its trust.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KnownFingerprint {
    /// The fingerprint.
    pub fingerprint: Fingerprint,
    /// Its trust.
    pub trust: Trust,
    /// Whether it is the one of the current private conversation.
    pub active: bool,
}

/// The state of the conversation with a contact.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SessionState {
    /// Not private.
    Plaintext,
    /// Private: messages are encrypted.
    Encrypted {
        /// The peer's key fingerprint.
        fingerprint: Fingerprint,
        /// Whether the user verified it (manually or by SMP).
        trust: Trust,
        /// OTR protocol version in use (2 or 3).
        version: u32,
    },
    /// The peer ended the private conversation; nothing can be sent until we end it too or
    /// start a new one.
    Finished,
}

/// The OTR policy of a profile.
#[derive(Debug, Clone)]
pub struct OtrSettings {
    /// Require encryption with every contact (never send plaintext).
    pub require_encryption: bool,
    /// Per-contact override of `require_encryption`.
    pub require_encryption_for: HashMap<PeerId, bool>,
    /// Offer and accept protocol v3 (instance tags) besides v2. v2 is always allowed: widely
    /// deployed clients still speak only v2.
    pub allow_v3: bool,
    /// How long a message held by "require encryption" waits for the private conversation
    /// before it is given up (reported with [`crate::OtrEvent::NotSent`]).
    pub queue_timeout: Duration,
    /// Fragment size override per protocol (tests); `None` uses
    /// [`ProtocolKind::max_message_size`].
    pub max_message_size: Option<usize>,
}

impl Default for OtrSettings {
    fn default() -> Self {
        OtrSettings {
            require_encryption: false,
            require_encryption_for: HashMap::new(),
            allow_v3: false,
            queue_timeout: Duration::from_secs(120),
            max_message_size: None,
        }
    }
}

impl OtrSettings {
    /// Whether encryption is required with this contact.
    pub fn requires_encryption(&self, peer: &PeerId) -> bool {
        self.require_encryption_for
            .get(peer)
            .copied()
            .unwrap_or(self.require_encryption)
    }

    /// The libotr policy bits for a contact.
    pub(crate) fn policy_bits(&self, peer: &PeerId) -> libotr_sys::OtrlPolicy {
        self.policy_bits_for(self.requires_encryption(peer))
    }

    /// The libotr policy bits, given whether encryption is required.
    pub(crate) fn policy_bits_for(&self, require: bool) -> libotr_sys::OtrlPolicy {
        use libotr_sys::*;
        let mut bits =
            OTRL_POLICY_ALLOW_V2 | OTRL_POLICY_WHITESPACE_START_AKE | OTRL_POLICY_ERROR_START_AKE;
        if self.allow_v3 {
            bits |= OTRL_POLICY_ALLOW_V3;
        }
        if require {
            bits |= OTRL_POLICY_REQUIRE_ENCRYPTION;
        } else {
            bits |= OTRL_POLICY_SEND_WHITESPACE_TAG;
        }
        bits
    }

    /// The fragment size for a protocol.
    pub(crate) fn fragment_size(&self, protocol: messenger_protocol::ProtocolKind) -> usize {
        self.max_message_size
            .unwrap_or_else(|| protocol.max_message_size())
    }
}
