//! Runs the real launcher binary in a fresh temporary profile, reads its stderr line by line,
//! and kills whatever it left (launcher, tor, app) on drop, also when a test panics.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};

pub(crate) const LAUNCHER: &str = env!("CARGO_BIN_EXE_tor-messenger-launcher");

/// Generous limit for tor to bootstrap on the private network (about 2 s measured).
pub(crate) const BOOTSTRAP_LIMIT: Duration = Duration::from_secs(90);

pub(crate) fn pid_is_running(pid: u32) -> bool {
    harness::process::process_is_running(pid)
}

pub(crate) fn kill(pid: u32, signal: nix::sys::signal::Signal) {
    let _ = nix::sys::signal::kill(nix::unistd::Pid::from_raw(pid as i32), signal);
}

/// Waits until `pid` is gone; false if it still runs after `limit`.
pub(crate) fn wait_gone(pid: u32, limit: Duration) -> bool {
    let deadline = Instant::now() + limit;
    while Instant::now() < deadline {
        if !pid_is_running(pid) {
            return true;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    !pid_is_running(pid)
}

/// A fresh profile and two free ports.
pub(crate) struct Setup {
    pub temp: tempfile::TempDir,
    pub socks_port: u16,
    pub control_port: u16,
}

impl Setup {
    pub(crate) fn new() -> Self {
        let temp = tempfile::tempdir().unwrap();
        let ports = harness::ports::free_ports(2).unwrap();
        Self {
            temp,
            socks_port: ports[0],
            control_port: ports[1],
        }
    }

    pub(crate) fn data_dir(&self) -> PathBuf {
        self.temp.path().join("Data")
    }

    /// Writes a file in the temp dir and returns its path.
    pub(crate) fn file(&self, name: &str, text: &str) -> PathBuf {
        let path = self.temp.path().join(name);
        std::fs::write(&path, text).unwrap();
        path
    }

    /// The private network's client torrc, for `--torrc`.
    pub(crate) fn network_torrc(&self) -> PathBuf {
        let network = harness::TorNetwork::shared().unwrap();
        self.file("network.torrc", &network.client_torrc())
    }

    /// The launcher with this profile and these ports (and nothing else).
    pub(crate) fn command(&self) -> Command {
        let mut command = Command::new(LAUNCHER);
        command
            .arg("--data-dir")
            .arg(self.data_dir())
            .arg("--socks-port")
            .arg(self.socks_port.to_string())
            .arg("--control-port")
            .arg(self.control_port.to_string());
        command
    }
}

/// A running launcher.
pub(crate) struct Launcher {
    child: Child,
    lines: Receiver<String>,
    seen: Vec<String>,
    pids_to_clean: Vec<u32>,
}

impl Launcher {
    pub(crate) fn start(mut command: Command) -> Self {
        command.stdin(Stdio::null());
        Self::start_with_stdin(command)
    }

    /// Starts with stdin as `command` sets it (a pipe: see [`Launcher::type_line`]).
    pub(crate) fn start_with_stdin(mut command: Command) -> Self {
        command.stdout(Stdio::null()).stderr(Stdio::piped());
        let mut child = spawn_retrying(&mut command);
        let stderr = child.stderr.take().unwrap();
        let (sender, lines) = channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines() {
                let Ok(line) = line else { break };
                if sender.send(line).is_err() {
                    break;
                }
            }
        });
        Self {
            child,
            lines,
            seen: Vec::new(),
            pids_to_clean: Vec::new(),
        }
    }

    pub(crate) fn pid(&self) -> u32 {
        self.child.id()
    }

    /// Writes `line` and a line break to the launcher's stdin (started with a pipe).
    pub(crate) fn type_line(&mut self, line: &str) {
        use std::io::Write;
        let stdin = self.child.stdin.as_mut().unwrap();
        writeln!(stdin, "{line}").unwrap();
        stdin.flush().unwrap();
    }

    /// Every stderr line so far.
    pub(crate) fn seen(&self) -> &[String] {
        &self.seen
    }

    /// Also kill `pid` when this guard drops (an app the test started through the launcher).
    pub(crate) fn clean_up_pid(&mut self, pid: u32) {
        self.pids_to_clean.push(pid);
    }

    fn take_line(&mut self, limit: Duration) -> Result<String, RecvTimeoutError> {
        let line = self.lines.recv_timeout(limit)?;
        if let Some(pid) = tor_pid_in(&line) {
            self.pids_to_clean.push(pid);
        }
        self.seen.push(line.clone());
        Ok(line)
    }

    /// Waits for a stderr line containing `needle`; panics with everything seen if none comes.
    pub(crate) fn wait_for(&mut self, needle: &str, limit: Duration) -> String {
        if let Some(line) = self.seen.iter().find(|line| line.contains(needle)) {
            return line.clone();
        }
        let deadline = Instant::now() + limit;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.take_line(left) {
                Ok(line) if line.contains(needle) => return line,
                Ok(_) => {}
                Err(_) => panic!(
                    "launcher printed no line with {needle:?} within {limit:?}; stderr:\n{}",
                    self.seen.join("\n")
                ),
            }
        }
    }

    /// The pid of the n-th tor the launcher started (from "started tor ... (pid N)").
    pub(crate) fn tor_pid(&mut self, nth: usize, limit: Duration) -> u32 {
        let deadline = Instant::now() + limit;
        loop {
            let pids: Vec<u32> = self
                .seen
                .iter()
                .filter_map(|line| tor_pid_in(line))
                .collect();
            if let Some(pid) = pids.get(nth) {
                return *pid;
            }
            let left = deadline.saturating_duration_since(Instant::now());
            if self.take_line(left).is_err() {
                panic!(
                    "no tor number {nth} started; stderr:\n{}",
                    self.seen.join("\n")
                );
            }
        }
    }

    /// Waits for the launcher to exit; returns its status and all of its stderr.
    pub(crate) fn wait_exit(&mut self, limit: Duration) -> (ExitStatus, String) {
        let deadline = Instant::now() + limit;
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                // Read what is left of stderr (the pipe closes with the launcher).
                while self.take_line(Duration::from_secs(2)).is_ok() {}
                return (status, self.seen.join("\n"));
            }
            if Instant::now() > deadline {
                panic!(
                    "launcher still running after {limit:?}; stderr:\n{}",
                    self.seen.join("\n")
                );
            }
            while self.take_line(Duration::from_millis(20)).is_ok() {}
        }
    }
}

