//! What can stop the launcher, each with what to do next, and the exit code it gives.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use crate::bridges::BridgeError;
use messenger_tor_control::ControlError;

/// Exit code for a launcher error (bad configuration, missing tor, busy port...).
pub const EXIT_ERROR: i32 = 1;
/// Exit code when tor's bootstrap made no progress for the stall timeout.
pub const EXIT_STALLED: i32 = 3;
/// Exit code when tor died and could not be restarted.
pub const EXIT_TOR_DIED: i32 = 4;

/// A launcher failure.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum LaunchError {
    /// No tor in the bundle and none on PATH.
    #[error(
        "no tor found: not in the bundle ({bundled}) and not on PATH. \
         Install tor (Debian: apt install tor) or pass --tor PATH"
    )]
    TorNotFound {
        /// Where the bundled tor should have been.
        bundled: PathBuf,
    },
    /// The tor named (by --tor or in the bundle) is missing or cannot be run.
    #[error("tor at {path} {problem}; pass --tor PATH with a working tor")]
    TorNotUsable {
        /// The file.
        path: PathBuf,
        /// "does not exist", "is not executable", ...
        problem: &'static str,
    },
    /// The messenger was not found.
    #[error("the messenger was not found (looked at {}); pass --app PROGRAM", tried.iter().map(|path| path.display().to_string()).collect::<Vec<_>>().join(", "))]
    AppNotFound {
        /// The paths tried.
        tried: Vec<PathBuf>,
    },
    /// The program given with --app does not exist or cannot be run.
    #[error("the program {program} given with --app does not exist or is not executable")]
    AppNotUsable {
        /// The program as given.
        program: PathBuf,
    },
    /// A port tor needs is taken.
    #[error(
        "port {port} (tor's {role} port) on 127.0.0.1 is already in use, probably by {likely_user}. \
         Close that program, or choose another port with --{flag} PORT"
    )]
    PortBusy {
        /// The port.
        port: u16,
        /// "SOCKS" or "control".
        role: &'static str,
        /// The option that changes it.
        flag: &'static str,
        /// Who probably holds it.
        likely_user: &'static str,
    },
    /// The profile folder could not be prepared.
    #[error("cannot prepare the profile folder {path}: {source}")]
    DataDir {
        /// The folder or file.
        path: PathBuf,
        /// The system's reason.
        source: std::io::Error,
    },
    /// The torrc-defaults template cannot be used.
    #[error("tor's defaults template {source_name} is unusable: {detail}")]
    Template {
        /// The template file (or "built-in").
        source_name: String,
        /// What is wrong.
        detail: String,
    },
    /// A path that cannot be written into a torrc.
    #[error("the path {path} cannot be used in a torrc: {detail}")]
    UnusablePath {
        /// The path.
        path: PathBuf,
        /// Why.
        detail: &'static str,
    },
    /// Tor could not be started at all.
    #[error("cannot start tor ({path}): {source}")]
    TorSpawn {
        /// The tor binary.
        path: PathBuf,
        /// The system's reason.
        source: std::io::Error,
    },
    /// Tor exited before it was ready, typically refusing its configuration.
    #[error("tor stopped before it was ready ({status}). Tor said:\n{tor_said}")]
    TorExitedEarly {
        /// Its exit status.
        status: String,
        /// Tor's last warnings.
        tor_said: String,
    },
    /// Tor's control port did not open in time.
    #[error("tor's control port {addr} did not open within {} s. Tor said:\n{tor_said}", limit.as_secs())]
    ControlPortNotReady {
        /// The control address.
        addr: SocketAddr,
        /// The limit.
        limit: Duration,
        /// Tor's last output.
        tor_said: String,
    },
    /// Talking to tor's control port failed.
    #[error("tor's control port: {0}")]
    Control(#[from] ControlError),
    /// Bootstrap stopped progressing (the advice has been printed already).
    #[error("tor made no progress for {} s (stuck at {progress}%: {summary})", limit.as_secs())]
    BootstrapStalled {
        /// The stall timeout.
        limit: Duration,
        /// Where it stuck.
        progress: u8,
        /// Tor's phase text.
        summary: String,
    },
    /// Tor reported a bootstrap error it does not recover from.
    #[error("tor cannot connect: {0}")]
    BootstrapFailed(String),
    /// Tor died and the restarts allowed are used up.
    #[error(
        "tor stopped unexpectedly ({status}) and was restarted {restarts} time(s) already; giving up. Tor said:\n{tor_said}"
    )]
    TorDied {
        /// Its exit status.
        status: String,
        /// Restarts made.
        restarts: u32,
        /// Tor's last output.
        tor_said: String,
    },
    /// The messenger could not be started.
    #[error("cannot start {program}: {source}")]
    AppSpawn {
        /// The program.
        program: PathBuf,
        /// The system's reason.
        source: std::io::Error,
    },
    /// `--use-system-tor` names an address where nothing listens.
    #[error(
        "no tor answers at {addr} (--use-system-tor): {source}. Start that tor, or leave out --use-system-tor to use the bundled one"
    )]
    SystemTorUnreachable {
        /// The address.
        addr: SocketAddr,
        /// The system's reason.
        source: std::io::Error,
    },
    /// A bridge command failed.
    #[error(transparent)]
    Bridge(#[from] BridgeError),
    /// Standard input could not be read (pasted bridge lines, a choice).
    #[error("cannot read what was typed or pasted: {0}")]
    Stdin(std::io::Error),
    /// Installing the signal handlers failed.
    #[error("cannot watch for signals: {0}")]
    Signals(std::io::Error),
    /// The async runtime could not be built.
    #[error("cannot start the launcher's event loop: {0}")]
    Runtime(std::io::Error),
    /// `verify` refused a file or could not read it.
    #[error(transparent)]
    Verify(#[from] messenger_update::VerifyError),
    /// `verify --sums` found files that do not match.
    #[error("{bad} of {total} files listed in the sums file do not check out (see above)")]
    SumsMismatch {
        /// How many failed.
        bad: usize,
        /// How many were listed.
        total: usize,
    },
    /// `check-update` or `download` refused what it fetched, or could not fetch it.
    #[error(transparent)]
    Update(#[from] messenger_update::UpdateError),
    /// This launcher carries no release key and none was given.
    #[error(
        "this launcher was built without release keys (keys/*.pub): pass --keys DIR with the \
         project's public keys"
    )]
    NoBuiltInKeys,
    /// No update address was built in and none was given.
    #[error(
        "this build names no update address: pass --manifest-url https://.../manifest.json \
         (the address the project publishes on its website)"
    )]
    NoManifestUrl,
    /// The system gave no random bytes (for the update check's own circuit credentials).
    #[error("the system gave no random numbers: {0}")]
    NoRandomness(String),
    /// The certificates folder could not be read.
    #[error("cannot load the certificates in {path}: {reason}")]
    Certs {
        /// The folder.
        path: PathBuf,
        /// Why.
        reason: String,
    },
}

impl LaunchError {
    /// The exit code the launcher gives for this error.
    pub fn exit_code(&self) -> i32 {
        match self {
            Self::BootstrapStalled { .. } | Self::BootstrapFailed(_) => EXIT_STALLED,
            Self::TorDied { .. } => EXIT_TOR_DIED,
            _ => EXIT_ERROR,
        }
    }
}
