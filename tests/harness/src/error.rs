//! The one error type of the harness: every variant names the component and, where there is
//! one, the port, and carries the tail of the component's log so a failing test explains itself.

use std::io;
use std::path::PathBuf;
use std::time::Duration;

/// Why a component could not be started, used or waited for.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum HarnessError {
    /// A program the component needs is not installed (or an override points nowhere).
    #[error(
        "{component}: the program `{program}` was not found; install the Debian package \
         `{package}` (apt-get install {package}, or run `make deps`)"
    )]
    MissingProgram {
        component: String,
        program: String,
        package: &'static str,
    },

    /// A program the harness unpacks from its Debian package instead of installing it (the
    /// package conflicts with another one the tests need) is missing.
    #[error(
        "{component}: `{program}` was not found; run `scripts/deps test` (or `make deps`), \
         which unpacks the Debian package `{package}` into {dir} without installing it \
         ({why})"
    )]
    MissingUnpackedProgram {
        component: String,
        program: String,
        package: &'static str,
        dir: &'static str,
        why: &'static str,
    },

    /// The component can only be run by a harness running as root.
    #[error("{component}: the harness must run as root to start it: {why}")]
    NeedsRoot {
        component: String,
        why: &'static str,
    },

    /// The port the component was told to use is already taken on 127.0.0.1.
    #[error(
        "{component}: port {port} on 127.0.0.1 is already in use; stop what holds it or let \
         the harness choose a free port"
    )]
    PortBusy { component: String, port: u16 },

    /// The process could not be started at all.
    #[error("{component}: could not start `{program}`: {source}")]
    Spawn {
        component: String,
        program: String,
        #[source]
        source: io::Error,
    },

    /// The process ended while the harness was still waiting for it to become ready.
    #[error(
        "{component}: the process exited ({status}) while waiting for {awaited}{}\n{log}",
        port_note(*port)
    )]
    Exited {
        component: String,
        port: Option<u16>,
        awaited: String,
        status: String,
        log: Box<LogExcerpt>,
    },

    /// A readiness wait ran out of time.
    #[error(
        "{component}: timed out after {limit:?} waiting for {awaited}{}{}\n{log}",
        port_note(*port),
        last_seen.as_deref().map(|seen| format!(" (last seen: {seen})")).unwrap_or_default()
    )]
    Timeout {
        component: String,
        port: Option<u16>,
        awaited: String,
        limit: Duration,
        last_seen: Option<String>,
        log: Box<LogExcerpt>,
    },

    /// A short helper command (tor-gencert, prosodyctl, ...) failed or did not finish in time.
    #[error("{component}: `{command}` failed ({status})\n--- its output ---\n{output}")]
    CommandFailed {
        component: String,
        command: String,
        status: String,
        output: String,
    },

    /// A file or socket operation of the harness itself failed.
    #[error("{component}: {action}: {source}")]
    Io {
        component: String,
        action: String,
        #[source]
        source: io::Error,
    },

    /// A component answered something the harness did not expect.
    #[error("{component}: unexpected answer{}: {message}", port_note(*port))]
    Protocol {
        component: String,
        port: Option<u16>,
        message: String,
    },

    /// Making a self-signed certificate failed.
    #[error("{component}: could not make a self-signed certificate: {message}")]
    Certificate { component: String, message: String },

    /// The shared instance failed to start earlier in this test process; the first error is
    /// repeated because the harness tries only once per process.
    #[error("the shared {component} failed to start earlier in this test process: {message}")]
    SharedStartFailed {
        component: &'static str,
        message: String,
    },
}

/// The end of a component's log, shown under an error.
#[derive(Debug, Clone)]
pub struct LogExcerpt {
    /// The whole log.
    pub path: PathBuf,
    /// Its last lines.
    pub tail: String,
}

impl std::fmt::Display for LogExcerpt {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "--- last lines of {} ---\n{}",
            self.path.display(),
            self.tail
        )
    }
}

fn port_note(port: Option<u16>) -> String {
    port.map(|port| format!(" on 127.0.0.1:{port}"))
        .unwrap_or_default()
}

impl HarnessError {
    /// Wraps an I/O error with what the harness was doing.
    pub(crate) fn io(component: &str, action: impl Into<String>, source: io::Error) -> Self {
        Self::Io {
            component: component.to_owned(),
            action: action.into(),
            source,
        }
    }
}
