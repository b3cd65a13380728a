//! `bridges add|list|remove`: bridge lines kept in the user torrc (`Data/Tor/torrc`).

mod line;
mod user_torrc;

use std::path::PathBuf;

pub use line::{BridgeLine, SUPPORTED_TRANSPORTS};
pub use user_torrc::{OBFS4_PLUGIN_LINE, UserTorrc};

use crate::profile::Profile;

/// A bridge command failed.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum BridgeError {
    /// The line is not a valid bridge line.
    #[error("invalid bridge line {line:?}: {reason}")]
    InvalidLine {
        /// The line as given (shortened if long).
        line: String,
        /// What is wrong with it.
        reason: String,
    },
    /// The line uses a transport the bundle cannot run.
    #[error(
        "bridge line {line:?} uses the transport {transport:?}, which this launcher cannot run \
         (supported: obfs4, or a plain bridge IP:PORT FINGERPRINT)"
    )]
    UnsupportedTransport {
        /// The line.
        line: String,
        /// The transport named.
        transport: String,
    },
    /// `remove N` with no bridge N.
    #[error("there is no bridge number {number} (there are {count}; see `bridges list`)")]
    NoSuchBridge {
        /// The number asked for.
        number: usize,
        /// How many bridges there are.
        count: usize,
    },
    /// Reading or writing the torrc failed.
    #[error("cannot read or write {path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The system's reason.
        source: std::io::Error,
    },
}

/// Adds a bridge to the profile's torrc. Returns `false` if it was already there.
pub fn add(profile: &Profile, input: &str) -> Result<bool, BridgeError> {
    let bridge = BridgeLine::parse(input)?;
    let path = profile.user_torrc();
    let mut torrc = UserTorrc::load(&path)?;
    let added = torrc.add_bridge(&bridge);
    if added {
        profile.ensure_tor_dir().map_err(|error| BridgeError::Io {
            path: profile.tor_dir(),
            source: std::io::Error::other(error.to_string()),
        })?;
        torrc.save(&path)?;
    }
    Ok(added)
}

/// The profile's bridges, in order.
pub fn list(profile: &Profile) -> Result<Vec<String>, BridgeError> {
    Ok(UserTorrc::load(&profile.user_torrc())?.bridges())
}

/// Removes bridge `number` (from 1). Returns the removed line.
pub fn remove(profile: &Profile, number: usize) -> Result<String, BridgeError> {
    let path = profile.user_torrc();
    let mut torrc = UserTorrc::load(&path)?;
    let removed = torrc.remove_bridge(number)?;
    torrc.save(&path)?;
    Ok(removed)
}
