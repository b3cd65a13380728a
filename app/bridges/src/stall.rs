//! What a stalled bootstrap means, from what tor says on its control port.
//!
//! Tor 0.4.9 sends no `PT_LOG` or `PT_STATUS` events: a failing transport shows only in its
//! log. So the watcher reads `STATUS_CLIENT` bootstrap reports (progress, and problems with a
//! `REASON`), `WARN` log events (a transport program that died, an obfs4 bridge that does not
//! answer: "Proxy Client: unable to connect ...") and `NOTICE` log events (tor passes on what
//! snowflake-client reports, such as "broker failure").

use std::fmt;

use crate::pt_config::PtConfig;
use crate::transport::Transport;

/// Why tor does not get further, as far as its messages tell.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum StallCause {
    /// This computer's clock is wrong: tor cannot trust the network's documents.
    Clock,
    /// A transport's program could not start or stopped (missing, damaged, blocked by
    /// security software), named when tor said which.
    TransportFailed(Option<Transport>),
    /// snowflake cannot reach its broker, where it finds volunteer proxies.
    SnowflakeBroker,
    /// The bridges in use do not answer (offline, blocked, or the line is wrong).
    BridgesUnreachable,
    /// The network refuses or drops tor's connections: it probably blocks Tor.
    Blocked,
    /// Tor said nothing about a problem: the connections just get no answer (also the sign of
    /// a censor that drops them silently), or the network is very slow.
    NoAnswer,
}

impl fmt::Display for StallCause {
    /// What the stall means, in English (the launcher's words; the messenger says it in the
    /// person's language).
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StallCause::Clock => formatter.write_str(
                "this computer's clock seems wrong; tor cannot connect while date, time or time \
                 zone are off",
            ),
            StallCause::TransportFailed(Some(transport)) => write!(
                formatter,
                "the {transport} program of the bundle could not start or stopped; unpack the \
                 bundle again (security software sometimes removes or blocks it), or choose \
                 another way to connect"
            ),
            StallCause::TransportFailed(None) => formatter.write_str(
                "a pluggable transport program could not start or stopped; unpack the bundle \
                 again, or choose another way to connect",
            ),
            StallCause::SnowflakeBroker => formatter.write_str(
                "snowflake cannot reach its broker (where it finds volunteer proxies): your \
                 network may block it; try obfs4 bridges or bridges from a friend",
            ),
            StallCause::BridgesUnreachable => formatter.write_str(
                "the bridges in use do not answer: they may be offline or blocked, or a line \
                 was cut when copied; try other bridges",
            ),
            StallCause::Blocked => formatter.write_str(
                "connections to the Tor network are refused or cut: your network probably \
                 blocks Tor; a bridge hides that you use Tor",
            ),
            StallCause::NoAnswer => formatter.write_str(
                "tor gets no answer from the Tor network: your network may be blocking Tor \
                 silently, or it is very slow",
            ),
        }
    }
}

/// Bootstrap reasons that mean a connection failed (control-spec, `REASON=` of
/// `BOOTSTRAP` problems).
const CONNECTION_REASONS: [&str; 8] = [
    "CONNECTREFUSED",
    "CONNECTRESET",
    "TIMEOUT",
    "NOROUTE",
    "IOERROR",
    "MISC",
    "DONE",
    "RESOURCELIMIT",
];

/// Collects what tor said since the last change of connection, and tells the likeliest
/// cause of a stall.
#[derive(Debug, Clone, Default)]
pub struct StallWatch {
    programs: Vec<(String, Transport)>,
    uses_bridges: bool,
    clock: bool,
    transport_failed: Option<Option<Transport>>,
    broker: bool,
    bridge_failed: bool,
    connection_failed: bool,
    last_warning: Option<String>,
}

impl StallWatch {
    /// A watch that knows `config`'s transport programs (to tell which transport a failing
    /// program is).
    pub fn new(config: &PtConfig) -> StallWatch {
        StallWatch {
            programs: config
                .transports
                .iter()
                .map(|(transport, program)| (program.clone(), *transport))
                .collect(),
            ..StallWatch::default()
        }
    }

