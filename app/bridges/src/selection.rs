//! What tor connects through: directly, the built-in bridges of one transport, or the
//! person's own bridges; read back from tor's options, and turned into them (`UseBridges` and
//! `Bridge` lines, for the user torrc or `SETCONF`).

use std::fmt;

use crate::binaries::{PluggableTransports, Unavailable};
use crate::line::BridgeLine;
use crate::pt_config::PtConfig;
use crate::transport::Transport;

/// How tor reaches the Tor network.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum BridgeMode {
    /// No bridges.
    Direct,
    /// Every built-in bridge of this transport.
    BuiltIn(Transport),
    /// The person's own bridges.
    Custom,
}

impl fmt::Display for BridgeMode {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BridgeMode::Direct => formatter.write_str("no bridges (tor connects directly)"),
            BridgeMode::BuiltIn(transport) => write!(formatter, "the built-in {transport} bridges"),
            BridgeMode::Custom => formatter.write_str("your own bridges"),
        }
    }
}

/// A choice that cannot be applied.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum SelectionError {
    /// This build lists no built-in bridges of the transport.
    #[error("this Tor Messenger has no built-in {0} bridges")]
    NoBuiltInBridges(Transport),
    /// "Use my bridges" with none entered.
    #[error(
        "you have no bridges of your own yet: add them first (get some from \
         https://bridges.torproject.org/ or from a friend)"
    )]
    NoCustomBridges,
    /// A bridge needs a transport whose program is not available here.
    #[error("{0}")]
    TransportUnavailable(Unavailable),
}

/// What tor is, or is to be, configured with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BridgeSelection {
    /// Which kind of connection.
    pub mode: BridgeMode,
    /// The `Bridge` values, as tor takes them (empty for [`BridgeMode::Direct`]).
    pub bridges: Vec<String>,
}

impl BridgeSelection {
    /// No bridges.
    pub fn direct() -> BridgeSelection {
        BridgeSelection {
            mode: BridgeMode::Direct,
            bridges: Vec::new(),
        }
    }

    /// Every built-in bridge of `transport`.
    pub fn built_in(
        transport: Transport,
        config: &PtConfig,
    ) -> Result<BridgeSelection, SelectionError> {
        let bridges = config.built_in_bridges(transport);
        if bridges.is_empty() {
            return Err(SelectionError::NoBuiltInBridges(transport));
        }
        Ok(BridgeSelection {
            mode: BridgeMode::BuiltIn(transport),
            bridges: bridges.iter().map(ToString::to_string).collect(),
        })
    }

    /// The person's own bridges.
    pub fn custom(bridges: &[BridgeLine]) -> Result<BridgeSelection, SelectionError> {
        if bridges.is_empty() {
            return Err(SelectionError::NoCustomBridges);
        }
        Ok(BridgeSelection {
            mode: BridgeMode::Custom,
            bridges: bridges.iter().map(ToString::to_string).collect(),
        })
    }

    /// What tor's options say: `UseBridges` and the `Bridge` values (from `GETCONF` or the
    /// user torrc). Bridges that are exactly some or all of one transport's built-in ones
    /// are that built-in choice; anything else is the person's own.
    pub fn from_options(
        use_bridges: bool,
        bridges: &[String],
        config: &PtConfig,
    ) -> BridgeSelection {
        if !use_bridges || bridges.is_empty() {
            return BridgeSelection::direct();
        }
        let parsed: Vec<Option<BridgeLine>> = bridges
            .iter()
            .map(|value| BridgeLine::parse(value).ok())
            .collect();
        let built_in = Transport::ALL.into_iter().find(|transport| {
            let known = config.built_in_bridges(*transport);
            parsed
                .iter()
                .all(|bridge| bridge.as_ref().is_some_and(|bridge| known.contains(bridge)))
        });
        BridgeSelection {
            mode: built_in.map_or(BridgeMode::Custom, BridgeMode::BuiltIn),
            bridges: bridges.to_vec(),
        }
    }

    /// The transports these bridges need.
    pub fn transports(&self) -> Vec<Transport> {
        let mut transports: Vec<Transport> = self
            .bridges
            .iter()
            .filter_map(|value| BridgeLine::parse(value).ok()?.transport)
            .collect();
        transports.sort();
        transports.dedup();
        transports
    }

    /// Checks that every transport these bridges need has its program here.
    pub fn check_available(&self, transports: &PluggableTransports) -> Result<(), SelectionError> {
        for transport in self.transports() {
            if transports.get(transport).is_none() {
                let why = transports.why_unavailable(transport).cloned().unwrap_or(
                    Unavailable::NotInstalled {
                        transport,
                        program: transport.name().to_owned(),
                        package: transport.name(),
                    },
                );
                return Err(SelectionError::TransportUnavailable(why));
            }
        }
        Ok(())
    }

    /// The options for `SETCONF`, as (option, value) pairs, all at once (tor applies all or
    /// none). No bridges resets the `Bridge` list (a `None` value) and turns `UseBridges`
    /// off.
    pub fn tor_options(&self) -> Vec<(&'static str, Option<String>)> {
        if self.bridges.is_empty() {
            return vec![("UseBridges", Some("0".to_owned())), ("Bridge", None)];
        }
        let mut options = vec![("UseBridges", Some("1".to_owned()))];
        options.extend(
            self.bridges
                .iter()
                .map(|bridge| ("Bridge", Some(bridge.clone()))),
        );
        options
    }

    /// The torrc lines (`UseBridges 1` and one `Bridge` line each; none when direct).
    pub fn torrc_lines(&self) -> Vec<String> {
        if self.bridges.is_empty() {
            return Vec::new();
        }
        let mut lines: Vec<String> = self
            .bridges
            .iter()
            .map(|bridge| format!("Bridge {bridge}"))
            .collect();
        lines.push("UseBridges 1".to_owned());
        lines
    }
}

#[cfg(test)]
mod tests;
