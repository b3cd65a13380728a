//! A child process that is stopped by PID when its guard is dropped (also while a test
//! panics), with its stdout and stderr captured to a log file whose tail goes into errors.

use std::fs::File;
use std::io::{Read, Seek, SeekFrom};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::thread;
use std::time::{Duration, Instant};

use crate::HarnessError;
use crate::error::LogExcerpt;

/// How long a process gets between SIGTERM and SIGKILL.
const GRACE: Duration = Duration::from_secs(3);
/// How much of a log goes into an error message.
const TAIL_LINES: usize = 30;
const TAIL_BYTES: u64 = 8 * 1024;

/// A running child process, stopped on drop: SIGTERM, a short grace, then SIGKILL.
#[derive(Debug)]
pub struct ProcessGuard {
    component: String,
    child: Child,
    log: PathBuf,
}

impl ProcessGuard {
    /// Starts `command` with stdin closed and stdout and stderr appended to `log`.
    pub fn spawn(
        component: &str,
        mut command: Command,
        log: PathBuf,
    ) -> Result<Self, HarnessError> {
        let stdout = File::create(&log).map_err(|source| {
            HarnessError::io(component, format!("creating {}", log.display()), source)
        })?;
        let stderr = stdout
            .try_clone()
            .map_err(|source| HarnessError::io(component, "duplicating the log file", source))?;
        command.stdin(Stdio::null()).stdout(stdout).stderr(stderr);
        let child = command.spawn().map_err(|source| HarnessError::Spawn {
            component: component.to_owned(),
            program: command.get_program().to_string_lossy().into_owned(),
            source,
        })?;
        Ok(Self {
            component: component.to_owned(),
            child,
            log,
        })
    }

    /// The process id (the component's own: nothing runs through a shell).
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// The file holding the process's stdout and stderr.
    pub fn log_path(&self) -> &Path {
        &self.log
    }

    /// The last lines of the log.
    pub fn log_tail(&self) -> String {
        log_tail(&self.log)
    }

    /// The component name used in errors.
    pub fn component(&self) -> &str {
        &self.component
    }

    /// `Ok` while the process runs; an [`HarnessError::Exited`] naming `awaited` once it ended.
    pub fn ensure_running(&mut self, awaited: &str, port: Option<u16>) -> Result<(), HarnessError> {
        match self.child.try_wait() {
            Ok(None) => Ok(()),
            Ok(Some(status)) => Err(self.exited_error(awaited, port, &describe(status))),
            Err(error) => Err(self.exited_error(awaited, port, &format!("unknown: {error}"))),
        }
    }

    /// The timeout error for a wait on this process.
    pub fn timeout_error(
        &self,
        awaited: &str,
        port: Option<u16>,
        limit: Duration,
        last_seen: Option<String>,
    ) -> HarnessError {
        HarnessError::Timeout {
            component: self.component.clone(),
            port,
            awaited: awaited.to_owned(),
            limit,
            last_seen,
            log: self.excerpt(),
        }
    }

    fn exited_error(&self, awaited: &str, port: Option<u16>, status: &str) -> HarnessError {
        HarnessError::Exited {
            component: self.component.clone(),
            port,
            awaited: awaited.to_owned(),
            status: status.to_owned(),
            log: self.excerpt(),
        }
    }

    fn excerpt(&self) -> Box<LogExcerpt> {
        Box::new(LogExcerpt {
            path: self.log.clone(),
            tail: self.log_tail(),
        })
    }

