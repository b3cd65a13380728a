//! Commands, built and checked before anything is sent (control-spec section 3).
//!
//! A [`Command`] is one line. Every constructor checks its arguments: no line breaks, keys
//! without spaces or quotes, configuration values quoted ([`quote`]). A command that carries
//! a secret (`AUTHENTICATE`) never shows its line in `Debug`.

use std::fmt;
use std::net::SocketAddr;

use crate::config::ConfigEntry;
use crate::error::ControlError;
use crate::keywords::quote;

/// One control-port command line, ready to send.
#[derive(Clone, PartialEq, Eq)]
pub struct Command {
    keyword: &'static str,
    line: String,
    secret: bool,
}

impl fmt::Debug for Command {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let line = if self.secret {
            "[scrubbed]"
        } else {
            &self.line
        };
        f.debug_struct("Command")
            .field("keyword", &self.keyword)
            .field("line", &line)
            .finish()
    }
}

impl Command {
    /// The command's keyword (`GETINFO`, ...), used in errors instead of the line.
    pub fn keyword(&self) -> &'static str {
        self.keyword
    }

    /// The line as sent, without CRLF.
    pub(crate) fn line(&self) -> &str {
        &self.line
    }

    fn new(keyword: &'static str, line: String) -> Self {
        Self {
            keyword,
            line,
            secret: false,
        }
    }

    /// `PROTOCOLINFO 1`: authentication methods, cookie file, tor's version.
    pub fn protocol_info() -> Self {
        Self::new("PROTOCOLINFO", "PROTOCOLINFO 1".to_owned())
    }

    /// `AUTHCHALLENGE SAFECOOKIE <nonce>`: the first step of SAFECOOKIE.
    pub fn auth_challenge(client_nonce: &[u8; 32]) -> Self {
        Self::new(
            "AUTHCHALLENGE",
            format!("AUTHCHALLENGE SAFECOOKIE {}", hex::encode(client_nonce)),
        )
    }

    /// `AUTHENTICATE <hash>`: the SAFECOOKIE client hash (secret: never shown).
    pub(crate) fn authenticate(client_hash: &[u8]) -> Self {
        Self {
            keyword: "AUTHENTICATE",
            line: format!("AUTHENTICATE {}", hex::encode(client_hash)),
            secret: true,
        }
    }

    /// `GETINFO key...`.
    pub fn get_info(keys: &[&str]) -> Result<Self, ControlError> {
        let keys = checked_keys("GETINFO", keys)?;
        Ok(Self::new("GETINFO", format!("GETINFO {keys}")))
    }

    /// `GETCONF key...`.
    pub fn get_conf(keys: &[&str]) -> Result<Self, ControlError> {
        let keys = checked_keys("GETCONF", keys)?;
        Ok(Self::new("GETCONF", format!("GETCONF {keys}")))
    }

    /// `SETCONF key="value"...`: sets the options at once (tor applies all or none). Several
    /// entries with one key give that option several values (such as `Bridge` lines); an
    /// entry without a value resets its option to the default.
    pub fn set_conf(entries: &[ConfigEntry]) -> Result<Self, ControlError> {
        Ok(Self::new(
            "SETCONF",
            format!("SETCONF {}", config_arguments("SETCONF", entries)?),
        ))
    }

    /// `RESETCONF key...`: the options back to their defaults (or to the given values).
    pub fn reset_conf(entries: &[ConfigEntry]) -> Result<Self, ControlError> {
        Ok(Self::new(
            "RESETCONF",
            format!("RESETCONF {}", config_arguments("RESETCONF", entries)?),
        ))
    }

    /// `SAVECONF`: tor writes its current options into its torrc (the `-f` file), so that
    /// a change made with `SETCONF` lasts; the file is tor's, written by tor itself.
    pub fn save_conf() -> Self {
        Self::new("SAVECONF", "SAVECONF".to_owned())
    }

    /// `SETEVENTS kind...`: subscribes to these events, replacing earlier ones (none: stop).
    pub fn set_events(kinds: &[EventKind]) -> Result<Self, ControlError> {
        let mut line = String::from("SETEVENTS");
        for kind in kinds {
            let name = kind.name();
            if name.is_empty()
                || !name
                    .bytes()
                    .all(|byte| byte.is_ascii_uppercase() || byte == b'_')
            {
                return Err(invalid(
                    "SETEVENTS",
                    "an event name must be upper-case letters and '_'",
                ));
            }
            line.push(' ');
            line.push_str(name);
        }
        Ok(Self::new("SETEVENTS", line))
    }

    /// `SIGNAL name`.
    pub fn signal(signal: Signal) -> Self {
        Self::new("SIGNAL", format!("SIGNAL {}", signal.name()))
    }

    /// `TAKEOWNERSHIP`: tor exits when this connection closes.
    pub fn take_ownership() -> Self {
        Self::new("TAKEOWNERSHIP", "TAKEOWNERSHIP".to_owned())
    }

    /// `ADD_ONION NEW:ED25519-V3 Flags=DiscardPK Port=virtual,target`: an onion service with a
    /// new key that tor forgets, alive while this connection stays open.
    pub fn add_onion(virtual_port: u16, target: SocketAddr) -> Self {
        Self::new(
            "ADD_ONION",
            format!("ADD_ONION NEW:ED25519-V3 Flags=DiscardPK Port={virtual_port},{target}"),
        )
    }

    /// `QUIT`: tor answers and closes the connection.
    pub fn quit() -> Self {
        Self::new("QUIT", "QUIT".to_owned())
    }

    /// Any other command: `keyword` followed by `arguments` as given (they must already be
    /// in the form the command expects; only line breaks are refused). The way to use a
    /// command this crate has no constructor for yet.
    pub fn other(keyword: &'static str, arguments: &str) -> Result<Self, ControlError> {
        if keyword.is_empty()
            || !keyword
                .bytes()
                .all(|byte| byte.is_ascii_uppercase() || byte == b'_' || byte == b'+')
        {
            return Err(invalid(keyword, "a command keyword is upper-case letters"));
        }
        if arguments.contains(['\r', '\n', '\0']) {
            return Err(invalid(keyword, "the arguments contain a line break"));
        }
        let line = if arguments.is_empty() {
            keyword.to_owned()
        } else {
            format!("{keyword} {arguments}")
        };
        Ok(Self::new(keyword, line))
    }
}

