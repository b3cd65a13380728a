//! A child process the launcher started (tor, the messenger) and must stop in order: its exit
//! status kept once known, and the stop escalation shared by both: SIGTERM, wait, kill, wait.

use std::process::ExitStatus;
use std::time::Duration;

use nix::sys::signal::Signal;
use tokio::process::Child;

/// A started child, waited for at most once (the status is kept).
#[derive(Debug)]
pub struct ChildProcess {
    child: Child,
    pid: u32,
    exit_status: Option<ExitStatus>,
}

impl ChildProcess {
    /// Takes over a freshly spawned child.
    pub fn new(child: Child) -> Self {
        let pid = child.id().unwrap_or_default();
        Self {
            child,
            pid,
            exit_status: None,
        }
    }

    /// The process id.
    pub fn pid(&self) -> u32 {
        self.pid
    }

    /// Waits until the child exits. Cancel-safe: usable in `select!`.
    pub async fn wait(&mut self) -> std::io::Result<ExitStatus> {
        if let Some(status) = self.exit_status {
            return Ok(status);
        }
        let status = self.child.wait().await?;
        self.exit_status = Some(status);
        Ok(status)
    }

    /// The exit status if the child has exited.
    pub fn try_exit_status(&mut self) -> Option<ExitStatus> {
        if self.exit_status.is_none() {
            self.exit_status = self.child.try_wait().ok().flatten();
        }
        self.exit_status
    }

    /// Sends `signal`, unless the child is known to have exited (its pid may be reused).
    pub fn signal(&self, signal: Signal) {
        if self.exit_status.is_some() {
            return;
        }
        if let Ok(pid) = i32::try_from(self.pid) {
            // The child may be exiting right now; a failure only means it is gone.
            let _ = nix::sys::signal::kill(nix::unistd::Pid::from_raw(pid), signal);
        }
    }

    /// Waits up to `grace` for the child to exit.
    pub async fn wait_for(&mut self, grace: Duration) -> Option<ExitStatus> {
        tokio::time::timeout(grace, self.wait())
            .await
            .ok()
            .and_then(Result::ok)
    }

    /// Asks the child to stop (SIGTERM) and kills it if it has not exited after `grace`.
    /// Returns its status, or `None` if even the kill was not reaped within `grace`.
    pub async fn terminate_then_kill(&mut self, grace: Duration) -> Option<ExitStatus> {
        if let Some(status) = self.try_exit_status() {
            return Some(status);
        }
        self.signal(Signal::SIGTERM);
        if let Some(status) = self.wait_for(grace).await {
            return Some(status);
        }
        let _ = self.child.start_kill();
        self.wait_for(grace).await
    }
}

#[cfg(test)]
mod tests;
