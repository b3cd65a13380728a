//! An async control-port connection: one command at a time, events on their own stream.

use std::net::SocketAddr;
use std::time::Duration;

use tokio::io::{AsyncWriteExt, BufReader};
use tokio::net::TcpStream;
use tokio::net::tcp::{OwnedReadHalf, OwnedWriteHalf};
use tokio::sync::mpsc;
use tokio::task::JoinHandle;

use super::bootstrap::BootstrapStatus;
use super::error::{ControlError, ProtocolError};
use super::event::Event;
use super::keywords::{parse_keywords, parse_quoted};
use super::line_reader::read_line;
use super::reply::{Reply, ReplyParser};

/// How long a command waits for its reply unless told otherwise.
pub const DEFAULT_REPLY_TIMEOUT: Duration = Duration::from_secs(10);

/// An authenticated or fresh connection to tor's control port.
///
/// Commands take `&mut self`, so replies arrive in the order commands were sent, as the
/// protocol requires. Asynchronous events go to the [`EventStream`] returned by `connect`.
#[derive(Debug)]
pub struct ControlClient {
    writer: OwnedWriteHalf,
    replies: mpsc::UnboundedReceiver<Result<Reply, ControlError>>,
    reader: JoinHandle<()>,
    reply_timeout: Duration,
    /// Tor answers `PROTOCOLINFO` only once before authentication; the answer is kept.
    protocol_info: Option<ProtocolInfo>,
}

/// The events tor sends after `SETEVENTS`. Ends (`None`) when the connection closes.
#[derive(Debug)]
pub struct EventStream {
    events: mpsc::UnboundedReceiver<Reply>,
}

impl EventStream {
    /// The next event, or `None` once tor closed the connection.
    pub async fn next(&mut self) -> Option<Result<Event, ProtocolError>> {
        let reply = self.events.recv().await?;
        Some(Event::from_reply(&reply))
    }
}

/// What `PROTOCOLINFO` tells about authentication.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ProtocolInfo {
    /// Methods such as `COOKIE`, `SAFECOOKIE`, `NULL`.
    pub auth_methods: Vec<String>,
    /// The cookie file tor named, if any.
    pub cookie_file: Option<String>,
    /// Tor's version string.
    pub tor_version: Option<String>,
}

impl ControlClient {
    /// Connects to `addr`, giving up after `connect_timeout`.
    pub async fn connect(
        addr: SocketAddr,
        connect_timeout: Duration,
    ) -> Result<(Self, EventStream), ControlError> {
        let stream = tokio::time::timeout(connect_timeout, TcpStream::connect(addr))
            .await
            .map_err(|_| ControlError::Timeout {
                what: "the connection",
                limit: connect_timeout,
            })?
            .map_err(|source| ControlError::Connect { addr, source })?;
        Ok(Self::from_stream(stream))
    }

    /// Wraps an already connected stream.
    pub fn from_stream(stream: TcpStream) -> (Self, EventStream) {
        let (read_half, writer) = stream.into_split();
        let (reply_sender, replies) = mpsc::unbounded_channel();
        let (event_sender, events) = mpsc::unbounded_channel();
        let reader = tokio::spawn(read_replies(read_half, reply_sender, event_sender));
        (
            Self {
                writer,
                replies,
                reader,
                reply_timeout: DEFAULT_REPLY_TIMEOUT,
                protocol_info: None,
            },
            EventStream { events },
        )
    }

    /// Changes how long each command waits for its reply.
    pub fn set_reply_timeout(&mut self, limit: Duration) {
        self.reply_timeout = limit;
    }

    /// Sends `line` and waits for its reply, which must be `250`/`251`.
    ///
    /// `keyword` names the command in errors; `line` is never put in an error, since it can
    /// hold a secret (the cookie).
    pub async fn command(
        &mut self,
        keyword: &'static str,
        line: &str,
    ) -> Result<Reply, ControlError> {
        if line.contains(['\r', '\n']) {
            return Err(ProtocolError::UnexpectedReply {
                command: keyword,
                detail: "the command itself contains a line break".to_owned(),
            }
            .into());
        }
        let mut bytes = Vec::with_capacity(line.len() + 2);
        bytes.extend_from_slice(line.as_bytes());
        bytes.extend_from_slice(b"\r\n");
        let limit = self.reply_timeout;
        let timed_out = || ControlError::Timeout {
            what: keyword,
            limit,
        };
        tokio::time::timeout(limit, self.writer.write_all(&bytes))
            .await
            .map_err(|_| timed_out())??;
        let reply = tokio::time::timeout(limit, self.replies.recv())
            .await
            .map_err(|_| timed_out())?
            .ok_or(ControlError::Closed)??;
        if reply.is_ok() {
            Ok(reply)
        } else {
            Err(ControlError::Rejected {
                command: keyword,
                status: reply.status,
                message: reply.message().to_owned(),
            })
        }
    }

