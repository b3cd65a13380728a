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

/// Why tor's bootstrap does not advance, in tor's own words (a `WARN BOOTSTRAP` report):
/// tor keeps trying; a newer state or warning replaces it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TorWarning {
    /// The bootstrap percentage when the problem happened.
    pub progress: u8,
    /// Tor's sentence for the phase it is stuck in.
    pub summary: String,
    /// What went wrong, in tor's words ("Connection refused").
    pub warning: String,
    /// Tor's reason keyword (`CONNECTREFUSED`, `TIMEOUT`, `NOROUTE`, `PT_MISSING`, ...).
    pub reason: String,
    /// `ignore` while tor still expects to succeed, `warn` once the person should know.
    pub recommendation: String,
    /// How many times this problem happened so far.
    pub count: u32,
    /// The address of the relay or bridge tor was reaching, if tor named it. It may be a
    /// bridge the person must keep private: never log it.
    pub host_address: Option<String>,
}
