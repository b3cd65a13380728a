//! One bridge line, checked before it reaches tor: transport, `IP:PORT`, fingerprint and the
//! transport's arguments. Turned into a typed value at the edge ("parse, don't validate"):
//! whatever holds a [`BridgeLine`] holds one tor accepts.

use std::fmt;
use std::net::SocketAddr;

use base64::Engine;

use crate::transport::Transport;

/// What is wrong with a bridge line. Typed, so that the messenger can say it in the person's
/// language; `Display` is the English the launcher prints.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum LineProblem {
    /// Nothing but spaces (or only the word `Bridge`).
    #[error("it is empty")]
    Empty,
    /// A line break or another control character (a line break would let one "bridge" add
    /// any option to the torrc).
    #[error("it contains a line break or another control character")]
    ControlCharacter,
    /// The first word is neither a transport name nor `IP:PORT`.
    #[error("{0:?} is neither a transport name nor an IP:PORT address")]
    NotTransportOrAddress(String),
    /// A transport the bundle does not ship (`webtunnel`, `meek_lite`, `conjure`, ...).
    #[error(
        "it uses the transport {0:?}, which Tor Messenger does not ship \
         (it has obfs4 and snowflake, and takes plain IP:PORT FINGERPRINT bridges)"
    )]
    UnsupportedTransport(String),
    /// The transport name with nothing after it.
    #[error("the address (IP:PORT) after {0:?} is missing")]
    MissingAddress(String),
    /// Not a numeric `IP:PORT` (a host name would need a DNS lookup outside tor).
    #[error(
        "{0:?} is not an IP:PORT address (tor needs a numeric address such as 192.0.2.1:443 or [2001:db8::1]:443)"
    )]
    BadAddress(String),
    /// Port 0.
    #[error("port 0 is not a valid port")]
    PortZero,
    /// A fingerprint that is not 40 hexadecimal digits.
    #[error("{0:?} is not a fingerprint (40 hexadecimal digits)")]
    BadFingerprint(String),
    /// A transport bridge without its fingerprint.
    #[error("a {0} bridge needs its fingerprint (40 hexadecimal digits) after the address")]
    MissingFingerprint(Transport),
    /// A word after the fingerprint that is not `key=value`.
    #[error("{0:?} is not a key=value transport argument")]
    NotKeyValue(String),
    /// A plain bridge with transport arguments.
    #[error("a plain bridge takes no arguments, but {0:?} was given")]
    PlainWithArguments(String),
    /// An argument the transport does not take.
    #[error("{key:?} is not an argument of {transport} bridges")]
    UnknownArgument {
        /// The transport.
        transport: Transport,
        /// The argument's name.
        key: String,
    },
    /// The same argument twice.
    #[error("the argument {0:?} is given twice")]
    RepeatedArgument(String),
    /// A required argument is missing.
    #[error("{key}=... is missing (a {transport} bridge needs it)")]
    MissingArgument {
        /// The transport.
        transport: Transport,
        /// The argument's name.
        key: &'static str,
    },
    /// An obfs4 `cert=` that is not the base64 of 52 bytes (the bridge's node id and public
    /// key): a line cut short when copied, typically.
    #[error("cert= is not a valid obfs4 certificate (base64 of 52 bytes): was the line cut short?")]
    BadCert,
    /// An obfs4 `iat-mode=` other than 0, 1, 2.
    #[error("iat-mode={0} must be 0, 1 or 2")]
    BadIatMode(String),
    /// A snowflake argument with a value it cannot have (`url=` not https, a `fingerprint=`
    /// that is not 40 hex digits, an empty value).
    #[error("{key}={value} is not valid for a snowflake bridge")]
    BadSnowflakeArgument {
        /// The argument's name.
        key: String,
        /// Its value.
        value: String,
    },
}

/// A bridge line that does not parse, with the line it is about.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}invalid bridge line {line:?}: {problem}", number.map(|n| format!("line {n}: ")).unwrap_or_default())]
pub struct LineError {
    /// The line as given (cut if very long, control characters shown as spaces).
    pub line: String,
    /// Its number (from 1) when several lines were pasted at once.
    pub number: Option<usize>,
    /// What is wrong.
    pub problem: LineProblem,
}

/// A valid bridge line.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct BridgeLine {
    /// The transport, or `None` for a plain bridge.
    pub transport: Option<Transport>,
    /// Where the bridge listens.
    pub addr: SocketAddr,
    /// The relay fingerprint, 40 upper-case hex digits.
    pub fingerprint: Option<String>,
    /// The transport's `key=value` arguments, in the order given.
    pub args: Vec<(String, String)>,
}

/// The arguments each transport takes (snowflake's are those of snowflake-client 2.5.1 and of
/// Tor Browser's current lines: `fronts=` is ignored by 2.5.1, which reads `front=`).
fn known_arguments(transport: Transport) -> &'static [&'static str] {
    match transport {
        Transport::Obfs4 => &["cert", "iat-mode"],
        Transport::Snowflake => &[
            "fingerprint",
            "url",
            "front",
            "fronts",
            "ice",
            "utls-imitate",
            "utls-nosni",
            "ampcache",
            "sqsqueue",
            "sqscreds",
            "max",
        ],
    }
}

impl BridgeLine {
    /// Parses and checks one line as the person pasted it, with or without a leading
    /// `Bridge`.
    pub fn parse(input: &str) -> Result<Self, LineError> {
        Self::parse_tokens(input).map_err(|problem| LineError {
            line: shorten(input),
            number: None,
            problem,
        })
    }

