//! What an update check found, as the UI shows it. The binary maps the verdicts and refusals
//! of `messenger-update` (the same ones the launcher's `check-update` prints) onto these, so
//! this crate stays on egui alone. Nothing is ever downloaded or installed from here.

/// The state of the last update check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UpdateStatus {
    /// A check is running (through tor).
    Checking,
    /// This build has no manifest address: checks are not possible.
    NotConfigured,
    /// Nothing newer than what runs.
    UpToDate {
        /// Our version.
        current: String,
        /// The latest release the signed manifest names.
        latest: String,
    },
    /// A newer release exists; the user fetches it by hand.
    Available {
        /// Its version.
        version: String,
        /// Its size in bytes.
        size: u64,
    },
    /// The check failed or the manifest was refused.
    Refused(UpdateRefusal),
}

/// Why a check gave no verdict. Each refusal names the attack it stops, in the user's words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UpdateRefusal {
    /// Tor, TLS or the server failed; `detail` says which (English, from the network layer).
    Unreachable {
        /// What failed.
        detail: String,
    },
    /// The manifest is past its expiry date (freeze attack, or a wrong clock).
    Expired {
        /// Its expiry date.
        expires: String,
    },
    /// An older manifest than one already seen (rollback).
    RollbackSequence {
        /// Highest sequence seen.
        seen: u64,
        /// Sequence offered.
        got: u64,
    },
    /// A lower version than one already offered (rollback).
    RollbackVersion {
        /// Highest version seen.
        seen: String,
        /// Version offered.
        got: String,
    },
    /// A different manifest with the sequence of one already seen (mix-and-match).
    Conflicting,
    /// Signed by a key that is not a release key.
    UnknownKey {
        /// The signer's key id.
        key_id: String,
    },
    /// The signature does not match (tampered or damaged), or is not a valid signature.
    BadSignature,
    /// For another product or channel (wrong software).
    WrongSoftware,
    /// No valid release for this platform (mix-and-match).
    WrongPlatform,
    /// Larger than allowed (endless data).
    TooLarge,
    /// Signed but unreadable.
    Malformed,
    /// Refused for a reason this version does not know by name.
    Other {
        /// What happened (English, from `messenger-update`).
        detail: String,
    },
    /// The profile's record of earlier checks cannot be used.
    StateFile {
        /// What is wrong (English, names the file).
        detail: String,
    },
}
