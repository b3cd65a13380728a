//! An async control-port connection: one command at a time, events on their own stream.

use std::net::SocketAddr;
use std::path::Path;
use std::time::Duration;

use tokio::io::{AsyncWriteExt, BufReader};
use tokio::net::TcpStream;
use tokio::net::tcp::{OwnedReadHalf, OwnedWriteHalf};
use tokio::sync::mpsc;
use tokio::task::JoinHandle;

use super::bootstrap::BootstrapStatus;
use super::command::{Command, EventKind, Signal};
use super::config::ConfigEntry;
use super::error::{ControlError, ProtocolError};
use super::event::Event;
use super::keywords::parse_quoted;
use super::line_reader::read_line;
use super::onion::OnionService;
use super::protocol_info::ProtocolInfo;
use super::reply::{Reply, ReplyParser};

/// How long a command waits for its reply unless told otherwise.
pub const DEFAULT_REPLY_TIMEOUT: Duration = Duration::from_secs(10);

/// A sensible limit for connecting to a local port (the caller passes its own to `connect`).
pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(5);

/// How many events wait for the [`EventStream`] to take them. When the queue is full the
/// connection stops reading until the stream takes one (tor keeps the rest), so a program
/// that subscribes to events must read them, or drop the stream to discard them.
pub const EVENT_QUEUE_LEN: usize = 1024;

/// Replies waiting for their command: one at a time is normal; a few more only from a peer
/// that answers what was not asked.
const REPLY_QUEUE_LEN: usize = 4;

/// An authenticated or fresh connection to tor's control port.
///
/// Commands take `&mut self`, so replies arrive in the order commands were sent, as the
/// protocol requires. Asynchronous events go to the [`EventStream`] returned by `connect`.
#[derive(Debug)]
pub struct ControlClient {
    writer: OwnedWriteHalf,
    replies: mpsc::Receiver<Result<Reply, ControlError>>,
    reader: JoinHandle<()>,
    reply_timeout: Duration,
    /// Tor answers `PROTOCOLINFO` only once before authentication; the answer is kept.
    protocol_info: Option<ProtocolInfo>,
}

/// The events tor sends after `SETEVENTS`. Ends (`None`) when the connection closes.
#[derive(Debug)]
pub struct EventStream {
    events: mpsc::Receiver<Reply>,
}

impl EventStream {
    /// The next event, or `None` once tor closed the connection.
    pub async fn next(&mut self) -> Option<Result<Event, ProtocolError>> {
        let reply = self.events.recv().await?;
        Some(Event::from_reply(&reply))
    }

    /// The next event as tor sent it (for events this crate does not type), or `None` once
    /// tor closed the connection.
    pub async fn next_reply(&mut self) -> Option<Reply> {
        self.events.recv().await
    }
}

impl ControlClient {
    /// Connects to tor's control port at `addr`, which must be on loopback, giving up after
    /// `connect_timeout`.
    pub async fn connect(
        addr: SocketAddr,
        connect_timeout: Duration,
    ) -> Result<(Self, EventStream), ControlError> {
        // `to_canonical` so that ::ffff:127.0.0.1 counts as the IPv4 loopback it is.
        if !addr.ip().to_canonical().is_loopback() {
            return Err(ControlError::NotLoopback { addr });
        }
        let stream = tokio::time::timeout(connect_timeout, TcpStream::connect(addr))
            .await
            .map_err(|_| ControlError::Timeout {
                what: "the connection",
                limit: connect_timeout,
            })?
            .map_err(|source| ControlError::Connect { addr, source })?;
        Ok(Self::from_stream(stream))
    }

