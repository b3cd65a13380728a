//! The crate's one error type.
//!
//! No variant carries key material, message text or a file path: errors are shown to users
//! and may end up in logs.

/// Everything that can go wrong in OMEMO: parsing, cryptography, state and storage.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum OmemoError {
    /// Bytes or XML that do not have the expected structure (truncated, wrong field, bad
    /// base64, wrong version byte...). `what` names the structure, `reason` the defect.
    #[error("malformed {what}: {reason}")]
    Malformed {
        /// The structure that failed to parse.
        what: &'static str,
        /// What is wrong with it.
        reason: &'static str,
    },
    /// An input is larger than the bound this crate accepts for it.
    #[error("{what} too large: {size} bytes, at most {max} accepted")]
    TooLarge {
        /// The input that was too large.
        what: &'static str,
        /// Its size in bytes.
        size: usize,
        /// The bound.
        max: usize,
    },
    /// A list has more entries than this crate accepts (device lists, keys of a message,
    /// pre-keys of a bundle).
    #[error("too many {what}: {count}, at most {max} accepted")]
    TooMany {
        /// What was counted.
        what: &'static str,
        /// How many were found (or, when counting stopped, how many were seen).
        count: usize,
        /// The bound.
        max: usize,
    },
    /// The message authentication code of a ratchet message does not match: forged,
    /// corrupted, or encrypted for another session.
    #[error("the message authentication code does not match")]
    BadMac,
    /// The payload does not decrypt with the transported key (tag or padding check failed).
    #[error("the payload does not decrypt with the transported key")]
    BadPayload,
    /// The signature on a bundle's signed pre-key does not verify against its identity key.
    #[error("the bundle's signed pre-key signature does not verify")]
    BadSignature,
    /// A public key is not acceptable (not on the curve, of small order, wrong length or
    /// encoding), or a Diffie-Hellman result was all zero.
    #[error("invalid public key")]
    InvalidKey,
    /// The message holds no key element for this device.
    #[error("the message is not encrypted for this device")]
    NotForThisDevice,
    /// A normal (non-pre-key) message arrived from a device with which there is no session.
    #[error("no session with this device")]
    NoSession,
    /// A key exchange names a one-time pre-key that does not exist (any more): a replayed
    /// or stale key exchange.
    #[error("the key exchange uses pre-key {0}, which is unknown or already used")]
    UnknownPreKey(u32),
    /// A key exchange names a signed pre-key that we do not have (any more).
    #[error("the key exchange uses signed pre-key {0}, which is unknown")]
    UnknownSignedPreKey(u32),
    /// A key exchange without a one-time pre-key, which this crate does not accept.
    #[error("the key exchange does not use a one-time pre-key")]
    MissingPreKey,
    /// The bundle offers no one-time pre-key to start a session with.
    #[error("the bundle offers no pre-key")]
    NoPreKeys,
    /// The message key for this message was already used: a duplicate or a replay.
    #[error("this message was already decrypted (duplicate or replay)")]
    Duplicate,
    /// The message header asks to skip more message keys than the bound.
    #[error("the message skips {requested} message keys, at most {max} are accepted")]
    TooManySkipped {
        /// How many keys would have to be derived and kept.
        requested: u64,
        /// The bound ([`crate::MAX_SKIP_PER_MESSAGE`]).
        max: u32,
    },
    /// Encryption to this device is refused because the user distrusted it (or the trust
    /// policy accepts only verified devices and this one is not verified).
    #[error("the device is not trusted")]
    Untrusted,
    /// None of the recipients could be encrypted to.
    #[error("no recipient device could be encrypted to")]
    NoRecipients,
    /// The sender's device is our own device id on our own account: a reflected message.
    #[error("the message claims to come from this very device")]
    FromOwnDevice,
    /// The store file exists but cannot be understood. It is left untouched; the user must
    /// decide (restore a backup or start over), it is never silently overwritten.
    #[error("the OMEMO store file is corrupt ({reason}); it was left untouched")]
    CorruptStore {
        /// What is wrong with it.
        reason: String,
    },
    /// The store file could not be read or written.
    #[error("the OMEMO store file could not be {action}: {source}")]
    Io {
        /// "read", "written", ...
        action: &'static str,
        /// The operating system's error.
        #[source]
        source: std::io::Error,
    },
    /// The operating system's random number generator failed.
    #[error("the system random number generator failed")]
    Random,
}

impl OmemoError {
    pub(crate) fn malformed(what: &'static str, reason: &'static str) -> Self {
        Self::Malformed { what, reason }
    }
}
