//! SIGINT and SIGTERM to the launcher: stop the messenger and tor, then exit.

use tokio::signal::unix::{Signal, SignalKind, signal};

use crate::error::LaunchError;

/// The termination signals the launcher watches.
#[derive(Debug)]
pub struct TerminationSignals {
    interrupt: Signal,
    terminate: Signal,
}

impl TerminationSignals {
    /// Starts watching (replaces the default "die at once" action).
    pub fn install() -> Result<Self, LaunchError> {
        Ok(Self {
            interrupt: signal(SignalKind::interrupt()).map_err(LaunchError::Signals)?,
            terminate: signal(SignalKind::terminate()).map_err(LaunchError::Signals)?,
        })
    }

    /// Waits for SIGINT or SIGTERM; returns the signal number.
    pub async fn recv(&mut self) -> i32 {
        tokio::select! {
            _ = self.interrupt.recv() => nix::sys::signal::Signal::SIGINT as i32,
            _ = self.terminate.recv() => nix::sys::signal::Signal::SIGTERM as i32,
        }
    }
}
