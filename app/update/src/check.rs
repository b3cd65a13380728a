//! Deciding what a fetched manifest means, refusing every known update attack.

use crate::VerifyError;
use crate::keys::{KeyId, TrustedKeys};
use crate::manifest::{FORMAT, MAX_MANIFEST_BYTES, Manifest, PRODUCT, PlatformRelease};
use crate::state::UpdateState;
use crate::verify::verify_reader;
use sha2::{Digest, Sha256};
use time::OffsetDateTime;

/// What we are and what we have already seen.
#[derive(Debug, Clone)]
pub struct CheckContext<'a> {
    /// Keys shipped in the bundle's `keys/`.
    pub shipped_keys: &'a TrustedKeys,
    /// The profile's memory of earlier checks.
    pub state: &'a UpdateState,
    /// Our own version.
    pub current_version: &'a str,
    /// Our platform, e.g. `linux-x86_64`.
    pub platform: &'a str,
    /// Our channel, e.g. `alpha`.
    pub channel: &'a str,
    /// The time now (passed in so tests control it).
    pub now: OffsetDateTime,
}

/// A manifest that passed every check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Accepted {
    /// The verdict for the user.
    pub verdict: Verdict,
    /// The key that signed it.
    pub signed_by: KeyId,
    /// The state to save in the profile now that it is accepted.
    pub new_state: UpdateState,
}

/// What the user is told.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// Nothing newer than what runs.
    UpToDate {
        /// The version the manifest names.
        latest: String,
    },
    /// A newer release exists; it is downloaded only when the user asks.
    Available(PlatformRelease),
}

/// Why a manifest was refused. Each names the attack it stops.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum CheckError {
    /// Larger than [`MAX_MANIFEST_BYTES`] (endless data).
    #[error(
        "the update manifest is larger than {MAX_MANIFEST_BYTES} bytes: refused (endless data)"
    )]
    TooLarge,
    /// The signature failed or came from an unknown key.
    #[error("the update manifest's signature is not valid: {0}")]
    Signature(#[from] VerifyError),
    /// Signed but not a manifest we can read.
    #[error("the update manifest is signed but malformed: {0}")]
    Malformed(String),
    /// For another product or channel (wrong software).
    #[error(
        "the update manifest is for {product} ({channel}), not for this Tor Messenger: refused"
    )]
    WrongSoftware {
        /// The product it names.
        product: String,
        /// The channel it names.
        channel: String,
    },
    /// Past its expiry (freeze: someone may be replaying an old manifest).
    #[error(
        "the update manifest expired on {expires}: someone may be hiding newer releases from you \
         (or your clock is wrong). Check the date, then try again later"
    )]
    Expired {
        /// Its expiry, RFC 3339.
        expires: String,
    },
    /// Older than one already seen (rollback).
    #[error(
        "the update manifest is older (sequence {got}) than one already seen (sequence \
         {seen}): refused (rollback)"
    )]
    RollbackSequence {
        /// The highest sequence seen.
        seen: u64,
        /// The sequence offered.
        got: u64,
    },
    /// Same sequence as one seen, different content (mix-and-match).
    #[error(
        "the update manifest differs from the one already seen with the same sequence: refused"
    )]
    ConflictingManifest,
    /// Offers a version lower than one already offered (rollback).
    #[error(
        "the update manifest offers version {got}, lower than {seen} offered before: refused (rollback)"
    )]
    RollbackVersion {
        /// The highest version seen.
        seen: String,
        /// The version offered.
        got: String,
    },
    /// Names no release for our platform, or a file that is not ours (mix-and-match).
    #[error("the update manifest has no valid release for {platform}: {why}")]
    WrongPlatform {
        /// Our platform.
        platform: String,
        /// What is wrong.
        why: String,
    },
}

