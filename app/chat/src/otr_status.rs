//! The four OTR states a conversation shows (as Tor Messenger did).

/// How private a conversation is, as shown to the user by a lock with words and colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum OtrStatus {
    /// Messages travel in plaintext (the server and anyone on its side can read them).
    #[default]
    NotPrivate,
    /// Encrypted, but the peer's fingerprint is not verified: an impostor is possible.
    Unverified,
    /// Encrypted and the peer's identity verified (SMP or manual fingerprint check).
    Verified,
    /// The peer ended the private conversation; nothing is sent until the user decides.
    Finished,
}

impl OtrStatus {
    /// Whether messages are currently encrypted.
    pub fn is_encrypted(self) -> bool {
        matches!(self, OtrStatus::Unverified | OtrStatus::Verified)
    }

    /// Whether a plaintext message may be sent in this state under `require_encryption`.
    ///
    /// In the finished state libotr refuses to send plaintext anyway (the user must end or
    /// restart the session), so it is never allowed.
    pub fn allows_plaintext(self, require_encryption: bool) -> bool {
        match self {
            OtrStatus::NotPrivate => !require_encryption,
            OtrStatus::Unverified | OtrStatus::Verified | OtrStatus::Finished => false,
        }
    }
}

#[cfg(test)]
mod tests;
