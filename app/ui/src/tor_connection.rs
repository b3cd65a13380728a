//! What the window knows about tor's connection beyond `Model::tor`: tor's phase, a stall and
//! its cause, the bridges in use, the transports this tor can run, the person's own bridges,
//! and how the last change went. The binary fills it from tor's control port
//! ([`crate::MessengerUi::set_tor_connection`]); the connection screen and the "Tor connection"
//! settings page draw it and ask for changes with [`TorRequest`]s.

use messenger_bridges::{BridgeLine, BridgeSelection, StallCause, Transport};

/// Tor's connection as the window shows it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TorConnection {
    /// Tor's words for the current bootstrap phase ("Loading relay descriptors").
    pub summary: String,
    /// Set when the bootstrap stopped making progress.
    pub stall: Option<TorStall>,
    /// What tor uses now (read from tor); `None` until known.
    pub bridges: Option<BridgeSelection>,
    /// The transports this tor can run (it has a program for each).
    pub transports: Vec<Transport>,
    /// The person's own bridges, kept while others are in use.
    pub own_bridges: Vec<String>,
    /// The last change asked for.
    pub change: ChangeStatus,
}

/// A stalled bootstrap.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TorStall {
    /// What it likely means.
    pub cause: StallCause,
    /// Where tor is stuck, in percent.
    pub progress: u8,
    /// Tor's last warning in its own words (may name a bridge: shown, never logged).
    pub last_warning: Option<String>,
}

/// How the last change went.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum ChangeStatus {
    /// Nothing pending.
    #[default]
    Idle,
    /// Sent to tor; waiting for its answer.
    Applying,
    /// Tor took it.
    Applied,
    /// It was not applied; nothing changed.
    Failed(ChangeFailure),
}

/// Why a change was not applied.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ChangeFailure {
    /// Tor is not running (its control port does not answer).
    TorUnavailable,
    /// Tor refused it, in its words.
    Refused(String),
    /// The transport has no program here (missing from the bundle).
    TransportUnavailable(Transport),
    /// "My bridges" with none kept.
    NoOwnBridges,
    /// Tor uses them, but the person's own bridges could not be kept for later (why).
    NotKept(String),
}

/// A change of how tor connects, asked for in the window.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TorRequest {
    /// Use every built-in bridge of this transport.
    BuiltIn(Transport),
    /// Use these bridges (checked lines), and keep them as the person's own.
    Bridges(Vec<BridgeLine>),
    /// Use the person's own bridges again.
    OwnBridges,
    /// No bridges.
    Direct,
    /// The stall is noted; wait longer.
    KeepWaiting,
}
