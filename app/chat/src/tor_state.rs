//! What the UI knows about the local tor: bootstrapping, ready, or unreachable.

/// The state of the tor the messenger talks through.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TorState {
    /// Tor is building its first circuits; `progress` is the bootstrap percentage (0-100).
    Bootstrapping {
        /// Bootstrap percentage as tor reports it.
        progress: u8,
    },
    /// Tor reported `Bootstrapped 100%`: accounts can connect.
    Ready,
    /// Tor's control or SOCKS port cannot be reached.
    Unavailable,
}

impl Default for TorState {
    fn default() -> TorState {
        TorState::Bootstrapping { progress: 0 }
    }
}

impl TorState {
    /// Whether accounts can connect now.
    pub fn is_ready(&self) -> bool {
        matches!(self, TorState::Ready)
    }
}
