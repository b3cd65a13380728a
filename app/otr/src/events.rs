//! What the OTR engine reports, in order, on its event channel.

use crate::types::{Fingerprint, OtrAccount, PeerId, SessionState};
use messenger_protocol::OutgoingId;
use std::fmt;

/// Why an outgoing message was not sent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NotSentReason {
    /// Encryption is required and the private conversation did not start in time (or was
    /// ended while the message waited).
    EncryptionNotEstablished,
    /// The peer ended the private conversation: end it too, or start a new one.
    PeerEndedSession,
    /// libotr failed to encrypt; nothing was sent.
    EncryptionFailed,
    /// The text contains a NUL character, which OTR cannot carry.
    InvalidText,
    /// We have no usable private key for this account.
    NoPrivateKey,
}

/// A problem with something we received (never carries the received bytes).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MessageProblem {
    /// An encrypted message arrived while we are not in a private conversation.
    EncryptedWhileNotPrivate,
    /// An encrypted message could not be read (wrong keys, wrong MAC, replay).
    Unreadable,
    /// A malformed OTR message.
    Malformed,
    /// An OTR message of an unknown type.
    Unrecognized,
    /// An OTR message of a protocol version we do not speak (v1, or v3 when not allowed).
    UnsupportedVersion,
    /// A message for another instance (v3) was dropped.
    ForOtherInstance,
    /// Our own OTR messages came back to us.
    Reflected,
    /// The private conversation could not be set up.
    SetupFailed,
}

/// Progress of the socialist millionaires' protocol (identity check by shared secret).
/// `Debug` leaves out the question (chat content).
#[derive(Clone, PartialEq, Eq)]
pub enum SmpEvent {
    /// The peer started SMP with a shared secret: answer with [`crate::OtrEngine::smp_respond`].
    AskedForSecret,
    /// The peer started SMP with a question: answer with [`crate::OtrEngine::smp_respond`].
    AskedQuestion {
        /// The peer's question (chat content: show it, never log it).
        question: String,
    },
    /// Running; percent done.
    InProgress {
        /// 0-100.
        percent: u16,
    },
    /// Both sides had the same secret: the fingerprint is now trusted (if we asked, or if the
    /// check had no question).
    Succeeded,
    /// The secrets differ.
    Failed,
    /// The peer's messages failed verification; SMP was aborted.
    Cheated,
    /// SMP was aborted (by the peer, or by us after an error).
    Aborted,
    /// An SMP message arrived out of order; SMP was aborted.
    Error,
}

/// An event from the OTR engine. `Debug` prints message text, bodies and error texts as
/// their length only, so a stray `{:?}` in a log cannot leak chat content.
#[derive(Clone, PartialEq, Eq)]
pub enum OtrEvent {
    /// Send this body to the peer on the wire (ciphertext, a fragment, an OTR protocol
    /// message, or plaintext when policy allows). Never show it.
    Inject {
        /// To whom.
        to: PeerId,
        /// The exact body.
        body: String,
    },
    /// Show this message (decrypted, or plaintext as received).
    Message {
        /// From whom.
        from: PeerId,
        /// The text.
        text: String,
        /// Whether it arrived encrypted in a private conversation.
        encrypted: bool,
        /// Set when plaintext arrived where we expected encryption (a private conversation
        /// is on, or encryption is required with this contact).
        unexpected_plaintext: bool,
    },
    /// An outgoing message went out (its bodies were emitted as [`OtrEvent::Inject`]). Show
    /// the text the user typed.
    Sent {
        /// The id given to [`crate::OtrEngine::send`].
        id: OutgoingId,
        /// To whom.
        to: PeerId,
        /// Whether it went out encrypted.
        encrypted: bool,
    },
    /// An outgoing message is held until the private conversation starts (require
    /// encryption); a query was sent to start it.
    Queued {
        /// The id given to [`crate::OtrEngine::send`].
        id: OutgoingId,
        /// To whom.
        to: PeerId,
    },
    /// An outgoing message was not sent and never will be.
    NotSent {
        /// The id given to [`crate::OtrEngine::send`].
        id: OutgoingId,
        /// To whom.
        to: PeerId,
        /// Why.
        reason: NotSentReason,
    },
    /// The conversation state with a contact changed.
    SessionChanged {
        /// The contact.
        peer: PeerId,
        /// The new state.
        state: SessionState,
    },
    /// The private conversation was refreshed with the same keys.
    StillSecure {
        /// The contact.
        peer: PeerId,
    },
    /// A fingerprint never seen before for this contact (it is stored as untrusted).
    NewFingerprint {
        /// The contact.
        peer: PeerId,
        /// Its fingerprint.
        fingerprint: Fingerprint,
    },
    /// SMP progress.
    Smp {
        /// The contact.
        peer: PeerId,
        /// What happened.
        event: SmpEvent,
    },
    /// Something we received could not be used.
    ReceiveProblem {
        /// From whom.
        from: PeerId,
        /// What was wrong.
        problem: MessageProblem,
    },
    /// The peer sent an OTR error message (its text is peer content: show, never log).
    PeerError {
        /// From whom.
        from: PeerId,
        /// The error text after `?OTR Error:`.
        text: String,
    },
    /// Private key generation started for an account (it takes up to a few hundred ms).
    KeyGenerationStarted {
        /// The account.
        account: OtrAccount,
    },
    /// Private key generation finished.
    KeyGenerated {
        /// The account.
        account: OtrAccount,
        /// Our new fingerprint.
        fingerprint: Fingerprint,
    },
    /// Private key generation or storage failed (the error says why).
    KeyGenerationFailed {
        /// The account.
        account: OtrAccount,
        /// Why, in words a user understands.
        reason: String,
    },
    /// Saving a profile file failed (the state in memory is still right).
    FileError {
        /// What failed, in words a user understands.
        reason: String,
    },
}

