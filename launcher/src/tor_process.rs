//! The tor child process: started in its own process group (so a Ctrl-C in the terminal
//! reaches the launcher, which then stops tor in order), its output kept for error messages,
//! and stopped with `SIGNAL SHUTDOWN` or, after a grace period, a kill.

use std::collections::VecDeque;
use std::path::PathBuf;
use std::process::{ExitStatus, Stdio};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::io::{AsyncBufReadExt, AsyncRead, BufReader};
use tokio::process::Command;

use crate::child_process::ChildProcess;
use crate::error::LaunchError;
use messenger_tor_control::{ControlClient, Signal};

/// How many of tor's output lines are kept for error messages.
const KEPT_LINES: usize = 40;

/// How tor is to be started.
#[derive(Debug, Clone)]
pub struct TorCommand {
    /// The tor executable.
    pub binary: PathBuf,
    /// The generated `--defaults-torrc`.
    pub defaults_torrc: PathBuf,
    /// The user's torrc (`-f`); it may be missing.
    pub user_torrc: PathBuf,
    /// Copy tor's output to the launcher's stderr.
    pub echo_output: bool,
    /// The folder tor runs in: the bundle's `tor/`, where the plugin lines' relative paths
    /// start (`None`: the launcher's own).
    pub working_dir: Option<PathBuf>,
}

/// A running tor.
#[derive(Debug)]
pub struct TorProcess {
    child: ChildProcess,
    output: Arc<Mutex<VecDeque<String>>>,
}

impl TorProcess {
    /// Starts tor.
    pub fn spawn(command: &TorCommand) -> Result<Self, LaunchError> {
        let mut process = Command::new(&command.binary);
        process
            .arg("--defaults-torrc")
            .arg(&command.defaults_torrc)
            .arg("-f")
            .arg(&command.user_torrc)
            .arg("--allow-missing-torrc")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .process_group(0)
            // Last resort if the launcher unwinds without stopping tor; normal paths stop it.
            .kill_on_drop(true);
        if let Some(dir) = &command.working_dir {
            process.current_dir(dir);
        }
        let mut child = process.spawn().map_err(|source| LaunchError::TorSpawn {
            path: command.binary.clone(),
            source,
        })?;
        let output = Arc::new(Mutex::new(VecDeque::with_capacity(KEPT_LINES)));
        if let Some(stdout) = child.stdout.take() {
            tokio::spawn(keep_lines(stdout, output.clone(), command.echo_output));
        }
        if let Some(stderr) = child.stderr.take() {
            tokio::spawn(keep_lines(stderr, output.clone(), command.echo_output));
        }
        Ok(Self {
            child: ChildProcess::new(child),
            output,
        })
    }

    /// Tor's process id.
    pub fn pid(&self) -> u32 {
        self.child.pid()
    }

    /// Waits until tor exits. Cancel-safe: usable in `select!`.
    pub async fn wait(&mut self) -> std::io::Result<ExitStatus> {
        self.child.wait().await
    }

    /// The exit status if tor has exited.
    pub fn try_exit_status(&mut self) -> Option<ExitStatus> {
        self.child.try_exit_status()
    }

    /// Tor's warnings and errors among its last output lines, or its last lines if none,
    /// for an error message. Waits briefly so output written just before exiting is read.
    pub async fn what_tor_said(&self) -> String {
        tokio::time::sleep(Duration::from_millis(100)).await;
        let lines: Vec<String> = self
            .output
            .lock()
            .map(|lines| lines.iter().cloned().collect())
            .unwrap_or_default();
        let important: Vec<&String> = lines
            .iter()
            .filter(|line| line.contains("[warn]") || line.contains("[err]"))
            .collect();
        let chosen: Vec<&String> = if important.is_empty() {
            lines.iter().rev().take(5).rev().collect()
        } else {
            important
        };
        if chosen.is_empty() {
            return "  (nothing)".to_owned();
        }
        chosen
            .iter()
            .map(|line| format!("  {line}"))
            .collect::<Vec<_>>()
            .join("\n")
    }

    /// Stops tor: `SIGNAL SHUTDOWN` over `control` if given, then SIGTERM, then a kill,
    /// each after `grace`. Returns tor's exit status.
    pub async fn stop(
        &mut self,
        control: Option<&mut ControlClient>,
        grace: Duration,
    ) -> Option<ExitStatus> {
        if let Some(status) = self.try_exit_status() {
            return Some(status);
        }
        if let Some(control) = control {
            // Tor may already be going away; a failure here just means the next step.
            let _ = control.signal(Signal::Shutdown).await;
            if let Some(status) = self.child.wait_for(grace).await {
                return Some(status);
            }
        }
        self.child.terminate_then_kill(grace).await
    }
}

async fn keep_lines<R: AsyncRead + Unpin>(
    stream: R,
    kept: Arc<Mutex<VecDeque<String>>>,
    echo: bool,
) {
    let mut lines = BufReader::new(stream).lines();
    while let Ok(Some(line)) = lines.next_line().await {
        if echo {
            crate::output::to_stderr(&format!("tor: {line}"));
        }
        if let Ok(mut kept) = kept.lock() {
            if kept.len() == KEPT_LINES {
                kept.pop_front();
            }
            kept.push_back(line);
        }
    }
}
