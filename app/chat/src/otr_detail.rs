//! The OTR facts of one private conversation beyond its four-state status: fingerprints,
//! whether the peer's computer is new to us, and work in progress (key generation, SMP).

/// Work the OTR layer is doing that the user should see progress for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OtrProgress {
    /// Our private key is being generated (takes a moment; nothing private is possible yet).
    GeneratingKey,
    /// The identity check (Socialist Millionaires' Protocol) is at `step` of `of`.
    Verifying {
        /// The step reached.
        step: u8,
        /// The number of steps.
        of: u8,
    },
    /// The identity check ended: `true` when both sides knew the same secret.
    VerificationDone {
        /// Whether the contact's identity is now verified.
        success: bool,
    },
}

/// OTR details of one conversation, filled by the binary from the OTR layer.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct OtrDetail {
    /// Our own fingerprint for this account (hex, as OTR shows it).
    pub own_fingerprint: Option<String>,
    /// The fingerprint the peer presented in this session.
    pub peer_fingerprint: Option<String>,
    /// The peer's fingerprint was never seen before: nudge the user to verify it.
    pub unrecognized: bool,
    /// The peer started an identity check and asked this question (None: shared secret).
    pub peer_question: Option<String>,
    /// The peer started an identity check we have not answered yet.
    pub peer_asked: bool,
    /// What is in progress.
    pub progress: Option<OtrProgress>,
}