/// Events to subscribe to with `SETEVENTS`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum EventKind {
    /// `STATUS_CLIENT`: bootstrap progress and problems, and other client status.
    StatusClient,
    /// `STATUS_GENERAL`: clock skew, bad libraries, ...
    StatusGeneral,
    /// `HS_DESC`: onion service descriptors requested, uploaded, failed.
    HsDesc,
    /// `TRANSPORT_LAUNCHED`: a pluggable transport started and listens.
    TransportLaunched,
    /// `PT_LOG`: a pluggable transport's log message.
    PtLog,
    /// `PT_STATUS`: a pluggable transport's status message.
    PtStatus,
    /// Tor's log messages at `DEBUG`.
    Debug,
    /// Tor's log messages at `INFO`.
    Info,
    /// Tor's log messages at `NOTICE`.
    Notice,
    /// Tor's log messages at `WARN`.
    Warn,
    /// Tor's log messages at `ERR`.
    Err,
    /// Any other event, by its name (upper-case letters and `_`).
    Other(String),
}

impl EventKind {
    /// The name tor knows the event by.
    pub fn name(&self) -> &str {
        match self {
            Self::StatusClient => "STATUS_CLIENT",
            Self::StatusGeneral => "STATUS_GENERAL",
            Self::HsDesc => "HS_DESC",
            Self::TransportLaunched => "TRANSPORT_LAUNCHED",
            Self::PtLog => "PT_LOG",
            Self::PtStatus => "PT_STATUS",
            Self::Debug => "DEBUG",
            Self::Info => "INFO",
            Self::Notice => "NOTICE",
            Self::Warn => "WARN",
            Self::Err => "ERR",
            Self::Other(name) => name,
        }
    }

