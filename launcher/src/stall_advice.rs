//! What to tell the person when tor's bootstrap makes no progress: what the stall means, in
//! words, and the choices (the same the messenger's window offers), each with the command
//! that does it later.

use std::path::Path;

use messenger_bridges::{BridgeMode, StallCause, Transport};

/// One thing the person can do about a stall.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StallChoice {
    /// Use the built-in bridges of a transport.
    BuiltIn(Transport),
    /// Enter bridge lines (from bridges.torproject.org, or a friend).
    EnterBridges,
    /// Use no bridges (offered when bridges are in use).
    Direct,
    /// Wait longer.
    KeepWaiting,
}

impl StallChoice {
    /// The choices for a tor configured with `mode`, offering only transports in
    /// `available`: the built-in snowflake and obfs4 bridges (not the ones in use), enter
    /// bridges, no bridges (when bridges are in use), keep waiting.
    pub fn offered(mode: BridgeMode, available: &[Transport]) -> Vec<StallChoice> {
        let mut choices: Vec<StallChoice> = Transport::ALL
            .into_iter()
            .filter(|transport| available.contains(transport))
            .filter(|transport| mode != BridgeMode::BuiltIn(*transport))
            .map(StallChoice::BuiltIn)
            .collect();
        choices.push(StallChoice::EnterBridges);
        if mode != BridgeMode::Direct {
            choices.push(StallChoice::Direct);
        }
        choices.push(StallChoice::KeepWaiting);
        choices
    }

    /// The choice in words, and the command that does it when tor is not running.
    fn describe(self) -> (String, &'static str) {
        match self {
            StallChoice::BuiltIn(Transport::Snowflake) => (
                "use the built-in snowflake bridges (volunteer proxies; works in most places)"
                    .to_owned(),
                "bridges use snowflake",
            ),
            StallChoice::BuiltIn(Transport::Obfs4) => (
                "use the built-in obfs4 bridges".to_owned(),
                "bridges use obfs4",
            ),
            StallChoice::EnterBridges => (
                "enter bridges: get them from https://bridges.torproject.org/ (or by mail to \
                 bridges@torproject.org), or from a friend"
                    .to_owned(),
                "bridges add \"obfs4 IP:PORT FINGERPRINT cert=... iat-mode=0\"",
            ),
            StallChoice::Direct => (
                "use no bridges (connect directly)".to_owned(),
                "bridges off",
            ),
            StallChoice::KeepWaiting => (
                "keep waiting (a slow network may need longer)".to_owned(),
                "--stall-timeout SECONDS",
            ),
        }
    }
}

/// The text printed when bootstrap stalls: what it means, tor's last warning, the choices
/// numbered (when `asking`, the launcher reads the number), and the other things to check.
pub fn stall_advice(
    cause: StallCause,
    last_warning: Option<&str>,
    choices: &[StallChoice],
    user_torrc: &Path,
    asking: bool,
) -> String {
    let mut text = format!("What this means: {cause}.\n");
    match last_warning {
        Some(warning) => text.push_str(&format!("Tor's last warning: {warning}\n")),
        None => text.push_str("Tor gave no warning.\n"),
    }
    text.push_str("What you can do:\n");
    for (index, choice) in choices.iter().enumerate() {
        let (words, command) = choice.describe();
        if asking {
            text.push_str(&format!("  {}. {words}\n", index + 1));
        } else {
            text.push_str(&format!(
                "  - {words}\n      (tor-messenger-launcher {command})\n"
            ));
        }
    }
    text.push_str(&format!(
        "Also check: this computer's date, time and time zone (tor cannot connect with a wrong \
         clock), and, if a firewall or proxy is in the way, allow this program out or set your \
         proxy (HTTPSProxy or Socks5Proxy) in {}",
        user_torrc.display()
    ));
    if asking {
        text.push_str(&format!("\nType a number (1-{}) and Enter:", choices.len()));
    }
    text
}

#[cfg(test)]
mod tests;
