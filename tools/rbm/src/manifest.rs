//! `manifest.json`: the signed update manifest of a release directory (format in
//! docs/update-manifest.md).
//!
//! It is written with messenger-update's own [`Manifest`] type and, after signing, checked
//! with messenger-update's own [`check_manifest`], so the writer and the clients' checker can
//! never disagree. Everything in it comes from committed data and the bundles, so two builds
//! of one commit write the same bytes: `issued` is `SOURCE_DATE_EPOCH`, `expires` is that
//! plus a committed number of days, and the sequence number is committed too (the release
//! manager bumps it in `projects/release/config`; docs/release-keys.md).

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use messenger_update::{
    CheckContext, FORMAT, KeyChanges, KeyId, MAX_MANIFEST_BYTES, Manifest, PRODUCT,
    PlatformRelease, TrustedKeys, UpdateState, check_manifest,
};
use time::OffsetDateTime;

use crate::digest::sha256_file;

/// The manifest's file name in a release directory (its signature: `manifest.json.minisig`).
pub const MANIFEST_FILE: &str = "manifest.json";
/// The longest validity accepted: a manifest valid for longer lets a replayed old one hide
/// newer releases (indefinite freeze) for longer than a release cycle.
pub const MAX_VALID_DAYS: u32 = 366;
const SECONDS_PER_DAY: i64 = 24 * 60 * 60;

/// What the manifest says beyond the bundles themselves: all committed values.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ManifestSettings {
    /// The release's version (`rbm-config`'s `version`, semver).
    pub version: String,
    /// The release channel (`rbm-config`'s `channel`).
    pub channel: String,
    /// The manifest's sequence number (at least 1; bumped for every manifest published).
    pub sequence: u64,
    /// `issued`, seconds since 1970 (the build's `SOURCE_DATE_EPOCH`).
    pub issued: i64,
    /// `expires` is `issued` plus this many days (1 to [`MAX_VALID_DAYS`]).
    pub valid_days: u32,
    /// Public keys (minisign base64 lines) announced for later manifests (rotation).
    pub add_keys: Vec<String>,
    /// Key ids no longer trusted (revocation).
    pub revoke_keys: Vec<String>,
}

/// Why no manifest was written, or why a signed one does not check out.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ManifestError {
    /// A file could not be read or written.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// What the system said.
        source: std::io::Error,
    },
    /// A bundle could not be hashed.
    #[error(transparent)]
    Digest(#[from] crate::Error),
    /// A setting is not usable; the message says which and how to fix it.
    #[error("manifest: {0}")]
    Setting(String),
    /// The release directory holds no bundle of this version.
    #[error(
        "manifest: {dir} holds no {PRODUCT}-{version}-PLATFORM.tar.xz: build the bundle first \
         (or fix `version` in rbm-config)"
    )]
    NoBundle {
        /// The release directory.
        dir: PathBuf,
        /// The version looked for.
        version: String,
    },
    /// A bundle of another version (a leftover) would be published beside this one.
    #[error(
        "manifest: {file} is not a bundle of version {version} ({PRODUCT}-{version}-PLATFORM.tar.xz); \
         remove it from the release directory"
    )]
    StrayBundle {
        /// The file's name.
        file: String,
        /// The release's version.
        version: String,
    },
    /// The encoded manifest is larger than clients accept.
    #[error("manifest: {0} bytes is more than the {MAX_MANIFEST_BYTES} clients accept")]
    TooLarge(usize),
    /// The manifest or its signature is missing.
    #[error("{path} is missing: build the release with `make release` (and sign it)")]
    Missing {
        /// The missing file.
        path: PathBuf,
    },
    /// The public keys to check with could not be loaded.
    #[error("public key {path}: not a minisign public key")]
    BadPublicKey {
        /// The key file.
        path: PathBuf,
    },
    /// The signed manifest is refused by the clients' own checks.
    #[error("the signed manifest would be refused by clients ({platform}): {reason}")]
    Refused {
        /// The platform checked.
        platform: String,
        /// messenger-update's verdict.
        reason: String,
    },
    /// A bundle changed after the manifest was written.
    #[error(
        "{file} no longer matches the manifest ({what}): rebuild the release, do not publish this"
    )]
    BundleChanged {
        /// The bundle.
        file: String,
        /// Size or sha256.
        what: &'static str,
    },
}

