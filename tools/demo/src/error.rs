//! What can go wrong while setting up the demo.

use std::path::PathBuf;

/// Why the demo environment could not start.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum DemoError {
    /// A real component (tor, ngircd, prosody) failed; the message names it, its port and
    /// the tail of its log.
    #[error(transparent)]
    Harness(#[from] harness::HarnessError),
    /// Writing the demo folder failed.
    #[error("cannot write {path}: {source}")]
    Write {
        /// The file or folder.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// The accounts file could not be written.
    #[error(transparent)]
    Accounts(#[from] messenger_protocol::accounts::AccountsError),
    /// The OTR bot did not start or stopped.
    #[error(
        "the OTR bot (python3-potr) {problem}; its log: {log}\n(it needs Debian's python3-potr and python3-pycryptodome: run `scripts/deps`)"
    )]
    Bot {
        /// What happened.
        problem: String,
        /// The tail of its log.
        log: String,
    },
}
