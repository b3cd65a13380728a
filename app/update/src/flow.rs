//! The two things a user asks for: "is there an update?" and "download it".
//!
//! Both fetch through tor, verify before believing, and never install anything.

use crate::check::{Accepted, CheckContext, CheckError, Verdict, check_manifest, effective_keys};
use crate::download::{DownloadError, KeptDownload, PartialDownload};
use crate::fetch::{FetchError, Fetcher};
use crate::keys::TrustedKeys;
use crate::manifest::MAX_MANIFEST_BYTES;
use crate::state::{StateError, UpdateState};
use std::path::PathBuf;
use std::time::Duration;
use time::OffsetDateTime;

/// A minisign signature file is a few hundred bytes; anything near this is not one.
const MAX_SIGNATURE_BYTES: u64 = 4096;
/// Time allowed for the manifest and its signature.
const MANIFEST_TIME: Duration = Duration::from_secs(180);
/// Time allowed for a bundle (about 100 MB over tor).
const BUNDLE_TIME: Duration = Duration::from_secs(60 * 60);

/// Where to look and what we are.
#[derive(Debug, Clone)]
pub struct UpdateSettings {
    /// The signed manifest's HTTPS URL; its signature is at the same URL + `.minisig`.
    pub manifest_url: String,
    /// Release keys shipped in `keys/`.
    pub keys: TrustedKeys,
    /// The profile file remembering what was seen (rollback defence).
    pub state_path: PathBuf,
    /// Where downloads go (the bundle's `Downloads/`).
    pub downloads: PathBuf,
    /// Our version.
    pub current_version: String,
    /// Our platform, e.g. `linux-x86_64`.
    pub platform: String,
    /// Our channel.
    pub channel: String,
}

/// Why checking or downloading failed.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum UpdateError {
    /// Fetching failed.
    #[error("could not fetch the update information through Tor: {0}")]
    Fetch(#[from] FetchError),
    /// The manifest was refused.
    #[error(transparent)]
    Check(#[from] CheckError),
    /// The profile's update state could not be read or written.
    #[error(transparent)]
    State(#[from] StateError),
    /// The download was refused and deleted.
    #[error(transparent)]
    Download(#[from] DownloadError),
}

/// The result of asking for a download.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DownloadOutcome {
    /// Nothing newer to download.
    UpToDate {
        /// The latest version named.
        latest: String,
    },
    /// A verified bundle is in `Downloads/`.
    Kept(KeptDownload),
}

/// Fetches and checks the manifest, remembers it, and says whether an update exists.
pub async fn check_for_update(
    fetcher: &Fetcher,
    settings: &UpdateSettings,
    now: OffsetDateTime,
) -> Result<Accepted, UpdateError> {
    let state = UpdateState::load(&settings.state_path)?;
    let manifest = fetcher
        .fetch_bytes(
            &settings.manifest_url,
            MAX_MANIFEST_BYTES as u64,
            MANIFEST_TIME,
        )
        .await
        .map_err(|error| match error {
            FetchError::TooLarge { .. } => UpdateError::Check(CheckError::TooLarge),
            other => UpdateError::Fetch(other),
        })?;
    let signature_url = format!("{}.minisig", settings.manifest_url);
    let signature = fetch_signature(fetcher, &signature_url).await?;
    let context = CheckContext {
        shipped_keys: &settings.keys,
        state: &state,
        current_version: &settings.current_version,
        platform: &settings.platform,
        channel: &settings.channel,
        now,
    };
    let accepted = check_manifest(&manifest, &signature, &context)?;
    accepted.new_state.save(&settings.state_path)?;
    Ok(accepted)
}

/// Checks for an update and, if there is one, downloads and verifies it into `Downloads/`.
pub async fn download_update(
    fetcher: &Fetcher,
    settings: &UpdateSettings,
    now: OffsetDateTime,
) -> Result<DownloadOutcome, UpdateError> {
    let accepted = check_for_update(fetcher, settings, now).await?;
    let release = match accepted.verdict {
        Verdict::UpToDate { latest } => return Ok(DownloadOutcome::UpToDate { latest }),
        Verdict::Available(release) => release,
    };
    let bundle_url = url::Url::parse(&settings.manifest_url)
        .and_then(|base| base.join(&release.path))
        .map_err(|error| FetchError::BadUrl(error.to_string()))?
        .to_string();
    let mut partial = PartialDownload::begin(&settings.downloads, &release)?;
    let fetched = fetcher
        .fetch(&bundle_url, release.size, BUNDLE_TIME, |chunk| {
            partial.write(chunk).map_err(|error| error.to_string())
        })
        .await;
    match fetched {
        Ok(_) => {}
        Err(FetchError::TooLarge { .. } | FetchError::Refused(_)) => {
            return Err(DownloadError::TooLarge {
                expected: release.size,
            }
            .into());
        }
        Err(other) => return Err(other.into()),
    }
    let signature = fetch_signature(fetcher, &format!("{bundle_url}.minisig")).await?;
    let keys = effective_keys(&settings.keys, &accepted.new_state);
    Ok(DownloadOutcome::Kept(partial.finish(&signature, &keys)?))
}

async fn fetch_signature(fetcher: &Fetcher, url: &str) -> Result<String, UpdateError> {
    let bytes = fetcher
        .fetch_bytes(url, MAX_SIGNATURE_BYTES, MANIFEST_TIME)
        .await?;
    // A signature that is not text is simply not a signature; verification reports it.
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}
