//! The messenger (or `--app` program): started once tor is ready, told where tor is through
//! its environment, stopped with SIGTERM then a kill.

use std::ffi::OsString;
use std::path::PathBuf;
use std::process::ExitStatus;
use std::time::Duration;

use tokio::process::Command;

use crate::child_process::ChildProcess;
use crate::error::LaunchError;

/// Environment variable with tor's SOCKS address (`127.0.0.1:9152`).
pub const ENV_SOCKS: &str = "TOR_MESSENGER_SOCKS";
/// Environment variable with tor's control address (`127.0.0.1:9153`).
pub const ENV_CONTROL: &str = "TOR_MESSENGER_CONTROL";
/// Environment variable with the path of tor's control cookie.
pub const ENV_CONTROL_COOKIE: &str = "TOR_MESSENGER_CONTROL_COOKIE";
/// Environment variable with the profile folder (`Data/`).
pub const ENV_PROFILE: &str = "TOR_MESSENGER_PROFILE";

/// The program to run and how.
#[derive(Debug, Clone)]
pub struct AppCommand {
    /// The executable.
    pub program: PathBuf,
    /// Its arguments.
    pub args: Vec<OsString>,
}

/// A running messenger.
#[derive(Debug)]
pub struct AppProcess {
    child: ChildProcess,
}

impl AppProcess {
    /// Starts the program with `env` added to the launcher's environment.
    pub fn spawn(command: &AppCommand, env: &[(&str, OsString)]) -> Result<Self, LaunchError> {
        let mut process = Command::new(&command.program);
        process.args(&command.args);
        // A stale value from the launcher's own environment must not reach the app.
        for name in [ENV_SOCKS, ENV_CONTROL, ENV_CONTROL_COOKIE, ENV_PROFILE] {
            process.env_remove(name);
        }
        for (name, value) in env {
            process.env(name, value);
        }
        let child = process.spawn().map_err(|source| LaunchError::AppSpawn {
            program: command.program.clone(),
            source,
        })?;
        Ok(Self {
            child: ChildProcess::new(child),
        })
    }

    /// The program's process id.
    pub fn pid(&self) -> u32 {
        self.child.pid()
    }

    /// Waits until the program exits. Cancel-safe.
    pub async fn wait(&mut self) -> std::io::Result<ExitStatus> {
        self.child.wait().await
    }

    /// Asks the program to stop (SIGTERM), kills it after `grace`. Returns its status.
    pub async fn stop(&mut self, grace: Duration) -> Option<ExitStatus> {
        self.child.terminate_then_kill(grace).await
    }
}

/// The launcher's exit code for the program's exit status: its code, or 128 + the signal
/// that ended it (as shells report it).
pub fn exit_code(status: ExitStatus) -> i32 {
    use std::os::unix::process::ExitStatusExt;
    status
        .code()
        .or_else(|| status.signal().map(|signal| 128 + signal))
        .unwrap_or(crate::error::EXIT_ERROR)
}

#[cfg(test)]
mod tests;