type Result<T> = std::result::Result<T, ManifestError>;

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> ManifestError + '_ {
    move |source| ManifestError::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// The manifest for the bundles in `dir` (one per platform, named
/// `tor-messenger-VERSION-PLATFORM.tar.xz`), each downloaded from beside the manifest.
pub fn build_manifest(dir: &Path, settings: &ManifestSettings) -> Result<Manifest> {
    semver::Version::parse(&settings.version).map_err(|error| {
        ManifestError::Setting(format!(
            "version {:?} is not a semantic version ({error}); clients compare versions",
            settings.version
        ))
    })?;
    if settings.channel.is_empty() {
        return Err(ManifestError::Setting("the channel is empty".into()));
    }
    if settings.sequence == 0 {
        return Err(ManifestError::Setting(
            "sequence 0: start at 1 (clients remember 0 as `nothing seen`)".into(),
        ));
    }
    if !(1..=MAX_VALID_DAYS).contains(&settings.valid_days) {
        return Err(ManifestError::Setting(format!(
            "valid for {} days: give 1 to {MAX_VALID_DAYS}",
            settings.valid_days
        )));
    }
    let issued = OffsetDateTime::from_unix_timestamp(settings.issued).map_err(|error| {
        ManifestError::Setting(format!("issued time {}: {error}", settings.issued))
    })?;
    let expires = OffsetDateTime::from_unix_timestamp(
        settings.issued + i64::from(settings.valid_days) * SECONDS_PER_DAY,
    )
    .map_err(|error| ManifestError::Setting(format!("expiry: {error}")))?;
    Ok(Manifest {
        format: FORMAT,
        product: PRODUCT.to_owned(),
        channel: settings.channel.clone(),
        sequence: settings.sequence,
        issued,
        expires,
        platforms: platforms(dir, &settings.version)?,
        keys: key_changes(settings)?,
    })
}

/// The manifest's bytes: pretty JSON with a final newline. Struct fields keep their
/// declared order and platforms are a sorted map, so equal manifests give equal bytes.
pub fn manifest_bytes(manifest: &Manifest) -> Result<Vec<u8>> {
    let mut bytes = serde_json::to_vec_pretty(manifest)
        .map_err(|error| ManifestError::Setting(format!("cannot encode it: {error}")))?;
    bytes.push(b'\n');
    if bytes.len() > MAX_MANIFEST_BYTES {
        return Err(ManifestError::TooLarge(bytes.len()));
    }
    Ok(bytes)
}

/// Writes `dir/manifest.json` for the bundles in `dir`; returns its path.
pub fn write_manifest(dir: &Path, settings: &ManifestSettings) -> Result<PathBuf> {
    let bytes = manifest_bytes(&build_manifest(dir, settings)?)?;
    let path = dir.join(MANIFEST_FILE);
    fs::write(&path, bytes).map_err(io(&path))?;
    Ok(path)
}

/// After signing: checks `dir/manifest.json` and its signature the way clients will (with
/// messenger-update's [`check_manifest`], a fresh profile, the time `now` and the public keys
/// in `public_keys`), and that each bundle it names is still the one beside it.
pub fn check_signed_manifest(
    dir: &Path,
    public_keys: &[PathBuf],
    now: OffsetDateTime,
) -> Result<Manifest> {
    let path = dir.join(MANIFEST_FILE);
    let signature_path = dir.join(format!("{MANIFEST_FILE}.minisig"));
    for needed in [&path, &signature_path] {
        if !needed.is_file() {
            return Err(ManifestError::Missing {
                path: needed.clone(),
            });
        }
    }
    let bytes = fs::read(&path).map_err(io(&path))?;
    let signature = fs::read_to_string(&signature_path).map_err(io(&signature_path))?;
    let mut keys = TrustedKeys::empty();
    for key in public_keys {
        let text = fs::read_to_string(key).map_err(io(key))?;
        keys.add_minisign_pub(&text)
            .ok_or_else(|| ManifestError::BadPublicKey { path: key.clone() })?;
    }
    let manifest: Manifest = serde_json::from_slice(&bytes)
        .map_err(|error| ManifestError::Setting(format!("{}: {error}", path.display())))?;
    let fresh = UpdateState::default();
    for (platform, release) in &manifest.platforms {
        let context = CheckContext {
            shipped_keys: &keys,
            state: &fresh,
            // Older than any release: every platform's entry must come out as an update.
            current_version: "0.0.0",
            platform,
            channel: &manifest.channel,
            now,
        };
        check_manifest(&bytes, &signature, &context).map_err(|error| ManifestError::Refused {
            platform: platform.clone(),
            reason: error.to_string(),
        })?;
        let file = dir.join(&release.file);
        let size = fs::metadata(&file).map_err(io(&file))?.len();
        if size != release.size {
            return Err(ManifestError::BundleChanged {
                file: release.file.clone(),
                what: "size",
            });
        }
        if sha256_of(&file)? != release.sha256 {
            return Err(ManifestError::BundleChanged {
                file: release.file.clone(),
                what: "sha256",
            });
        }
    }
    Ok(manifest)
}

