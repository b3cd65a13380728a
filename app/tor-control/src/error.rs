//! Errors of the control-port client. No message ever holds the cookie or a line that
//! carried it: commands are named by their keyword only.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

/// Tor sent something the control protocol does not allow.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ProtocolError {
    /// A line without a three-digit status code and a ` `, `-` or `+` separator.
    #[error("malformed control-port line: {line:?}")]
    MalformedLine {
        /// The start of the line.
        line: String,
    },
    /// A line longer than the client accepts.
    #[error("control-port line longer than {limit} bytes")]
    LineTooLong {
        /// The limit in bytes.
        limit: usize,
    },
    /// A reply larger than the client accepts.
    #[error("control-port reply larger than {limit} bytes")]
    ReplyTooLarge {
        /// The limit in bytes.
        limit: usize,
    },
    /// The lines of one reply carried different status codes.
    #[error("control-port reply mixes status {first} and {then}")]
    MixedStatus {
        /// Status of the first line.
        first: u16,
        /// The differing status.
        then: u16,
    },
    /// A `KEY=VALUE` list or quoted string that does not parse.
    #[error("malformed value in control-port reply: {detail}")]
    MalformedValue {
        /// What was wrong.
        detail: String,
    },
    /// A reply that parses but lacks what the command should return.
    #[error("unexpected control-port reply to {command}: {detail}")]
    UnexpectedReply {
        /// The command (keyword only, never arguments such as secrets).
        command: &'static str,
        /// What was missing or wrong.
        detail: String,
    },
}

/// Everything that can go wrong talking to tor's control port.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ControlError {
    /// The control port address is not on this computer: the control connection is the
    /// one socket outside the connector, and only on loopback.
    #[error("tor's control port must be on this computer (127.0.0.1 or ::1), not {addr}")]
    NotLoopback {
        /// The address refused.
        addr: SocketAddr,
    },
    /// Connecting to the control port failed.
    #[error("cannot connect to tor's control port {addr}: {source}")]
    Connect {
        /// The address tried.
        addr: SocketAddr,
        /// The system's reason.
        source: std::io::Error,
    },
    /// Reading or writing the connection failed.
    #[error("control-port connection failed: {0}")]
    Io(#[from] std::io::Error),
    /// Tor closed the connection (it stopped or dropped us).
    #[error("tor closed the control-port connection")]
    Closed,
    /// A wait took longer than its limit.
    #[error("tor did not answer {what} within {} s", limit.as_secs_f32())]
    Timeout {
        /// What was waited for (a command keyword).
        what: &'static str,
        /// The limit.
        limit: Duration,
    },
    /// Tor's reply broke the protocol.
    #[error(transparent)]
    Protocol(#[from] ProtocolError),
    /// Tor refused a command.
    #[error("tor refused {command}: {status} {message}")]
    Rejected {
        /// The command keyword.
        command: &'static str,
        /// Tor's status code.
        status: u16,
        /// Tor's explanation.
        message: String,
    },
    /// The authentication cookie could not be read.
    #[error("cannot read tor's control cookie {path}: {source}")]
    CookieRead {
        /// The cookie file.
        path: PathBuf,
        /// The system's reason.
        source: std::io::Error,
    },
    /// The cookie file does not hold the 32 bytes tor writes.
    #[error("tor's control cookie {path} has {len} bytes, expected 32")]
    CookieLength {
        /// The cookie file.
        path: PathBuf,
        /// Its length.
        len: usize,
    },
    /// Tor does not offer SAFECOOKIE, the only method this client uses.
    #[error(
        "tor's control port does not offer SAFECOOKIE authentication (it offers: {methods}); \
         set CookieAuthentication 1 in its torrc"
    )]
    NoUsableAuthMethod {
        /// The methods tor listed, comma-separated (empty if none).
        methods: String,
    },
    /// A command argument that cannot be sent safely (a line break, a key with spaces, a
    /// control character in a value). Nothing was sent.
    #[error("cannot send {command}: {detail}")]
    InvalidArgument {
        /// The command keyword.
        command: &'static str,
        /// What is wrong with the argument (never the argument itself if it may be secret).
        detail: String,
    },
    /// In SAFECOOKIE, the other end did not prove it knows the cookie: it is not our tor.
    #[error(
        "the program on the control port did not prove it knows tor's cookie; it may not be tor"
    )]
    ServerHashMismatch,
    /// No randomness for the SAFECOOKIE nonce.
    #[error("no randomness available for the authentication nonce: {0}")]
    Random(String),
}
