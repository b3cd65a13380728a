//! A raw IRC client straight to the test ngircd (plain loopback socket, not through tor):
//! the other side of a conversation in tests, so what arrives is read as the server
//! delivers it. A reader thread answers PING and hands every other line over.

use std::io::{BufRead, BufReader, Write};
use std::net::TcpStream;
use std::sync::mpsc::{Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

use crate::{HarnessError, Ngircd};

const COMPONENT: &str = "raw IRC peer";
/// How long registration and joining may take.
const PEER_WAIT: Duration = Duration::from_secs(30);

/// A registered raw IRC client.
pub struct IrcRawPeer {
    writer: TcpStream,
    lines: Receiver<String>,
    seen: Vec<String>,
    port: u16,
}

impl IrcRawPeer {
    /// Connects to `ngircd` and registers as `nick` (waits for the welcome, 001).
    pub fn connect(ngircd: &Ngircd, nick: &str) -> Result<IrcRawPeer, HarnessError> {
        let port = ngircd.port();
        let io = |what: &str| {
            let what = format!("{what} (port {port})");
            move |e| HarnessError::io(COMPONENT, what, e)
        };
        let stream = TcpStream::connect(ngircd.addr()).map_err(io("connecting"))?;
        let mut ponger = stream.try_clone().map_err(io("cloning the socket"))?;
        let reader = BufReader::new(stream.try_clone().map_err(io("cloning the socket"))?);
        let (sender, lines) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            for raw in reader.split(b'\n') {
                let Ok(raw) = raw else { break };
                let line = String::from_utf8_lossy(&raw)
                    .trim_end_matches('\r')
                    .to_owned();
                if let Some(token) = line.strip_prefix("PING ") {
                    let _ = ponger.write_all(format!("PONG {token}\r\n").as_bytes());
                    continue;
                }
                if sender.send(line).is_err() {
                    break;
                }
            }
        });
        let mut peer = IrcRawPeer {
            writer: stream,
            lines,
            seen: Vec::new(),
            port,
        };
        peer.send(&format!("NICK {nick}"))?;
        peer.send(&format!("USER {nick} 0 * :{nick}"))?;
        peer.expect_within(PEER_WAIT, "the welcome (001)", |line| {
            line.split(' ').nth(1) == Some("001")
        })?;
        Ok(peer)
    }

    /// Sends one line (CR LF added).
    pub fn send(&mut self, line: &str) -> Result<(), HarnessError> {
        let port = self.port;
        self.writer
            .write_all(format!("{line}\r\n").as_bytes())
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
                    return Err(HarnessError::Protocol {
                        component: COMPONENT.to_owned(),
                        port: Some(self.port),
                        message: format!(
                            "waiting for {awaited}: {why}; last lines: {:?}",
                            &self.seen[last..]
                        ),
                    });
                }
            }
        }
    }

    /// Joins `channel` and waits for the end of its names list (366).
    pub fn join(&mut self, channel: &str) -> Result<(), HarnessError> {
        self.send(&format!("JOIN {channel}"))?;
        self.expect_within(PEER_WAIT, &format!("joining {channel}"), |line| {
            line.split(' ').nth(1) == Some("366")
        })
        .map(drop)
    }

    /// Every line read so far (PINGs excepted), oldest first.
    pub fn seen(&self) -> &[String] {
        &self.seen
    }
}

impl Drop for IrcRawPeer {
    fn drop(&mut self) {
        // Ends the reader thread too; an error means the socket is already closed.
        let _ = self.writer.shutdown(std::net::Shutdown::Both);
    }
}
