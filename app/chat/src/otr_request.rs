//! What the user asks of OTR in one conversation.

/// What the user asks of OTR in one conversation: the UI produces it, the session carries it
/// out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OtrRequest {
    /// Start a private conversation.
    Start,
    /// Restart it (new keys).
    Refresh,
    /// End it (the contact is told).
    End,
    /// Start identity verification with a question only the contact can answer.
    AskQuestion {
        /// Shown to the contact.
        question: String,
        /// Never sent; compared by SMP.
        answer: String,
    },
    /// Start identity verification with a secret both sides know.
    SharedSecret {
        /// Never sent; compared by SMP.
        secret: String,
    },
    /// Answer the contact's verification request.
    Respond {
        /// Never sent; compared by SMP.
        answer: String,
    },
    /// The user compared fingerprints by another channel and they match.
    TrustFingerprint,
    /// Stop a verification in progress.
    AbortVerification,
}