    /// Stops the process: SIGTERM, up to three seconds to exit, then SIGKILL; always reaped.
    pub fn stop(&mut self) {
        if matches!(self.child.try_wait(), Ok(Some(_))) {
            return;
        }
        terminate(self.child.id());
        let deadline = Instant::now() + GRACE;
        while Instant::now() < deadline {
            if matches!(self.child.try_wait(), Ok(Some(_))) {
                return;
            }
            thread::sleep(Duration::from_millis(10));
        }
        // Errors here mean the process is already gone; nothing is left to do.
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for ProcessGuard {
    fn drop(&mut self) {
        self.stop();
    }
}

/// Sends SIGTERM to `pid`.
pub(crate) fn terminate(pid: u32) {
    let Ok(pid) = libc::pid_t::try_from(pid) else {
        return;
    };
    // SAFETY: kill(2) takes plain integers and touches no memory of ours; the pid is one of
    // our own children (not yet reaped, so the id cannot have been reused).
    unsafe {
        libc::kill(pid, libc::SIGTERM);
    }
}

/// Sends SIGKILL to the process group led by `pid` (a child started with `process_group(0)`).
fn kill_group(pid: u32) {
    let Ok(pid) = libc::pid_t::try_from(pid) else {
        return;
    };
    // SAFETY: kill(2) takes plain integers and touches no memory of ours; a negative pid names
    // the process group our own unreaped child leads, so the group id cannot have been reused.
    unsafe {
        libc::kill(-pid, libc::SIGKILL);
    }
}

/// Sends SIGKILL to `pid`, a process the harness started (directly or through a component it
/// started) and saw running a moment ago.
pub(crate) fn kill_now(pid: u32) {
    let Ok(pid) = libc::pid_t::try_from(pid) else {
        return;
    };
    // SAFETY: kill(2) takes plain integers and touches no memory of ours.
    unsafe {
        libc::kill(pid, libc::SIGKILL);
    }
}

/// Every process below `pid` (children, their children, ...), read from /proc: the helper
/// processes a component starts (an Erlang VM's port programs, for instance), so a guard can
/// make sure none outlives it and a test can check.
pub fn descendants(pid: u32) -> Vec<u32> {
    let mut parents: Vec<(u32, u32)> = Vec::new();
    if let Ok(entries) = std::fs::read_dir("/proc") {
        for entry in entries.flatten() {
            let Some(child) = entry
                .file_name()
                .to_str()
                .and_then(|name| name.parse().ok())
            else {
                continue;
            };
            if let Some(parent) = parent_of(child) {
                parents.push((child, parent));
            }
        }
    }
    let mut found = Vec::new();
    let mut frontier = vec![pid];
    while let Some(parent) = frontier.pop() {
        for &(child, of) in &parents {
            if of == parent && !found.contains(&child) {
                found.push(child);
                frontier.push(child);
            }
        }
    }
    found
}

/// The parent process id, from /proc/PID/stat (the field after the state letter).
fn parent_of(pid: u32) -> Option<u32> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    let (_, rest) = stat.rsplit_once(')')?;
    rest.split_whitespace().nth(1)?.parse().ok()
}

/// Whether a process with this id exists (and is not a zombie), for tests of the guards.
pub fn process_is_running(pid: u32) -> bool {
    match std::fs::read_to_string(format!("/proc/{pid}/stat")) {
        // The state letter follows the command name in parentheses; `Z` is a zombie.
        Ok(stat) => stat
            .rsplit_once(')')
            .map(|(_, rest)| !rest.trim_start().starts_with(['Z', 'X']))
            .unwrap_or(true),
        Err(_) => false,
    }
}

/// The resident memory of a process in KiB (from /proc), for the measurements.
pub fn resident_kib(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    status
        .lines()
        .find_map(|line| line.strip_prefix("VmRSS:"))
        .and_then(|value| value.split_whitespace().next()?.parse().ok())
}

fn describe(status: ExitStatus) -> String {
    use std::os::unix::process::ExitStatusExt;
    match (status.code(), status.signal()) {
        (Some(code), _) => format!("exit code {code}"),
        (None, Some(signal)) => format!("killed by signal {signal}"),
        _ => status.to_string(),
    }
}

/// The last lines of a log file (at most a few KiB), or a note that it cannot be read.
pub(crate) fn log_tail(path: &Path) -> String {
    let read = || -> std::io::Result<String> {
        let mut file = File::open(path)?;
        let length = file.metadata()?.len();
        file.seek(SeekFrom::Start(length.saturating_sub(TAIL_BYTES)))?;
        let mut bytes = Vec::new();
        file.read_to_end(&mut bytes)?;
        Ok(String::from_utf8_lossy(&bytes).into_owned())
    };
    match read() {
        Ok(text) if text.trim().is_empty() => "(the log is empty)".to_owned(),
        Ok(text) => {
            let lines: Vec<&str> = text.lines().collect();
            lines[lines.len().saturating_sub(TAIL_LINES)..].join("\n")
        }
        Err(error) => format!("(cannot read the log: {error})"),
    }
}

/// Runs a short helper command to completion within `limit`, killing it if it takes longer.
/// Its stdout and stderr are returned together; a non-zero exit is an error.
pub(crate) fn run_command(
    component: &str,
    mut command: Command,
    stdin: Option<&[u8]>,
    limit: Duration,
) -> Result<String, HarnessError> {
    let description = format!(
        "{} {}",
        command.get_program().to_string_lossy(),
        command
            .get_args()
            .map(|arg| arg.to_string_lossy())
            .collect::<Vec<_>>()
            .join(" ")
    );
    let io_error = |action: &str, source| HarnessError::io(component, action.to_owned(), source);
    // Output goes to an unnamed file, not a pipe, so a chatty command cannot block on a full
    // pipe while we poll for its end.
    let mut output = tempfile::tempfile().map_err(|e| io_error("making an output file", e))?;
    let stderr = output
        .try_clone()
        .map_err(|e| io_error("duplicating the output file", e))?;
    command
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(
            output
                .try_clone()
                .map_err(|e| io_error("duplicating the output file", e))?,
        )
        .stderr(stderr);
    // Its own process group, so a timeout ends what it started too (ejabberdctl is a shell
    // script that runs an Erlang VM as a child, not through exec).
    command.process_group(0);
    let mut child = command.spawn().map_err(|source| HarnessError::Spawn {
        component: component.to_owned(),
        program: command.get_program().to_string_lossy().into_owned(),
        source,
    })?;
    if let (Some(input), Some(mut pipe)) = (stdin, child.stdin.take()) {
        use std::io::Write;
        // Input is a line or two, far below the pipe buffer, so this cannot block.
        pipe.write_all(input)
            .map_err(|e| io_error("writing to the command", e))?;
    }
    let deadline = Instant::now() + limit;
    let status = loop {
        if let Some(status) = child
            .try_wait()
            .map_err(|e| io_error("waiting for the command", e))?
        {
            break Some(status);
        }
        if Instant::now() >= deadline {
            kill_group(child.id());
            let _ = child.kill();
            let _ = child.wait();
            break None;
        }
        thread::sleep(Duration::from_millis(10));
    };
    let mut text = String::new();
    output
        .seek(SeekFrom::Start(0))
        .and_then(|_| output.read_to_string(&mut text))
        .map_err(|e| io_error("reading the command output", e))?;
    match status {
        Some(status) if status.success() => Ok(text),
        Some(status) => Err(HarnessError::CommandFailed {
            component: component.to_owned(),
            command: description,
            status: describe(status),
            output: text,
        }),
        None => Err(HarnessError::CommandFailed {
            component: component.to_owned(),
            command: description,
            status: format!("still running after {limit:?}, killed"),
            output: text,
        }),
    }
}

#[cfg(test)]
mod tests;