    /// Parses several lines pasted at once (from bridges.torproject.org, a friend's message):
    /// one bridge per line; empty lines and `#` comments are skipped. All or nothing: the
    /// first bad line is the error, with its number.
    pub fn parse_many(text: &str) -> Result<Vec<Self>, LineError> {
        let mut bridges = Vec::new();
        for (index, line) in text.lines().enumerate() {
            let trimmed = line.trim();
            if trimmed.is_empty() || trimmed.starts_with('#') {
                continue;
            }
            let bridge = Self::parse(trimmed).map_err(|error| LineError {
                number: Some(index + 1),
                ..error
            })?;
            if !bridges.contains(&bridge) {
                bridges.push(bridge);
            }
        }
        if bridges.is_empty() {
            return Err(LineError {
                line: shorten(text),
                number: None,
                problem: LineProblem::Empty,
            });
        }
        Ok(bridges)
    }

    fn parse_tokens(input: &str) -> Result<Self, LineProblem> {
        if input.chars().any(char::is_control) {
            return Err(LineProblem::ControlCharacter);
        }
        let mut tokens = input.split_whitespace().peekable();
        if tokens
            .peek()
            .is_some_and(|first| first.eq_ignore_ascii_case("bridge"))
        {
            tokens.next();
        }
        let first = tokens.next().ok_or(LineProblem::Empty)?;
        let (transport, address) = if first.contains(':') {
            (None, first)
        } else {
            if !first
                .bytes()
                .all(|byte| byte.is_ascii_alphanumeric() || byte == b'_' || byte == b'-')
            {
                return Err(LineProblem::NotTransportOrAddress(first.to_owned()));
            }
            let transport = Transport::from_name(first)
                .ok_or_else(|| LineProblem::UnsupportedTransport(first.to_owned()))?;
            let address = tokens
                .next()
                .ok_or_else(|| LineProblem::MissingAddress(first.to_owned()))?;
            (Some(transport), address)
        };
        let addr: SocketAddr = address
            .parse()
            .map_err(|_| LineProblem::BadAddress(address.to_owned()))?;
        if addr.port() == 0 {
            return Err(LineProblem::PortZero);
        }
        let fingerprint = match tokens.next_if(|token| !token.contains('=')) {
            Some(token) => Some(parse_fingerprint(token)?),
            None => None,
        };
        let mut args: Vec<(String, String)> = Vec::new();
        for token in tokens {
            let (key, value) = token
                .split_once('=')
                .ok_or_else(|| LineProblem::NotKeyValue(token.to_owned()))?;
            if args.iter().any(|(seen, _)| seen == key) {
                return Err(LineProblem::RepeatedArgument(key.to_owned()));
            }
            args.push((key.to_owned(), value.to_owned()));
        }
        let line = Self {
            transport,
            addr,
            fingerprint,
            args,
        };
        line.check_arguments()?;
        Ok(line)
    }

    /// The value of argument `key`.
    pub fn argument(&self, key: &str) -> Option<&str> {
        self.args
            .iter()
            .find(|(name, _)| name == key)
            .map(|(_, value)| value.as_str())
    }

    fn check_arguments(&self) -> Result<(), LineProblem> {
        let Some(transport) = self.transport else {
            return match self.args.first() {
                Some((key, _)) => Err(LineProblem::PlainWithArguments(key.clone())),
                None => Ok(()),
            };
        };
        if self.fingerprint.is_none() {
            return Err(LineProblem::MissingFingerprint(transport));
        }
        let known = known_arguments(transport);
        if let Some((key, _)) = self
            .args
            .iter()
            .find(|(key, _)| !known.contains(&key.as_str()))
        {
            return Err(LineProblem::UnknownArgument {
                transport,
                key: key.clone(),
            });
        }
        let missing = |key| LineProblem::MissingArgument { transport, key };
        match transport {
            Transport::Obfs4 => {
                let cert = self.argument("cert").ok_or(missing("cert"))?;
                if !is_obfs4_cert(cert) {
                    return Err(LineProblem::BadCert);
                }
                match self.argument("iat-mode") {
                    Some("0" | "1" | "2") => Ok(()),
                    Some(other) => Err(LineProblem::BadIatMode(other.to_owned())),
                    None => Err(missing("iat-mode")),
                }
            }
            Transport::Snowflake => {
                for (key, value) in &self.args {
                    let valid = match key.as_str() {
                        "url" | "ampcache" => value.starts_with("https://") && value.len() > 8,
                        "fingerprint" => parse_fingerprint(value).is_ok(),
                        _ => !value.is_empty(),
                    };
                    if !valid {
                        return Err(LineProblem::BadSnowflakeArgument {
                            key: key.clone(),
                            value: value.clone(),
                        });
                    }
                }
                // Without a broker address snowflake-client has nothing to ask for proxies.
                self.argument("url").map(drop).ok_or(missing("url"))
            }
        }
    }
}

/// `$`-prefixed or plain, any case: 40 hex digits, returned upper-case.
fn parse_fingerprint(token: &str) -> Result<String, LineProblem> {
    let hex = token.strip_prefix('$').unwrap_or(token);
    if hex.len() != 40 || !hex.bytes().all(|byte| byte.is_ascii_hexdigit()) {
        return Err(LineProblem::BadFingerprint(token.to_owned()));
    }
    Ok(hex.to_ascii_uppercase())
}

/// An obfs4 certificate: the base64 (padded or not) of the 20-byte node id and the 32-byte
/// public key.
fn is_obfs4_cert(cert: &str) -> bool {
    let unpadded = cert.trim_end_matches('=');
    base64::engine::general_purpose::STANDARD_NO_PAD
        .decode(unpadded)
        .is_ok_and(|bytes| bytes.len() == 52)
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
    let clean = clean.trim();
    match clean.char_indices().nth(SHOWN) {
        Some((cut, _)) => format!("{}...", &clean[..cut]),
        None => clean.to_owned(),
    }
}

#[cfg(test)]
mod tests;