impl Drop for Launcher {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        for pid in &self.pids_to_clean {
            if pid_is_running(*pid) {
                kill(*pid, nix::sys::signal::Signal::SIGKILL);
            }
        }
    }
}

fn tor_pid_in(line: &str) -> Option<u32> {
    let rest = line.split_once("started tor ")?.1;
    let pid = rest.rsplit_once("(pid ")?.1.strip_suffix(')')?;
    pid.parse().ok()
}

/// Runs the launcher to its end with a time limit.
pub(crate) fn run_to_end(command: Command, limit: Duration) -> (ExitStatus, String) {
    let mut launcher = Launcher::start(command);
    launcher.wait_exit(limit)
}

/// A shell script as `--app`; `$1`... are not used.
pub(crate) fn sh_app(command: &mut Command, script: &str) {
    command.args(["--app", "/bin/sh", "--", "-c", script]);
}

pub(crate) fn support_file(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/support")
        .join(name)
}

/// Spawns `command`, retrying while its program file is "busy" (ETXTBSY). A test that has just
/// copied an executable races the forks of other test threads: a child forked while the copy
/// was still open for writing holds that descriptor until it execs, and exec of the copy
/// fails meanwhile. The window is short; a few retries close it.
pub(crate) fn spawn_retrying(command: &mut Command) -> std::process::Child {
    let mut attempts = 0;
    loop {
        match command.spawn() {
            Err(error)
                if error.kind() == std::io::ErrorKind::ExecutableFileBusy && attempts < 50 =>
            {
                attempts += 1;
                std::thread::sleep(Duration::from_millis(20));
            }
            other => return other.unwrap(),
        }
    }
}

/// [`spawn_retrying`], then waits for the output.
pub(crate) fn output_retrying(command: &mut Command) -> std::process::Output {
    command
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    spawn_retrying(command).wait_with_output().unwrap()
}

/// A bundle folder in `dir`: a copy of the launcher, the bundle's transports (the programs
/// unpacked from the pinned Debian packages, as the bundle recipe ships them) and its
/// `pt_config`. Tor is Debian's, given with `--tor`.
pub(crate) struct TestBundle {
    pub dir: PathBuf,
    pub launcher: PathBuf,
}

impl TestBundle {
    pub(crate) fn new(parent: &Path) -> Self {
        use std::os::unix::fs::PermissionsExt;
        let dir = parent.join("tor messenger bundle");
        let pt = dir.join("tor/pluggable_transports");
        std::fs::create_dir_all(&pt).unwrap();
        let launcher = dir.join("start-tor-messenger");
        std::fs::copy(LAUNCHER, &launcher).unwrap();
        for (program, path) in [
            (
                "obfs4proxy",
                harness::pinned_transports::obfs4proxy().unwrap(),
            ),
            (
                "snowflake-client",
                harness::pinned_transports::snowflake_client().unwrap(),
            ),
        ] {
            std::fs::copy(&path, pt.join(program)).unwrap();
            std::fs::set_permissions(pt.join(program), std::fs::Permissions::from_mode(0o755))
                .unwrap();
        }
        std::fs::copy(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("../app/bridges/pt_config"),
            pt.join("pt_config"),
        )
        .unwrap();
        Self { dir, launcher }
    }

    /// The bundle's program of a transport.
    pub(crate) fn program(&self, name: &str) -> PathBuf {
        self.dir.join("tor/pluggable_transports").join(name)
    }

    /// The copied launcher with `setup`'s profile and ports, and Debian's tor.
    pub(crate) fn command(&self, setup: &Setup) -> Command {
        let mut command = Command::new(&self.launcher);
        command
            .arg("--data-dir")
            .arg(setup.data_dir())
            .arg("--socks-port")
            .arg(setup.socks_port.to_string())
            .arg("--control-port")
            .arg(setup.control_port.to_string())
            .arg("--tor")
            .arg(harness::programs::find_program("tor", Path::new("tor")).unwrap());
        command
    }
}

/// The executables of `pid`'s child processes (tor's managed transports).
pub(crate) fn child_executables(pid: u32) -> Vec<PathBuf> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir("/proc").unwrap().flatten() {
        let Ok(stat) = std::fs::read_to_string(entry.path().join("stat")) else {
            continue;
        };
        // "PID (comm) STATE PPID ...": comm may hold spaces, so split after the ')'.
        let Some((_, rest)) = stat.rsplit_once(')') else {
            continue;
        };
        let parent = rest
            .split_whitespace()
            .nth(1)
            .and_then(|p| p.parse::<u32>().ok());
        if parent == Some(pid)
            && let Ok(exe) = std::fs::read_link(entry.path().join("exe"))
        {
            found.push(exe);
        }
    }
    found
}
