//! Authority keys kept between test processes of the same user for a while.
//!
//! Making them (an RSA-3072 identity with `tor-gencert`, relay keys with
//! `tor --list-fingerprint`) costs about a second of CPU, and eight seconds when other builds
//! load the machine; every test binary that uses tor would pay it. They are still made at run
//! time by the same tools, never committed, and replaced long before their certificates
//! (12 months) expire. Any problem with the cache means fresh keys, never a failure.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use super::keys::{AuthorityIdentity, read_authority_identity, recertify_authority};
use super::torrc::RelaySpec;

/// Keys older than this are made again (their certificates last 12 months).
const MAX_AGE: Duration = Duration::from_secs(180 * 24 * 60 * 60);
const CREATED_FILE: &str = "created-unix";
/// What is copied per authority: its key directory and the fingerprint file.
const KEY_DIR: &str = "keys";
const FINGERPRINT_FILE: &str = "fingerprint";

fn cache_root() -> PathBuf {
    // SAFETY: geteuid(2) has no preconditions and cannot fail.
    let uid = unsafe { libc::geteuid() };
    std::env::temp_dir().join(format!("harness-tor-authority-keys-v1-{uid}"))
}

fn now_unix() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|since| since.as_secs())
        .unwrap_or_default()
}

/// Copies cached keys into each authority's data directory (under `data_root/NICKNAME`),
/// certifies them for this run's DirPort, and returns their identities, or `None` when there
/// is no fresh, complete cache.
pub(crate) fn load(
    authorities: &[&RelaySpec],
    data_root: &Path,
    tor_gencert: &Path,
) -> Option<Vec<AuthorityIdentity>> {
    let root = cache_root();
    if !is_fresh(&root) {
        return None;
    }
    authorities
        .iter()
        .map(|spec| {
            let cached = root.join(&spec.nickname);
            let data_dir = data_root.join(&spec.nickname);
            copy_dir(&cached.join(KEY_DIR), &data_dir.join(KEY_DIR))?;
            fs::copy(
                cached.join(FINGERPRINT_FILE),
                data_dir.join(FINGERPRINT_FILE),
            )
            .ok()?;
            let component = format!("tor {}", spec.nickname);
            recertify_authority(&component, tor_gencert, &data_dir, spec.dir_port?).ok()?;
            read_authority_identity(&data_dir)
        })
        .collect()
}

/// Keeps freshly made keys for later test processes (best effort, atomic: a reader sees the
/// whole cache or none).
pub(crate) fn store(authorities: &[&RelaySpec], data_root: &Path) {
    let root = cache_root();
    let Some(parent) = root.parent() else {
        return;
    };
    let Ok(staging) = tempfile::Builder::new()
        .prefix(".harness-tor-keys-staging-")
        .tempdir_in(parent)
    else {
        return;
    };
    for spec in authorities {
        let source = data_root.join(&spec.nickname);
        let target = staging.path().join(&spec.nickname);
        if copy_dir(&source.join(KEY_DIR), &target.join(KEY_DIR)).is_none()
            || fs::copy(source.join(FINGERPRINT_FILE), target.join(FINGERPRINT_FILE)).is_err()
        {
            return;
        }
    }
    if fs::write(staging.path().join(CREATED_FILE), now_unix().to_string()).is_err() {
        return;
    }
    // Only a stale cache is removed. A fresh one that another test process stored meanwhile
    // stays: `rename` onto a non-empty directory fails, so a reader never sees keys of two
    // different stores mixed.
    if root.exists() && !is_fresh(&root) {
        let _ = fs::remove_dir_all(&root);
    }
    let staging_path = staging.keep();
    if fs::rename(&staging_path, &root).is_err() {
        let _ = fs::remove_dir_all(&staging_path);
    }
}

/// Whether the cache at `root` is complete (its marker is written last) and young enough.
fn is_fresh(root: &Path) -> bool {
    fs::read_to_string(root.join(CREATED_FILE))
        .ok()
        .and_then(|text| text.trim().parse::<u64>().ok())
        .is_some_and(|created| now_unix().saturating_sub(created) <= MAX_AGE.as_secs())
}

/// Copies the regular files of one directory (private, as tor wants its key directory).
fn copy_dir(from: &Path, to: &Path) -> Option<()> {
    use std::os::unix::fs::DirBuilderExt;
    fs::DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(to)
        .ok()?;
    for entry in fs::read_dir(from).ok()? {
        let entry = entry.ok()?;
        if entry.file_type().ok()?.is_file() {
            fs::copy(entry.path(), to.join(entry.file_name())).ok()?;
        }
    }
    Some(())
}
