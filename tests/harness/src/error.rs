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
        /// The component (tor, ngircd, prosody, ...).
        component: String,
        /// The program looked for.
        program: String,
        /// The Debian package that provides it.
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
        /// The component (tor, ngircd, prosody, ...).
        component: String,
        /// The program looked for.
        program: String,
        /// The Debian package that provides it.
        package: &'static str,
        /// Where the harness unpacks it.
        dir: &'static str,
        /// Why, in words.
        why: &'static str,
    },

    /// The component can only be run by a harness running as root.
    #[error("{component}: the harness must run as root to start it: {why}")]
    NeedsRoot {
        /// The component (tor, ngircd, prosody, ...).
        component: String,
        /// Why, in words.
        why: &'static str,
    },

    /// The port the component was told to use is already taken on 127.0.0.1.
    #[error(
        "{component}: port {port} on 127.0.0.1 is already in use; stop what holds it or let \
         the harness choose a free port"
    )]
    PortBusy {
        /// The component.
        component: String,
        /// The busy port.
        port: u16,
    },

    /// The process could not be started at all.
    #[error("{component}: could not start `{program}`: {source}")]
    Spawn {
        /// The component (tor, ngircd, prosody, ...).
        component: String,
        /// The program looked for.
        program: String,
        /// What the system said.
        #[source]
        source: io::Error,
    },

    /// The process ended while the harness was still waiting for it to become ready.
    #[error(
        "{component}: the process exited ({status}) while waiting for {awaited}{}\n{log}",
        port_note(*port)
    )]
    Exited {
        /// The component (tor, ngircd, prosody, ...).
        component: String,
        /// The port on 127.0.0.1, where there is one.
        port: Option<u16>,
        /// What the harness was waiting for.
        awaited: String,
        /// How the process ended.
        status: String,
        /// The end of its log.
        log: Box<LogExcerpt>,
    },

    /// A readiness wait ran out of time.
    #[error(
        "{component}: timed out after {limit:?} waiting for {awaited}{}{}\n{log}",
        port_note(*port),
        last_seen.as_deref().map(|seen| format!(" (last seen: {seen})")).unwrap_or_default()
    )]
    Timeout {
        /// The component (tor, ngircd, prosody, ...).
        component: String,
        /// The port on 127.0.0.1, where there is one.
        port: Option<u16>,
        /// What the harness was waiting for.
        awaited: String,
        /// How long the harness waited.
        limit: Duration,
        /// The last thing seen before the time ran out.
        last_seen: Option<String>,
        /// The end of its log.
        log: Box<LogExcerpt>,
    },

    /// A short helper command (tor-gencert, prosodyctl, ...) failed or did not finish in time.
    #[error("{component}: `{command}` failed ({status})\n--- its output ---\n{output}")]
    CommandFailed {
        /// The component (tor, ngircd, prosody, ...).
        component: String,
        /// The command line.
        command: String,
        /// How the process ended.
        status: String,
        /// What it printed.
        output: String,
    },

    /// A file or socket operation of the harness itself failed.
    #[error("{component}: {action}: {source}")]
    Io {
        /// The component (tor, ngircd, prosody, ...).
        component: String,
        /// What the harness was doing.
        action: String,
        /// What the system said.
        #[source]
        source: io::Error,
    },

    /// A component answered something the harness did not expect.
    #[error("{component}: unexpected answer{}: {message}", port_note(*port))]
    Protocol {
        /// The component (tor, ngircd, prosody, ...).
        component: String,
        /// The port on 127.0.0.1, where there is one.
        port: Option<u16>,
        /// What went wrong.
        message: String,
    },

    /// Making a self-signed certificate failed.
    #[error("{component}: could not make a self-signed certificate: {message}")]
    Certificate {
        /// The component.
        component: String,
        /// What went wrong.
        message: String,
    },

    /// The shared instance failed to start earlier in this test process; the first error is
    /// repeated because the harness tries only once per process.
    #[error("the shared {component} failed to start earlier in this test process: {message}")]
    SharedStartFailed {
        /// The component (tor, ngircd, prosody, ...).
        component: &'static str,
        /// What went wrong.
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