    /// The kind named `name` (a known one, else [`EventKind::Other`]).
    pub fn from_name(name: &str) -> Self {
        [
            Self::StatusClient,
            Self::StatusGeneral,
            Self::HsDesc,
            Self::TransportLaunched,
            Self::PtLog,
            Self::PtStatus,
            Self::Debug,
            Self::Info,
            Self::Notice,
            Self::Warn,
            Self::Err,
        ]
        .into_iter()
        .find(|kind| kind.name() == name)
        .unwrap_or_else(|| Self::Other(name.to_owned()))
    }
}

/// Signals for `SIGNAL` (control-spec 3.7).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Signal {
    /// Reload the configuration (`RELOAD`, like SIGHUP).
    Reload,
    /// Exit cleanly (`SHUTDOWN`; at once with `ShutdownWaitLength 0`).
    Shutdown,
    /// Log information about open connections and circuits (`DUMP`).
    Dump,
    /// Switch all open logs to debug level (`DEBUG`).
    Debug,
    /// Exit at once (`HALT`).
    Halt,
    /// Forget cached DNS answers (`CLEARDNSCACHE`).
    ClearDnsCache,
    /// New circuits for new streams (`NEWNYM`).
    Newnym,
    /// Log a heartbeat message now (`HEARTBEAT`).
    Heartbeat,
    /// Stop network activity until asked again (`DORMANT`).
    Dormant,
    /// Resume network activity (`ACTIVE`).
    Active,
}

impl Signal {
    /// The name tor knows the signal by.
    pub fn name(self) -> &'static str {
        match self {
            Self::Reload => "RELOAD",
            Self::Shutdown => "SHUTDOWN",
            Self::Dump => "DUMP",
            Self::Debug => "DEBUG",
            Self::Halt => "HALT",
            Self::ClearDnsCache => "CLEARDNSCACHE",
            Self::Newnym => "NEWNYM",
            Self::Heartbeat => "HEARTBEAT",
            Self::Dormant => "DORMANT",
            Self::Active => "ACTIVE",
        }
    }
}

fn invalid(command: &'static str, detail: &str) -> ControlError {
    ControlError::InvalidArgument {
        command,
        detail: detail.to_owned(),
    }
}

/// A key of GETINFO, GETCONF, SETCONF: printable, without spaces, quotes or `=`.
fn check_key(command: &'static str, key: &str) -> Result<(), ControlError> {
    if key.is_empty() {
        return Err(invalid(command, "an empty key"));
    }
    if !key
        .bytes()
        .all(|byte| byte.is_ascii_graphic() && !matches!(byte, b'"' | b'=' | b'\\'))
    {
        return Err(invalid(
            command,
            &format!(
                "the key {:?} must be printable ASCII without spaces, '=', '\\' or quotes",
                key.escape_debug().to_string()
            ),
        ));
    }
    Ok(())
}

fn checked_keys(command: &'static str, keys: &[&str]) -> Result<String, ControlError> {
    if keys.is_empty() {
        return Err(invalid(command, "no key given"));
    }
    for key in keys {
        check_key(command, key)?;
    }
    Ok(keys.join(" "))
}

fn config_arguments(
    command: &'static str,
    entries: &[ConfigEntry],
) -> Result<String, ControlError> {
    if entries.is_empty() {
        return Err(invalid(command, "no option given"));
    }
    let mut arguments = Vec::with_capacity(entries.len());
    for entry in entries {
        check_key(command, &entry.key)?;
        match &entry.value {
            None => arguments.push(entry.key.clone()),
            Some(value) => {
                let quoted = quote(value).ok_or_else(|| {
                    // The value is not shown: it may be a bridge line.
                    invalid(
                        command,
                        &format!("the value of {} contains a control character", entry.key),
                    )
                })?;
                arguments.push(format!("{}={quoted}", entry.key));
            }
        }
    }
    Ok(arguments.join(" "))
}

#[cfg(test)]
mod tests;
