//! Verifying what users download, by hand and safely.
//!
//! Tor Messenger never updates itself. This crate gives the launcher's `verify`,
//! `check-update` and `download` commands (and the messenger's "Check for updates") their
//! verdicts: minisign signatures checked against the release keys in `keys/`, the sums file
//! checked file by file, and a signed update manifest checked against the attacks a secure
//! update framework defends against (rollback, freeze, endless data, mix-and-match, wrong
//! software, unknown keys). Everything streams: memory stays flat for any file size.

pub mod built_in;
mod check;
mod download;
mod error;
mod fetch;
mod flow;
mod keys;
mod manifest;
mod state;
mod sums;
#[cfg(test)]
mod test_keys;
mod verify;

pub use check::{Accepted, CheckContext, CheckError, Verdict, check_manifest, effective_keys};
pub use download::{DownloadError, KeptDownload, PartialDownload};
pub use error::VerifyError;
pub use fetch::{FetchError, Fetcher, IDLE_TIMEOUT};
pub use flow::{DownloadOutcome, UpdateError, UpdateSettings, check_for_update, download_update};
pub use keys::{KeyId, TrustedKeys};
pub use manifest::{FORMAT, KeyChanges, MAX_MANIFEST_BYTES, Manifest, PRODUCT, PlatformRelease};
pub use state::{StateError, UpdateState};
pub use sums::{SumsLine, SumsOutcome, check_sums, parse_sums};
pub use verify::{Verified, verify_file, verify_reader};
