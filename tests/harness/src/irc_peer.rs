//! A raw IRC client straight to one of the harness's IRC daemons (plain loopback socket or
//! TLS pinned to the daemon's certificate, optionally presenting a client certificate; not
//! through tor): the other side of a conversation in tests, so what arrives is read as the
//! server delivers it. A reader thread answers PING and hands every other line over. Helpers
//! script the parts tests repeat: registration, `CAP LS 302`, `CAP REQ`, SASL PLAIN and
//! EXTERNAL.

mod transport;

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Write};
use std::net::SocketAddr;
use std::sync::mpsc::{Receiver, RecvTimeoutError};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use base64::Engine as _;

use crate::tls_cert::ClientCert;
use crate::{HarnessError, Ngircd};

const COMPONENT: &str = "raw IRC peer";
/// How long registration, joining and each answer may take.
const PEER_WAIT: Duration = Duration::from_secs(30);
/// The SASL replies that end an exchange (RFC-style numerics of IRCv3 SASL).
const SASL_DONE: [&str; 7] = ["902", "903", "904", "905", "906", "907", "908"];

/// TLS for [`IrcRawPeer::open`]: the one certificate trusted and the name checked in it, and
/// a client certificate to present (CertFP, SASL EXTERNAL).
#[derive(Debug, Clone, Copy)]
pub struct IrcTls<'a> {
    /// The name the server certificate must carry.
    pub server_name: &'a str,
    /// The server certificate (DER), the only one trusted.
    pub cert_der: &'a [u8],
    /// A client certificate to present, if any.
    pub client_cert: Option<&'a ClientCert>,
}

type SharedWriter = Arc<Mutex<Box<dyn Write + Send>>>;

/// A raw IRC client.
pub struct IrcRawPeer {
    writer: SharedWriter,
    socket: std::net::TcpStream,
    lines: Receiver<String>,
    seen: Vec<String>,
    port: u16,
}

impl IrcRawPeer {
    /// Connects to `ngircd` and registers as `nick` (waits for the welcome, 001).
    pub fn connect(ngircd: &Ngircd, nick: &str) -> Result<IrcRawPeer, HarnessError> {
        let mut peer = Self::open(ngircd.addr(), None)?;
        peer.register(nick)?;
        Ok(peer)
    }