    /// Wraps a connected stream (private: `connect` checks the address first).
    fn from_stream(stream: TcpStream) -> (Self, EventStream) {
        let (read_half, writer) = stream.into_split();
        let (reply_sender, replies) = mpsc::channel(REPLY_QUEUE_LEN);
        let (event_sender, events) = mpsc::channel(EVENT_QUEUE_LEN);
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

    /// Sends `command` and waits for its reply, which must be `250`/`251`.
    ///
    /// Errors name the command by its keyword only: the line can hold a secret.
    pub async fn send(&mut self, command: &Command) -> Result<Reply, ControlError> {
        let keyword = command.keyword();
        let mut bytes = Vec::with_capacity(command.line().len() + 2);
        bytes.extend_from_slice(command.line().as_bytes());
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
        let reply = self.send(&Command::protocol_info()).await?;
        let info = ProtocolInfo::from_reply(&reply)?;
        self.protocol_info = Some(info.clone());
        Ok(info)
    }

    /// Connects to `addr` and authenticates with SAFECOOKIE (see [`Self::authenticate`]):
    /// the usual start, in one call.
    pub async fn connect_authenticated(
        addr: SocketAddr,
        connect_timeout: Duration,
        cookie_path: Option<&Path>,
    ) -> Result<(Self, EventStream), ControlError> {
        let (mut client, events) = Self::connect(addr, connect_timeout).await?;
        client.authenticate(cookie_path).await?;
        Ok((client, events))
    }

    /// `TAKEOWNERSHIP`: tor exits when this connection closes (also if the launcher is killed).
    pub async fn take_ownership(&mut self) -> Result<(), ControlError> {
        self.send(&Command::take_ownership()).await.map(drop)
    }

    /// `SETEVENTS`: subscribes to the given events (replacing earlier ones; none: stop).
    pub async fn set_events(&mut self, events: &[EventKind]) -> Result<(), ControlError> {
        self.send(&Command::set_events(events)?).await.map(drop)
    }

    /// `GETINFO key`: the value tor returns for one key.
    pub async fn get_info(&mut self, key: &str) -> Result<String, ControlError> {
        let reply = self.send(&Command::get_info(&[key])?).await?;
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

    /// `GETINFO events/names`: the events this tor offers to `SETEVENTS` (tor 0.4.9, for
    /// one, lacks `PT_LOG` and `PT_STATUS`).
    pub async fn event_names(&mut self) -> Result<Vec<String>, ControlError> {
        let value = self.get_info("events/names").await?;
        Ok(value.split_whitespace().map(str::to_owned).collect())
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

    /// `GETCONF key...`: the options' values, one entry per value (an option with several
    /// values, such as `Bridge`, gives several entries; an unset one an entry without value).
    pub async fn get_conf(&mut self, keys: &[&str]) -> Result<Vec<ConfigEntry>, ControlError> {
        let reply = self.send(&Command::get_conf(keys)?).await?;
        Ok(ConfigEntry::from_reply(&reply)?)
    }

    /// `SETCONF`: sets the options (all or none); values are quoted for the wire.
    pub async fn set_conf(&mut self, entries: &[ConfigEntry]) -> Result<(), ControlError> {
        self.send(&Command::set_conf(entries)?).await.map(drop)
    }

    /// `SAVECONF`: tor writes its options into its own torrc (what `SETCONF` changed lasts
    /// across restarts; nobody edits the file behind tor's back).
    pub async fn save_conf(&mut self) -> Result<(), ControlError> {
        self.send(&Command::save_conf()).await.map(drop)
    }

    /// `RESETCONF key...`: the options back to their defaults.
    pub async fn reset_conf(&mut self, keys: &[&str]) -> Result<(), ControlError> {
        let entries: Vec<ConfigEntry> = keys.iter().map(|key| ConfigEntry::reset(*key)).collect();
        self.send(&Command::reset_conf(&entries)?).await.map(drop)
    }

    /// `SIGNAL`.
    pub async fn signal(&mut self, signal: Signal) -> Result<(), ControlError> {
        self.send(&Command::signal(signal)).await.map(drop)
    }

    /// `ADD_ONION` with a new key tor forgets: an onion service on `virtual_port` forwarding
    /// to `target`, alive while this connection stays open.
    pub async fn add_onion(
        &mut self,
        virtual_port: u16,
        target: SocketAddr,
    ) -> Result<OnionService, ControlError> {
        let reply = self.send(&Command::add_onion(virtual_port, target)).await?;
        Ok(OnionService::from_reply(&reply)?)
    }

    /// `QUIT`: tor answers, then closes the connection (the event stream ends).
    pub async fn quit(&mut self) -> Result<(), ControlError> {
        self.send(&Command::quit()).await.map(drop)
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
    replies: mpsc::Sender<Result<Reply, ControlError>>,
    events: mpsc::Sender<Reply>,
) {
    let mut reader = BufReader::new(read_half);
    let mut parser = ReplyParser::new();
    loop {
        let line = match read_line(&mut reader).await {
            Ok(Some(line)) => line,
            Ok(None) => return,
            Err(error) => {
                let _ = replies.send(Err(error)).await;
                return;
            }
        };
        match parser.feed_line(&line) {
            Ok(None) => {}
            Ok(Some(reply)) if reply.is_async_event() => {
                // Waits while the queue is full; a dropped stream means nobody wants
                // events, and they are discarded.
                let _ = events.send(reply).await;
            }
            Ok(Some(reply)) => {
                if replies.send(Ok(reply)).await.is_err() {
                    return;
                }
            }
            Err(error) => {
                let _ = replies.send(Err(error.into())).await;
                return;
            }
        }
    }
}
