//! `bridges add|use|list|remove|off`: how tor reaches the Tor network (directly, the built-in
//! obfs4 or snowflake bridges, or the person's own), kept in the user torrc (`Data/Tor/torrc`),
//! and the person's own bridges kept in `Data/Tor/custom-bridges`.
//!
//! A change goes to tor itself when tor runs (a launcher is running on this profile):
//! `SETCONF` on its control port, then `SAVECONF`, so tor writes its own torrc and nobody
//! edits the file behind it. Otherwise the launcher edits the torrc, which tor reads at its
//! next start.

mod live;
mod user_torrc;

use std::path::PathBuf;

pub use live::{apply_live, apply_to_running_tor};
pub use user_torrc::{LEGACY_OBFS4_PLUGIN_LINE, UserTorrc};

use crate::bundle::Bundle;
use crate::profile::Profile;
use messenger_bridges::{
    BridgeLine, BridgeMode, BridgeSelection, CustomBridges, CustomBridgesError, LineError,
    PluggableTransports, PtConfig, PtConfigError, SelectionError, Transport,
};
use messenger_tor_control::ControlError;

/// A bridge command failed; nothing was changed.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum BridgeError {
    /// A bridge line does not parse (the error names it).
    #[error("{0}. Nothing was changed")]
    Line(#[from] LineError),
    /// The choice cannot be applied (no such bridges, a transport not available here).
    #[error("{0}. Nothing was changed")]
    Selection(#[from] SelectionError),
    /// The person's own bridges could not be read or written.
    #[error(transparent)]
    Custom(#[from] CustomBridgesError),
    /// The bundle's `pt_config` is damaged.
    #[error("{0} (unpack the bundle again)")]
    PtConfig(#[from] PtConfigError),
    /// `remove N` with no bridge N.
    #[error("there is no bridge number {number} (you have {count}; see `bridges list`)")]
    NoSuchBridge {
        /// The number asked for.
        number: usize,
        /// How many bridges there are.
        count: usize,
    },
    /// The running tor refused the change (it keeps its old configuration).
    #[error("the running tor refused the change, nothing was changed: {0}")]
    Refused(ControlError),
    /// Reading or writing the torrc failed.
    #[error("cannot read or write {path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The system's reason.
        source: std::io::Error,
    },
}

/// Where a change took effect.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Applied {
    /// The running tor uses it now (and saved it in its torrc).
    Now,
    /// Written into the torrc: tor uses it from its next start.
    NextStart,
}

/// The profile's bridges, with the bundle's transports.
#[derive(Debug)]
pub struct Bridges {
    profile: Profile,
    config: PtConfig,
    transports: PluggableTransports,
}

impl Bridges {
    /// The bridges of `profile`, for the bundle around the launcher.
    pub fn new(profile: Profile, bundle: &Bundle) -> Result<Self, BridgeError> {
        let config = PtConfig::for_bundle(bundle.dir())?;
        let transports =
            PluggableTransports::locate(&config, bundle.dir(), std::env::var_os("PATH").as_deref());
        Ok(Self {
            profile,
            config,
            transports,
        })
    }

    /// The bridges of `profile` with transports already found.
    pub fn with(profile: Profile, config: PtConfig, transports: PluggableTransports) -> Self {
        Self {
            profile,
            config,
            transports,
        }
    }

    /// The bundle's transports and built-in bridges.
    pub fn config(&self) -> &PtConfig {
        &self.config
    }

    /// What the user torrc says tor uses.
    pub fn current(&self) -> Result<BridgeSelection, BridgeError> {
        let torrc = UserTorrc::load(&self.profile.user_torrc())?;
        Ok(BridgeSelection::from_options(
            torrc.use_bridges(),
            &torrc.bridges(),
            &self.config,
        ))
    }

    /// The person's own bridges: the file, or (before there was one) the bridges in the
    /// torrc that are not built-in ones.
    pub fn own(&self) -> Result<CustomBridges, BridgeError> {
        let path = CustomBridges::path(&self.profile.tor_dir());
        if let Some(own) = CustomBridges::load(&path)? {
            return Ok(own);
        }
        let current = self.current()?;
        let bridges = match current.mode {
            BridgeMode::Custom => current
                .bridges
                .iter()
                .filter_map(|value| BridgeLine::parse(value).ok())
                .collect(),
            _ => Vec::new(),
        };
        Ok(CustomBridges { bridges })
    }

    /// Keeps `own` as the person's own bridges.
    pub fn save_own(&self, own: &CustomBridges) -> Result<(), BridgeError> {
        self.ensure_tor_dir()?;
        Ok(own.save(&CustomBridges::path(&self.profile.tor_dir()))?)
    }

    fn ensure_tor_dir(&self) -> Result<(), BridgeError> {
        self.profile
            .ensure_tor_dir()
            .map_err(|error| BridgeError::Io {
                path: self.profile.tor_dir(),
                source: std::io::Error::other(error.to_string()),
            })
    }

    /// Adds the bridges in `text` (one or several lines) to the person's own and uses them.
    /// All lines are checked first: one bad line, and nothing is written. Returns how many
    /// were new and where the change took effect.
    pub fn add(&self, text: &str) -> Result<(usize, usize, Applied), BridgeError> {
        let (own, added, selection) = self.prepare_add(text)?;
        let applied = self.apply(&selection)?;
        self.save_own(&own)?;
        Ok((added, own.bridges.len(), applied))
    }

    /// Checks the bridges in `text` and gives the person's own bridges with them added, how
    /// many were new, and the choice that uses them all; nothing is written.
    pub fn prepare_add(
        &self,
        text: &str,
    ) -> Result<(CustomBridges, usize, BridgeSelection), BridgeError> {
        let bridges = BridgeLine::parse_many(text)?;
        let mut own = self.own()?;
        let added = own.add(&bridges);
        let selection = BridgeSelection::custom(&own.bridges)?;
        selection.check_available(&self.transports)?;
        Ok((own, added, selection))
    }

    /// The choice of the built-in bridges of `transport`, checked; nothing is written.
    pub fn prepare_built_in(&self, transport: Transport) -> Result<BridgeSelection, BridgeError> {
        let selection = BridgeSelection::built_in(transport, &self.config)?;
        selection.check_available(&self.transports)?;
        Ok(selection)
    }

    /// Uses the built-in bridges of `transport`.
    pub fn use_built_in(&self, transport: Transport) -> Result<Applied, BridgeError> {
        let selection = self.prepare_built_in(transport)?;
        self.apply(&selection)
    }

    /// Uses the person's own bridges again.
    pub fn use_own(&self) -> Result<(usize, Applied), BridgeError> {
        let own = self.own()?;
        let selection = BridgeSelection::custom(&own.bridges)?;
        selection.check_available(&self.transports)?;
        let applied = self.apply(&selection)?;
        self.save_own(&own)?;
        Ok((own.bridges.len(), applied))
    }

    /// No bridges: tor connects directly.
    pub fn off(&self) -> Result<Applied, BridgeError> {
        self.apply(&BridgeSelection::direct())
    }

    /// Removes the person's bridge `number` (from 1, as `list` shows). When they are in use,
    /// tor gets the rest (none left: no bridges). Returns the removed line and, if tor's
    /// configuration changed, where.
    pub fn remove(&self, number: usize) -> Result<(BridgeLine, Option<Applied>), BridgeError> {
        let mut own = self.own()?;
        let count = own.bridges.len();
        if number == 0 || number > count {
            return Err(BridgeError::NoSuchBridge { number, count });
        }
        let removed = own.bridges.remove(number - 1);
        let applied = if self.current()?.mode == BridgeMode::Custom {
            let selection = match BridgeSelection::custom(&own.bridges) {
                Ok(selection) => selection,
                Err(_) => BridgeSelection::direct(),
            };
            Some(self.apply(&selection)?)
        } else {
            None
        };
        self.save_own(&own)?;
        Ok((removed, applied))
    }

    /// Gives `selection` to the running tor, or writes it into the torrc when tor is not
    /// running.
    pub fn apply(&self, selection: &BridgeSelection) -> Result<Applied, BridgeError> {
        // The person's own bridges of an older torrc are kept before they are replaced.
        if !CustomBridges::path(&self.profile.tor_dir()).exists() {
            let own = self.own()?;
            if !own.bridges.is_empty() {
                self.save_own(&own)?;
            }
        }
        if let Some(result) = apply_to_running_tor(&self.profile, selection) {
            return result.map(|()| Applied::Now).map_err(BridgeError::Refused);
        }
        self.ensure_tor_dir()?;
        let path = self.profile.user_torrc();
        let mut torrc = UserTorrc::load(&path)?;
        torrc.set_bridges(selection);
        torrc.save(&path)?;
        Ok(Applied::NextStart)
    }
}

#[cfg(test)]
mod tests;