    /// `PROTOCOLINFO 1`: the authentication methods and cookie file (asked once per
    /// connection, as tor allows only one before authentication).
    pub async fn protocol_info(&mut self) -> Result<ProtocolInfo, ControlError> {
        if let Some(info) = &self.protocol_info {
            return Ok(info.clone());
        }
        let reply = self.command("PROTOCOLINFO", "PROTOCOLINFO 1").await?;
        let mut info = ProtocolInfo::default();
        for line in &reply.lines {
            if let Some(rest) = line.text.strip_prefix("AUTH ") {
                let keywords = parse_keywords(rest)?;
                if let Some(methods) = keywords.get("METHODS") {
                    info.auth_methods = methods.split(',').map(str::to_owned).collect();
                }
                info.cookie_file = keywords.get("COOKIEFILE").map(str::to_owned);
            } else if let Some(rest) = line.text.strip_prefix("VERSION ") {
                info.tor_version = parse_keywords(rest)?.get("Tor").map(str::to_owned);
            }
        }
        self.protocol_info = Some(info.clone());
        Ok(info)
    }

    /// `TAKEOWNERSHIP`: tor exits when this connection closes (also if the launcher is killed).
    pub async fn take_ownership(&mut self) -> Result<(), ControlError> {
        self.command("TAKEOWNERSHIP", "TAKEOWNERSHIP")
            .await
            .map(drop)
    }

    /// `SETEVENTS`: subscribes to the named events (replacing earlier ones).
    pub async fn set_events(&mut self, events: &[&str]) -> Result<(), ControlError> {
        let line = format!("SETEVENTS {}", events.join(" "));
        self.command("SETEVENTS", &line).await.map(drop)
    }

    /// `GETINFO key`: the value tor returns for one key.
    pub async fn get_info(&mut self, key: &str) -> Result<String, ControlError> {
        if key.contains([' ', '\r', '\n']) {
            return Err(ProtocolError::UnexpectedReply {
                command: "GETINFO",
                detail: "a key with spaces".to_owned(),
            }
            .into());
        }
        let reply = self.command("GETINFO", &format!("GETINFO {key}")).await?;
        let prefix = format!("{key}=");
        reply
            .lines
            .iter()
            .find_map(|line| {
                let value = line.text.strip_prefix(&prefix)?;
                Some(line.data.clone().unwrap_or_else(|| value.to_owned()))
            })
            .ok_or_else(|| {
                ProtocolError::UnexpectedReply {
                    command: "GETINFO",
                    detail: format!("no value for {key}"),
                }
                .into()
            })
    }

    /// `GETINFO status/bootstrap-phase`.
    pub async fn bootstrap_phase(&mut self) -> Result<BootstrapStatus, ControlError> {
        let value = self.get_info("status/bootstrap-phase").await?;
        BootstrapStatus::parse(&value)?.ok_or_else(|| {
            ProtocolError::UnexpectedReply {
                command: "GETINFO",
                detail: "status/bootstrap-phase is not a BOOTSTRAP status".to_owned(),
            }
            .into()
        })
    }

    /// `GETINFO net/listeners/socks`: the addresses tor's SOCKS ports really listen on
    /// (the user's torrc may have changed them).
    pub async fn socks_listeners(&mut self) -> Result<Vec<String>, ControlError> {
        let value = self.get_info("net/listeners/socks").await?;
        let mut listeners = Vec::new();
        let mut rest = value.trim();
        while !rest.is_empty() {
            if rest.starts_with('"') {
                let (listener, remainder) = parse_quoted(rest)?;
                listeners.push(listener);
                rest = remainder.trim_start();
            } else {
                let end = rest.find(' ').unwrap_or(rest.len());
                listeners.push(rest[..end].to_owned());
                rest = rest[end..].trim_start();
            }
        }
        Ok(listeners)
    }

    /// `SIGNAL name` (such as `SHUTDOWN`).
    pub async fn signal(&mut self, name: &str) -> Result<(), ControlError> {
        self.command("SIGNAL", &format!("SIGNAL {name}"))
            .await
            .map(drop)
    }
}

impl Drop for ControlClient {
    fn drop(&mut self) {
        self.reader.abort();
    }
}

/// Reads replies until the connection ends; events to one channel, answers to the other.
async fn read_replies(
    read_half: OwnedReadHalf,
    replies: mpsc::UnboundedSender<Result<Reply, ControlError>>,
    events: mpsc::UnboundedSender<Reply>,
) {
    let mut reader = BufReader::new(read_half);
    let mut parser = ReplyParser::new();
    loop {
        let line = match read_line(&mut reader).await {
            Ok(Some(line)) => line,
            Ok(None) => return,
            Err(error) => {
                let _ = replies.send(Err(error));
                return;
            }
        };
        match parser.feed_line(&line) {
            Ok(None) => {}
            Ok(Some(reply)) if reply.is_async_event() => {
                // Nobody listening to events is fine: they are dropped.
                let _ = events.send(reply);
            }
            Ok(Some(reply)) => {
                if replies.send(Ok(reply)).is_err() {
                    return;
                }
            }
            Err(error) => {
                let _ = replies.send(Err(error.into()));
                return;
            }
        }
    }
}
