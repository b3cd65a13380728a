//! The update manifest: what the project says is the current release, signed.
//!
//! The format is documented in `docs/update-manifest.md`.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use time::OffsetDateTime;

/// The product name every manifest must carry (wrong-software defence).
pub const PRODUCT: &str = "tor-messenger";
/// The manifest format this code reads.
pub const FORMAT: u32 = 1;
/// Manifests larger than this are refused unread (endless-data defence).
pub const MAX_MANIFEST_BYTES: usize = 64 * 1024;

/// A signed statement of the current release for each platform.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    /// Always [`FORMAT`].
    pub format: u32,
    /// Always [`PRODUCT`].
    pub product: String,
    /// Release channel, e.g. `alpha` or `stable`.
    pub channel: String,
    /// Grows with every manifest the project signs; never accepted lower than seen before.
    pub sequence: u64,
    /// When it was signed.
    #[serde(with = "time::serde::rfc3339")]
    pub issued: OffsetDateTime,
    /// After this instant the manifest is refused (freeze defence).
    #[serde(with = "time::serde::rfc3339")]
    pub expires: OffsetDateTime,
    /// The release for each platform, keyed by target name such as `linux-x86_64`.
    pub platforms: BTreeMap<String, PlatformRelease>,
    /// Key rotation: keys to trust from now on and key ids to stop trusting.
    #[serde(default, skip_serializing_if = "KeyChanges::is_empty")]
    pub keys: KeyChanges,
}

/// One platform's release.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlatformRelease {
    /// Its version (semver).
    pub version: String,
    /// The bundle's file name: `tor-messenger-VERSION-PLATFORM.tar.xz`.
    pub file: String,
    /// Its exact size in bytes.
    pub size: u64,
    /// Its SHA-256, lower-case hex.
    pub sha256: String,
    /// Where to fetch it, relative to the manifest's URL; it must end in `file`.
    pub path: String,
}

/// Announced changes to the release keys, valid only inside a correctly signed manifest.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct KeyChanges {
    /// New public keys (minisign base64 lines) to trust for later manifests.
    #[serde(default)]
    pub add: Vec<String>,
    /// Key ids (16 hex digits, as minisign prints them) no longer trusted.
    #[serde(default)]
    pub revoke: Vec<String>,
}

impl KeyChanges {
    /// Whether it changes nothing.
    pub fn is_empty(&self) -> bool {
        self.add.is_empty() && self.revoke.is_empty()
    }
}

impl PlatformRelease {
    /// The file name a release of `version` for `platform` must have.
    pub fn expected_file_name(version: &str, platform: &str) -> String {
        format!("{PRODUCT}-{version}-{platform}.tar.xz")
    }
}