fn platforms(dir: &Path, version: &str) -> Result<BTreeMap<String, PlatformRelease>> {
    let prefix = format!("{PRODUCT}-{version}-");
    let mut platforms = BTreeMap::new();
    for entry in fs::read_dir(dir).map_err(io(dir))? {
        let entry = entry.map_err(io(dir))?;
        let name = entry.file_name().to_string_lossy().into_owned();
        let is_file = entry.file_type().map_err(io(&entry.path()))?.is_file();
        if !is_file || !name.starts_with(&format!("{PRODUCT}-")) || !name.ends_with(".tar.xz") {
            continue;
        }
        let platform = name
            .strip_prefix(&prefix)
            .and_then(|rest| rest.strip_suffix(".tar.xz"))
            .filter(|platform| is_platform_name(platform))
            .ok_or_else(|| ManifestError::StrayBundle {
                file: name.clone(),
                version: version.to_owned(),
            })?;
        let path = entry.path();
        let release = PlatformRelease {
            version: version.to_owned(),
            file: PlatformRelease::expected_file_name(version, platform),
            size: entry.metadata().map_err(io(&path))?.len(),
            sha256: sha256_of(&path)?,
            // Beside the manifest: the release directory is published as one folder.
            path: name.clone(),
        };
        platforms.insert(platform.to_owned(), release);
    }
    if platforms.is_empty() {
        return Err(ManifestError::NoBundle {
            dir: dir.to_path_buf(),
            version: version.to_owned(),
        });
    }
    Ok(platforms)
}

/// Target names as rbm-config spells them, e.g. `linux-x86_64`.
fn is_platform_name(name: &str) -> bool {
    !name.is_empty()
        && name
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_' || b == b'-')
}

fn key_changes(settings: &ManifestSettings) -> Result<KeyChanges> {
    let mut changes = KeyChanges::default();
    for key in &settings.add_keys {
        let not_a_key = || {
            ManifestError::Setting(format!(
                "{key:?} is not a minisign public key (give the base64 line of the .pub file)"
            ))
        };
        // Only the base64 line: a comment line is not signed by minisign and means nothing.
        let line = key
            .lines()
            .map(str::trim)
            .find(|line| !line.is_empty() && !line.starts_with("untrusted comment:"))
            .ok_or_else(not_a_key)?;
        TrustedKeys::empty()
            .add_minisign_pub(line)
            .ok_or_else(not_a_key)?;
        if !changes.add.iter().any(|known| known == line) {
            changes.add.push(line.to_owned());
        }
    }
    for id in &settings.revoke_keys {
        let parsed = KeyId::from_hex(id).ok_or_else(|| {
            ManifestError::Setting(format!(
                "{id:?} is not a key id (16 hex digits, as minisign prints it)"
            ))
        })?;
        // minisign's own spelling, so the same key always reads the same.
        changes.revoke.push(parsed.to_string());
    }
    Ok(changes)
}

fn sha256_of(path: &Path) -> Result<String> {
    Ok(sha256_file(path)?)
}

#[cfg(test)]
mod tests;