    /// Connects to `addr`, over TLS when `tls` says so; sends nothing yet.
    pub fn open(addr: SocketAddr, tls: Option<IrcTls<'_>>) -> Result<IrcRawPeer, HarnessError> {
        let port = addr.port();
        let io = |what: &str| {
            let what = format!("{what} (port {port})");
            move |e| HarnessError::io(COMPONENT, what, e)
        };
        let socket =
            std::net::TcpStream::connect_timeout(&addr, PEER_WAIT).map_err(io("connecting"))?;
        let keep = socket.try_clone().map_err(io("cloning the socket"))?;
        let (reader, writer) = match tls {
            None => {
                let reader: Box<dyn std::io::Read + Send> =
                    Box::new(socket.try_clone().map_err(io("cloning the socket"))?);
                let writer: Box<dyn Write + Send> = Box::new(socket);
                (reader, writer)
            }
            Some(tls) => transport::tls_halves(socket, tls, port)?,
        };
        let writer: SharedWriter = Arc::new(Mutex::new(writer));
        let ponger = Arc::clone(&writer);
        let (sender, lines) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            for raw in BufReader::new(reader).split(b'\n') {
                let Ok(raw) = raw else { break };
                let line = String::from_utf8_lossy(&raw)
                    .trim_end_matches('\r')
                    .to_owned();
                if let Some(token) = line.strip_prefix("PING ") {
                    if let Ok(mut writer) = ponger.lock() {
                        let _ = writer.write_all(format!("PONG {token}\r\n").as_bytes());
                        let _ = writer.flush();
                    }
                    continue;
                }
                if sender.send(line).is_err() {
                    break;
                }
            }
        });
        Ok(IrcRawPeer {
            writer,
            socket: keep,
            lines,
            seen: Vec::new(),
            port,
        })
    }

    /// Sends NICK and USER and waits for the welcome (001). The user name is the nick's
    /// first letters and digits (ircd-hybrid refuses some punctuation there).
    pub fn register(&mut self, nick: &str) -> Result<(), HarnessError> {
        let user: String = nick
            .chars()
            .filter(char::is_ascii_alphanumeric)
            .take(9)
            .collect();
        let user = if user.is_empty() { "harness" } else { &user };
        self.send(&format!("NICK {nick}"))?;
        self.send(&format!("USER {user} 0 * :{nick}"))?;
        self.expect_numeric("001", "the welcome (001)").map(drop)
    }

    /// Sends `CAP LS 302` and collects the capabilities of every reply line (a multi-line
    /// list marks continued lines with `*`), with their values (`sasl=PLAIN,EXTERNAL`).
    pub fn cap_ls(&mut self) -> Result<BTreeMap<String, Option<String>>, HarnessError> {
        self.send("CAP LS 302")?;
        let mut caps = BTreeMap::new();
        loop {
            let line = self.expect_within(PEER_WAIT, "a CAP LS reply", |line| {
                cap_subcommand(line) == Some("LS")
            })?;
            // After the command: the target, LS, then `* :caps` on a continued line.
            let rest = after_command(&line)
                .splitn(3, ' ')
                .nth(2)
                .unwrap_or_default()
                .to_owned();
            let (more, list) = match rest.strip_prefix("* ") {
                Some(list) => (true, list),
                None => (false, rest.as_str()),
            };
            for cap in list.trim_start_matches(':').split_whitespace() {
                let (name, value) = match cap.split_once('=') {
                    Some((name, value)) => (name, Some(value.to_owned())),
                    None => (cap, None),
                };
                caps.insert(name.to_owned(), value);
            }
            if !more {
                return Ok(caps);
            }
        }
    }

    /// Requests `caps` and waits for the server's ACK; a NAK is an error.
    pub fn cap_req(&mut self, caps: &[&str]) -> Result<(), HarnessError> {
        self.send(&format!("CAP REQ :{}", caps.join(" ")))?;
        let answer = self.expect_within(PEER_WAIT, "CAP ACK or NAK", |line| {
            matches!(cap_subcommand(line), Some("ACK" | "NAK"))
        })?;
        if cap_subcommand(&answer) == Some("NAK") {
            return Err(self.unexpected(format!("capabilities refused: {answer}")));
        }
        Ok(())
    }

    /// SASL PLAIN as `account`; returns the line that ended the exchange (903 on success,
    /// 904 for a wrong password, ...). `sasl` must have been acknowledged.
    pub fn sasl_plain(&mut self, account: &str, password: &str) -> Result<String, HarnessError> {
        self.send("AUTHENTICATE PLAIN")?;
        self.expect_within(PEER_WAIT, "AUTHENTICATE +", is_authenticate_continue)?;
        let token = base64::engine::general_purpose::STANDARD
            .encode(format!("{account}\0{account}\0{password}"));
        // The token of a test account fits one 400-byte AUTHENTICATE line.
        self.send(&format!("AUTHENTICATE {token}"))?;
        self.expect_sasl_end()
    }

    /// SASL EXTERNAL (the client certificate presented in the TLS handshake); returns the
    /// line that ended the exchange.
    pub fn sasl_external(&mut self) -> Result<String, HarnessError> {
        self.send("AUTHENTICATE EXTERNAL")?;
        self.expect_within(PEER_WAIT, "AUTHENTICATE +", is_authenticate_continue)?;
        self.send("AUTHENTICATE +")?;
        self.expect_sasl_end()
    }

    fn expect_sasl_end(&mut self) -> Result<String, HarnessError> {
        self.expect_within(PEER_WAIT, "the end of SASL (902-908)", |line| {
            command_of(line).is_some_and(|numeric| SASL_DONE.contains(&numeric))
        })
    }

    /// Waits for a line whose command is `numeric` (e.g. `"001"`).
    pub fn expect_numeric(&mut self, numeric: &str, awaited: &str) -> Result<String, HarnessError> {
        self.expect_within(PEER_WAIT, awaited, |line| command_of(line) == Some(numeric))
    }

    /// Sends one line (CR LF added).
    pub fn send(&mut self, line: &str) -> Result<(), HarnessError> {
        let port = self.port;
        let mut writer = self
            .writer
            .lock()
            .map_err(|_| self.unexpected("the reader thread panicked".to_owned()))?;
        writer
            .write_all(format!("{line}\r\n").as_bytes())
            .and_then(|()| writer.flush())
            .map_err(|e| HarnessError::io(COMPONENT, format!("writing to port {port}"), e))
    }

    /// Waits up to `limit` for a line matching `wanted` and returns it. Every line read is
    /// kept in [`IrcRawPeer::seen`]; on timeout the error lists the last ones.
    pub fn expect_within(
        &mut self,
        limit: Duration,
        awaited: &str,
        wanted: impl Fn(&str) -> bool,
    ) -> Result<String, HarnessError> {
        let deadline = Instant::now() + limit;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.lines.recv_timeout(left) {
                Ok(line) => {
                    self.seen.push(line.clone());
                    if wanted(&line) {
                        return Ok(line);
                    }
                }
                Err(error) => {
                    let why = match error {
                        RecvTimeoutError::Timeout => format!("nothing within {limit:?}"),
                        RecvTimeoutError::Disconnected => "the server closed the connection".into(),
                    };
                    let last = self.seen.len().saturating_sub(10);
                    return Err(self.unexpected(format!(
                        "waiting for {awaited}: {why}; last lines: {:?}",
                        &self.seen[last..]
                    )));
                }
            }
        }
    }

    /// Joins `channel` and waits for the end of its names list (366).
    pub fn join(&mut self, channel: &str) -> Result<(), HarnessError> {
        self.send(&format!("JOIN {channel}"))?;
        self.expect_within(PEER_WAIT, &format!("joining {channel}"), |line| {
            command_of(line) == Some("366")
        })
        .map(drop)
    }

    /// Every line read so far (PINGs excepted), oldest first.
    pub fn seen(&self) -> &[String] {
        &self.seen
    }

    fn unexpected(&self, message: String) -> HarnessError {
        HarnessError::Protocol {
            component: COMPONENT.to_owned(),
            port: Some(self.port),
            message,
        }
    }
}