    /// Says whether bridges are in use (tor's connection problems are then the bridges').
    pub fn set_uses_bridges(&mut self, uses_bridges: bool) {
        self.uses_bridges = uses_bridges;
    }

    /// Forgets what was seen: a new way to connect starts with a clean slate.
    pub fn reset(&mut self) {
        *self = StallWatch {
            programs: std::mem::take(&mut self.programs),
            uses_bridges: self.uses_bridges,
            ..StallWatch::default()
        };
    }

    /// Takes in a bootstrap problem report (`STATUS_CLIENT WARN BOOTSTRAP`): tor's `WARNING`
    /// text and `REASON` keyword.
    pub fn observe_bootstrap_problem(&mut self, warning: Option<&str>, reason: Option<&str>) {
        let warning = warning.unwrap_or_default();
        let reason = reason.unwrap_or_default();
        if mentions_clock(warning) {
            self.clock = true;
        } else if reason == "PT_MISSING" {
            self.transport_failed.get_or_insert(None);
        } else if CONNECTION_REASONS.contains(&reason) || !reason.is_empty() {
            if self.uses_bridges {
                self.bridge_failed = true;
            } else {
                self.connection_failed = true;
            }
        }
        if !warning.is_empty() {
            self.last_warning = Some(warning.to_owned());
        }
    }

    /// Takes in a log event (`severity` as tor names it: `NOTICE`, `WARN`, `ERR`).
    pub fn observe_log(&mut self, severity: &str, message: &str) {
        if let Some(program) = managed_proxy_program(message) {
            let transport = self.transport_of(program);
            if message.contains("broker failure") || message.contains("rendezvous failed") {
                self.broker = true;
            } else if severity != "NOTICE"
                && (message.contains("terminated with status")
                    || message.contains("died in state")
                    || message.contains("Could not launch"))
            {
                self.transport_failed = Some(transport.or(self.transport_failed.flatten()));
            }
        } else if message.contains("Could not launch managed proxy") {
            self.transport_failed.get_or_insert(None);
        } else if severity != "NOTICE" && message.starts_with("Proxy Client: unable to connect") {
            // The transport (tor's "proxy") could not reach the bridge.
            self.bridge_failed = true;
        } else if severity != "NOTICE" && mentions_clock(message) {
            self.clock = true;
        }
        if severity != "NOTICE" {
            self.last_warning = Some(message.to_owned());
        }
    }

    /// The last warning tor gave, in its own words (may name a bridge's address: show it to
    /// the person, never log it).
    pub fn last_warning(&self) -> Option<&str> {
        self.last_warning.as_deref()
    }

    /// The likeliest cause of the stall, the most specific first.
    pub fn cause(&self) -> StallCause {
        if self.clock {
            StallCause::Clock
        } else if let Some(transport) = self.transport_failed {
            StallCause::TransportFailed(transport)
        } else if self.broker {
            StallCause::SnowflakeBroker
        } else if self.bridge_failed {
            StallCause::BridgesUnreachable
        } else if self.connection_failed {
            StallCause::Blocked
        } else {
            StallCause::NoAnswer
        }
    }

    fn transport_of(&self, program: &str) -> Option<Transport> {
        let name = program.rsplit('/').next().unwrap_or(program);
        self.programs
            .iter()
            .find(|(known, _)| known == name)
            .map(|(_, transport)| *transport)
    }
}

/// The program in tor's `Managed proxy "PROGRAM"...` or `Managed proxy at 'PROGRAM'...`.
fn managed_proxy_program(message: &str) -> Option<&str> {
    let rest = message.strip_prefix("Managed proxy ")?;
    let rest = rest.strip_prefix("at ").unwrap_or(rest);
    let quote = rest.chars().next().filter(|c| matches!(c, '"' | '\''))?;
    let inner = &rest[1..];
    inner.find(quote).map(|end| &inner[..end])
}

fn mentions_clock(text: &str) -> bool {
    let text = text.to_ascii_lowercase();
    text.contains("clock") || text.contains("skew")
}

#[cfg(test)]
mod tests;