/// Checks `manifest` (raw bytes) and its minisign `signature` text.
pub fn check_manifest(
    manifest: &[u8],
    signature: &str,
    context: &CheckContext<'_>,
) -> Result<Accepted, CheckError> {
    if manifest.len() > MAX_MANIFEST_BYTES {
        return Err(CheckError::TooLarge);
    }
    let keys = effective_keys(context.shipped_keys, context.state);
    let verified = verify_reader(manifest, signature, &keys)?;
    let parsed: Manifest = serde_json::from_slice(manifest)
        .map_err(|error| CheckError::Malformed(error.to_string()))?;
    if parsed.format != FORMAT {
        return Err(CheckError::Malformed(format!(
            "unknown format {}",
            parsed.format
        )));
    }
    if parsed.product != PRODUCT || parsed.channel != context.channel {
        return Err(CheckError::WrongSoftware {
            product: parsed.product,
            channel: parsed.channel,
        });
    }
    if parsed.expires <= context.now {
        return Err(CheckError::Expired {
            expires: parsed
                .expires
                .format(&time::format_description::well_known::Rfc3339)
                .unwrap_or_default(),
        });
    }
    let digest = hex::encode(Sha256::digest(manifest));
    let state = context.state;
    if parsed.sequence < state.highest_sequence {
        return Err(CheckError::RollbackSequence {
            seen: state.highest_sequence,
            got: parsed.sequence,
        });
    }
    if parsed.sequence == state.highest_sequence
        && !state.manifest_sha256.is_empty()
        && state.manifest_sha256 != digest
    {
        return Err(CheckError::ConflictingManifest);
    }
    let release = platform_release(&parsed, context.platform)?;
    let offered = parse_version(&release.version, context.platform)?;
    if let Ok(seen) = semver::Version::parse(&state.highest_version)
        && offered < seen
    {
        return Err(CheckError::RollbackVersion {
            seen: state.highest_version.clone(),
            got: release.version.clone(),
        });
    }
    let current = semver::Version::parse(context.current_version)
        .map_err(|error| CheckError::Malformed(format!("our own version: {error}")))?;
    let verdict = if offered > current {
        Verdict::Available(release.clone())
    } else {
        Verdict::UpToDate {
            latest: release.version.clone(),
        }
    };
    let mut new_state = state.clone();
    new_state.highest_sequence = parsed.sequence;
    new_state.manifest_sha256 = digest;
    new_state.highest_version = release.version.clone();
    for key in &parsed.keys.add {
        if !new_state.added_keys.contains(key) {
            new_state.added_keys.push(key.clone());
        }
    }
    for id in &parsed.keys.revoke {
        if !new_state.revoked_keys.contains(id) {
            new_state.revoked_keys.push(id.clone());
        }
    }
    Ok(Accepted {
        verdict,
        signed_by: verified.key_id,
        new_state,
    })
}

/// The shipped keys, plus keys added by earlier signed manifests, minus revoked ones.
pub fn effective_keys(shipped: &TrustedKeys, state: &UpdateState) -> TrustedKeys {
    let mut keys = shipped.clone();
    for key in &state.added_keys {
        // A malformed key could only come from a signed manifest; it is simply not trusted.
        let _ = keys.add_minisign_pub(key);
    }
    for id in state
        .revoked_keys
        .iter()
        .filter_map(|text| KeyId::from_hex(text))
    {
        keys.remove(id);
    }
    keys
}

fn platform_release<'m>(
    manifest: &'m Manifest,
    platform: &str,
) -> Result<&'m PlatformRelease, CheckError> {
    let wrong = |why: String| CheckError::WrongPlatform {
        platform: platform.to_owned(),
        why,
    };
    let release = manifest
        .platforms
        .get(platform)
        .ok_or_else(|| wrong("no entry for it".into()))?;
    let expected = PlatformRelease::expected_file_name(&release.version, platform);
    if release.file != expected {
        return Err(wrong(format!(
            "file {:?} is not {expected:?}",
            release.file
        )));
    }
    let path_file = release.path.rsplit('/').next().unwrap_or_default();
    if path_file != release.file || release.path.split('/').any(|part| part == "..") {
        return Err(wrong(format!(
            "path {:?} does not lead to {:?}",
            release.path, release.file
        )));
    }
    let sha_ok = release.sha256.len() == 64
        && release
            .sha256
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b));
    if !sha_ok {
        return Err(wrong("its sha256 is not 64 lower-case hex digits".into()));
    }
    Ok(release)
}

fn parse_version(version: &str, platform: &str) -> Result<semver::Version, CheckError> {
    semver::Version::parse(version).map_err(|_| CheckError::WrongPlatform {
        platform: platform.to_owned(),
        why: format!("version {version:?} is not a version number"),
    })
}

#[cfg(test)]
mod tests;
