//! The errors of the OTR layer. None of them ever carries message text or a secret.

use std::path::PathBuf;

/// Which profile file an error is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    /// `otr.private_key`: our private DSA keys.
    PrivateKey,
    /// `otr.fingerprints`: peers' fingerprints and their trust.
    Fingerprints,
    /// `otr.instance_tags`: our v3 instance tags.
    InstanceTags,
}

impl std::fmt::Display for FileKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            FileKind::PrivateKey => "OTR private key file",
            FileKind::Fingerprints => "OTR fingerprints file",
            FileKind::InstanceTags => "OTR instance tags file",
        })
    }
}

/// Everything that can go wrong in the OTR layer.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum OtrError {
    /// libotr could not be initialised (too old a library).
    #[error("libotr could not be initialised (error {0}); reinstall the messenger")]
    Init(u32),
    /// A profile file exists but cannot be parsed (truncated, edited, damaged). It is left
    /// untouched; OTR stays off for this profile until the user moves it away.
    #[error("the {kind} is damaged ({reason}); it was left untouched: move it away to start over")]
    CorruptFile {
        /// Which file.
        kind: FileKind,
        /// What is wrong, without any of the file's content.
        reason: String,
    },
    /// Reading or writing a profile file failed.
    #[error("could not {action} the {kind}: {source}")]
    Io {
        /// Which file.
        kind: FileKind,
        /// "read", "write"...
        action: &'static str,
        /// The system error.
        #[source]
        source: std::io::Error,
    },
    /// The profile directory cannot be used.
    #[error("the profile folder {path} cannot be used: {source}")]
    ProfileDir {
        /// The folder.
        path: PathBuf,
        /// The system error.
        #[source]
        source: std::io::Error,
    },
    /// A name (account, peer) contains a NUL byte, which libotr cannot carry.
    #[error("a name contains a NUL character and cannot be used with OTR")]
    InvalidName,
    /// The operation needs a private conversation and there is none.
    #[error("no private conversation with this contact")]
    NotPrivate,
    /// No such fingerprint is known for this contact.
    #[error("this fingerprint is not known for this contact")]
    UnknownFingerprint,
    /// libotr reported an error code.
    #[error("libotr failed ({0})")]
    Libotr(u32),
    /// The OTR thread could not be started.
    #[error("could not start the OTR thread: {0}")]
    Thread(#[source] std::io::Error),
    /// The OTR thread has stopped (the engine was shut down or crashed).
    #[error("the OTR engine has stopped")]
    EngineStopped,
}