/// How chat content appears in `Debug` output: its size only.
struct Redacted(usize);

impl fmt::Debug for Redacted {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "<{} bytes>", self.0)
    }
}

impl fmt::Debug for SmpEvent {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SmpEvent::AskedForSecret => f.write_str("AskedForSecret"),
            SmpEvent::AskedQuestion { question } => f
                .debug_struct("AskedQuestion")
                .field("question", &Redacted(question.len()))
                .finish(),
            SmpEvent::InProgress { percent } => f
                .debug_struct("InProgress")
                .field("percent", percent)
                .finish(),
            SmpEvent::Succeeded => f.write_str("Succeeded"),
            SmpEvent::Failed => f.write_str("Failed"),
            SmpEvent::Cheated => f.write_str("Cheated"),
            SmpEvent::Aborted => f.write_str("Aborted"),
            SmpEvent::Error => f.write_str("Error"),
        }
    }
}

impl fmt::Debug for OtrEvent {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            OtrEvent::Inject { to, body } => f
                .debug_struct("Inject")
                .field("to", to)
                .field("body", &Redacted(body.len()))
                .finish(),
            OtrEvent::Message {
                from,
                text,
                encrypted,
                unexpected_plaintext,
            } => f
                .debug_struct("Message")
                .field("from", from)
                .field("text", &Redacted(text.len()))
                .field("encrypted", encrypted)
                .field("unexpected_plaintext", unexpected_plaintext)
                .finish(),
            OtrEvent::Sent { id, to, encrypted } => f
                .debug_struct("Sent")
                .field("id", id)
                .field("to", to)
                .field("encrypted", encrypted)
                .finish(),
            OtrEvent::Queued { id, to } => f
                .debug_struct("Queued")
                .field("id", id)
                .field("to", to)
                .finish(),
            OtrEvent::NotSent { id, to, reason } => f
                .debug_struct("NotSent")
                .field("id", id)
                .field("to", to)
                .field("reason", reason)
                .finish(),
            OtrEvent::SessionChanged { peer, state } => f
                .debug_struct("SessionChanged")
                .field("peer", peer)
                .field("state", state)
                .finish(),
            OtrEvent::StillSecure { peer } => {
                f.debug_struct("StillSecure").field("peer", peer).finish()
            }
            OtrEvent::NewFingerprint { peer, fingerprint } => f
                .debug_struct("NewFingerprint")
                .field("peer", peer)
                .field("fingerprint", fingerprint)
                .finish(),
            OtrEvent::Smp { peer, event } => f
                .debug_struct("Smp")
                .field("peer", peer)
                .field("event", event)
                .finish(),
            OtrEvent::ReceiveProblem { from, problem } => f
                .debug_struct("ReceiveProblem")
                .field("from", from)
                .field("problem", problem)
                .finish(),
            OtrEvent::PeerError { from, text } => f
                .debug_struct("PeerError")
                .field("from", from)
                .field("text", &Redacted(text.len()))
                .finish(),
            OtrEvent::KeyGenerationStarted { account } => f
                .debug_struct("KeyGenerationStarted")
                .field("account", account)
                .finish(),
            OtrEvent::KeyGenerated {
                account,
                fingerprint,
            } => f
                .debug_struct("KeyGenerated")
                .field("account", account)
                .field("fingerprint", fingerprint)
                .finish(),
            OtrEvent::KeyGenerationFailed { account, reason } => f
                .debug_struct("KeyGenerationFailed")
                .field("account", account)
                .field("reason", reason)
                .finish(),
            OtrEvent::FileError { reason } => {
                f.debug_struct("FileError").field("reason", reason).finish()
            }
        }
    }
}

#[cfg(test)]
mod tests;
