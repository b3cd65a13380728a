//! What a build bakes in for update checks: the release public keys (`keys/*.pub`), the
//! platform, the channel and the manifest address. One place, used by the launcher and the
//! messenger, so both check updates with the same keys and the same expectations.

use std::path::Path;

use crate::{TrustedKeys, VerifyError};

include!(concat!(env!("OUT_DIR"), "/release_keys.rs"));

/// The platform, as release file names spell it. Only x86_64 Linux is released today;
/// another target gets its own name here when it is.
pub const PLATFORM: &str = "linux-x86_64";

/// The release channel, set by the build recipe (`TOR_MESSENGER_CHANNEL`), else `alpha`.
pub const CHANNEL: &str = match option_env!("TOR_MESSENGER_CHANNEL") {
    Some(channel) => channel,
    None => "alpha",
};

/// The manifest address built in by the release recipe (`TOR_MESSENGER_UPDATE_URL` in
/// projects/tor-messenger/config), if any.
pub const MANIFEST_URL: Option<&str> =
    manifest_url_from_build(option_env!("TOR_MESSENGER_UPDATE_URL"));

/// A build-time manifest address: unset or blank means "none" (the recipe sets it empty
/// while the project has no update server), so users get a plain "no update address"
/// message instead of a URL parse error.
pub const fn manifest_url_from_build(value: Option<&'static str>) -> Option<&'static str> {
    match value {
        Some(url) if !url.trim_ascii().is_empty() => Some(url.trim_ascii()),
        _ => None,
    }
}

/// The release keys built into this binary: empty in a build without `keys/*.pub`; an
/// unreadable key file is an error naming it (a broken build, never silently skipped).
pub fn release_keys() -> Result<TrustedKeys, VerifyError> {
    keys_from(RELEASE_KEYS)
}

fn keys_from(files: &[(&str, &str)]) -> Result<TrustedKeys, VerifyError> {
    let mut keys = TrustedKeys::empty();
    for (name, text) in files {
        keys.add_minisign_pub(text)
            .ok_or_else(|| VerifyError::BadKey {
                path: Path::new("keys").join(name),
            })?;
    }
    Ok(keys)
}

#[cfg(test)]
mod tests;
