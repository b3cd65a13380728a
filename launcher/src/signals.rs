//! SIGINT, SIGTERM and SIGHUP (the terminal closed) to the launcher: stop the messenger and
//! tor in order, then exit.

use tokio::signal::unix::{Signal, SignalKind, signal};

use crate::error::LaunchError;

/// The termination signals the launcher watches.
#[derive(Debug)]
pub struct TerminationSignals {
    interrupt: Signal,
    terminate: Signal,
    hangup: Signal,
}

impl TerminationSignals {
    /// Starts watching (replaces the default "die at once" action).
    pub fn install() -> Result<Self, LaunchError> {
        Ok(Self {
            interrupt: signal(SignalKind::interrupt()).map_err(LaunchError::Signals)?,
            terminate: signal(SignalKind::terminate()).map_err(LaunchError::Signals)?,
            hangup: signal(SignalKind::hangup()).map_err(LaunchError::Signals)?,
        })
    }

    /// Waits for SIGINT, SIGTERM or SIGHUP; returns the signal number.
    pub async fn recv(&mut self) -> i32 {
        tokio::select! {
            _ = self.interrupt.recv() => nix::sys::signal::Signal::SIGINT as i32,
            _ = self.terminate.recv() => nix::sys::signal::Signal::SIGTERM as i32,
            _ = self.hangup.recv() => nix::sys::signal::Signal::SIGHUP as i32,
        }
    }
}