/// The command of a line, after its tags and prefix (`PRIVMSG`, `001`).
pub fn command_of(line: &str) -> Option<&str> {
    let rest = without_tags_and_prefix(line);
    rest.split(' ').next().filter(|word| !word.is_empty())
}

/// What follows the command (its parameters).
fn after_command(line: &str) -> &str {
    let rest = without_tags_and_prefix(line);
    rest.split_once(' ')
        .map(|(_, after)| after)
        .unwrap_or_default()
}

/// The server's empty AUTHENTICATE (`AUTHENTICATE +`, `:+` and tags allowed).
fn is_authenticate_continue(line: &str) -> bool {
    command_of(line) == Some("AUTHENTICATE") && after_command(line).trim_start_matches(':') == "+"
}

/// `LS`, `ACK`, `NAK`, ... of a CAP line (after the target).
fn cap_subcommand(line: &str) -> Option<&str> {
    if command_of(line) != Some("CAP") {
        return None;
    }
    after_command(line).split(' ').nth(1)
}

fn without_tags_and_prefix(line: &str) -> &str {
    let mut rest = line.trim_start_matches(' ');
    for marker in ['@', ':'] {
        if rest.starts_with(marker) {
            rest = rest
                .split_once(' ')
                .map(|(_, after)| after.trim_start_matches(' '))
                .unwrap_or_default();
        }
    }
    rest
}

impl Drop for IrcRawPeer {
    fn drop(&mut self) {
        // Ends the reader thread too; an error means the socket is already closed.
        let _ = self.socket.shutdown(std::net::Shutdown::Both);
    }
}

#[cfg(test)]
mod tests;
