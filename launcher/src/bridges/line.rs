//! One bridge line, checked before it reaches the torrc: transport, `IP:PORT`, fingerprint and
//! the transport's arguments.

use std::fmt;
use std::net::SocketAddr;

use super::BridgeError;

/// Transports this launcher can run (through Debian's obfs4proxy).
pub const SUPPORTED_TRANSPORTS: &[&str] = &["obfs4"];

/// A valid bridge line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BridgeLine {
    /// `obfs4`, or `None` for a plain bridge.
    pub transport: Option<String>,
    /// Where the bridge listens.
    pub addr: SocketAddr,
    /// The relay fingerprint, 40 upper-case hex digits.
    pub fingerprint: Option<String>,
    /// The transport's `key=value` arguments, in the order given.
    pub args: Vec<(String, String)>,
}

impl BridgeLine {
    /// Parses and checks a line as the user pasted it, with or without a leading `Bridge`.
    pub fn parse(input: &str) -> Result<Self, BridgeError> {
        let invalid = |reason: String| BridgeError::InvalidLine {
            line: shorten(input),
            reason,
        };
        if input.chars().any(char::is_control) {
            // A line break would let one "bridge" add any option to the torrc.
            return Err(invalid(
                "it contains a line break or another control character".to_owned(),
            ));
        }
        let mut tokens = input.split_whitespace().peekable();
        if tokens
            .peek()
            .is_some_and(|first| first.eq_ignore_ascii_case("bridge"))
        {
            tokens.next();
        }
        let first = tokens
            .next()
            .ok_or_else(|| invalid("it is empty".to_owned()))?;
        let (transport, address) = if first.contains(':') {
            (None, first)
        } else {
            if !first
                .bytes()
                .all(|byte| byte.is_ascii_alphanumeric() || byte == b'_')
            {
                return Err(invalid(format!(
                    "{first:?} is neither a transport name nor an IP:PORT address"
                )));
            }
            if !SUPPORTED_TRANSPORTS.contains(&first) {
                return Err(BridgeError::UnsupportedTransport {
                    line: shorten(input),
                    transport: first.to_owned(),
                });
            }
            let address = tokens.next().ok_or_else(|| {
                invalid(format!("the address (IP:PORT) after {first:?} is missing"))
            })?;
            (Some(first.to_owned()), address)
        };
        let addr: SocketAddr = address.parse().map_err(|_| {
            invalid(format!(
                "{address:?} is not an IP:PORT address (tor needs a numeric address such as 192.0.2.1:443 or [2001:db8::1]:443)"
            ))
        })?;
        if addr.port() == 0 {
            return Err(invalid("port 0 is not a valid port".to_owned()));
        }
        let fingerprint = match tokens.peek() {
            Some(token) if !token.contains('=') => {
                let token = tokens.next().unwrap_or_default();
                let hex = token.strip_prefix('$').unwrap_or(token);
                if hex.len() != 40 || !hex.bytes().all(|byte| byte.is_ascii_hexdigit()) {
                    return Err(invalid(format!(
                        "{token:?} is not a fingerprint (40 hexadecimal digits)"
                    )));
                }
                Some(hex.to_ascii_uppercase())
            }
            _ => None,
        };
        let mut args = Vec::new();
        for token in tokens {
            let (key, value) = token.split_once('=').ok_or_else(|| {
                invalid(format!("{token:?} is not a key=value transport argument"))
            })?;
            args.push((key.to_owned(), value.to_owned()));
        }
        let line = Self {
            transport,
            addr,
            fingerprint,
            args,
        };
        line.check_transport_arguments().map_err(invalid)?;
        Ok(line)
    }

    fn check_transport_arguments(&self) -> Result<(), String> {
        match self.transport.as_deref() {
            None => {
                if let Some((key, _)) = self.args.first() {
                    return Err(format!(
                        "a plain bridge takes no arguments, but {key:?} was given"
                    ));
                }
                Ok(())
            }
            Some(transport) => {
                if self.fingerprint.is_none() {
                    return Err(format!(
                        "a {transport} bridge needs its fingerprint (40 hexadecimal digits) after the address"
                    ));
                }
                let value = |name: &str| {
                    self.args
                        .iter()
                        .find(|(key, _)| key == name)
                        .map(|(_, value)| value.as_str())
                };
                for (key, _) in &self.args {
                    if key != "cert" && key != "iat-mode" {
                        return Err(format!("{key:?} is not an obfs4 argument (cert, iat-mode)"));
                    }
                }
                let cert = value("cert").ok_or("cert=... is missing")?;
                if cert.is_empty()
                    || !cert.bytes().all(|byte| {
                        byte.is_ascii_alphanumeric() || matches!(byte, b'+' | b'/' | b'=')
                    })
                {
                    return Err("cert= must be base64 text".to_owned());
                }
                match value("iat-mode") {
                    Some("0" | "1" | "2") => Ok(()),
                    Some(other) => Err(format!("iat-mode={other} must be 0, 1 or 2")),
                    None => Err("iat-mode=... is missing".to_owned()),
                }
            }
        }
    }
}

impl fmt::Display for BridgeLine {
    /// The line as tor's `Bridge` option takes it (without the word `Bridge`).
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(transport) = &self.transport {
            write!(formatter, "{transport} ")?;
        }
        write!(formatter, "{}", self.addr)?;
        if let Some(fingerprint) = &self.fingerprint {
            write!(formatter, " {fingerprint}")?;
        }
        for (key, value) in &self.args {
            write!(formatter, " {key}={value}")?;
        }
        Ok(())
    }
}

/// The line for an error message, cut if very long.
fn shorten(line: &str) -> String {
    const SHOWN: usize = 200;
    let clean: String = line
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    match clean.char_indices().nth(SHOWN) {
        Some((cut, _)) => format!("{}...", &clean[..cut]),
        None => clean,
    }
}

#[cfg(test)]
mod tests;
