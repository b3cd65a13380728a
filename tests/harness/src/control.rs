//! A small synchronous tor control-port client, enough for readiness checks: cookie
//! authentication and GETINFO. Every read and write has a time limit.

use std::collections::VecDeque;
use std::io::{self, BufRead, BufReader, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::Path;
use std::time::{Duration, Instant};

/// What went wrong talking to a control port.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ControlError {
    /// The connection failed, timed out or closed.
    #[error("control connection: {0}")]
    Io(#[from] io::Error),
    /// The cookie file could not be read.
    #[error("reading the control cookie {path}: {source}")]
    Cookie {
        /// The cookie file.
        path: String,
        /// What the system said.
        #[source]
        source: io::Error,
    },
    /// Tor answered with an error status.
    #[error("tor refused `{command}`: {reply}")]
    Refused {
        /// The command sent.
        command: String,
        /// Tor's answer.
        reply: String,
    },
    /// Tor's answer did not have the expected shape.
    #[error("unexpected control reply to `{command}`: {reply}")]
    Malformed {
        /// The command sent.
        command: String,
        /// Tor's answer.
        reply: String,
    },
}

/// One authenticated (or not yet authenticated) control connection.
#[derive(Debug)]
pub struct ControlConnection {
    reader: BufReader<TcpStream>,
    writer: TcpStream,
    /// Asynchronous events (`650 ...`) read while waiting for a command's reply.
    events: VecDeque<String>,
    /// The time limit of each read and write.
    io_limit: Duration,
}

impl ControlConnection {
    /// Connects with `timeout` for the connection and for each later read and write.
    pub fn connect(addr: SocketAddr, timeout: Duration) -> Result<Self, ControlError> {
        let stream = TcpStream::connect_timeout(&addr, timeout)?;
        stream.set_read_timeout(Some(timeout))?;
        stream.set_write_timeout(Some(timeout))?;
        let writer = stream.try_clone()?;
        Ok(Self {
            reader: BufReader::new(stream),
            writer,
            events: VecDeque::new(),
            io_limit: timeout,
        })
    }

    /// `AUTHENTICATE` with the cookie file's bytes as hex.
    pub fn authenticate_with_cookie(&mut self, cookie: &Path) -> Result<(), ControlError> {
        let bytes = std::fs::read(cookie).map_err(|source| ControlError::Cookie {
            path: cookie.display().to_string(),
            source,
        })?;
        let hex: String = bytes.iter().map(|byte| format!("{byte:02X}")).collect();
        self.command_with_display(&format!("AUTHENTICATE {hex}"), "AUTHENTICATE <cookie>")?;
        Ok(())
    }

    /// Sends one command and returns the reply lines without their status prefix.
    pub fn command(&mut self, command: &str) -> Result<Vec<String>, ControlError> {
        self.command_with_display(command, command)
    }

    /// `GETINFO key`, returning the value.
    pub fn getinfo(&mut self, key: &str) -> Result<String, ControlError> {
        let command = format!("GETINFO {key}");
        let lines = self.command(&command)?;
        let prefix = format!("{key}=");
        lines
            .iter()
            .find_map(|line| line.strip_prefix(&prefix))
            .map(str::to_owned)
            .ok_or_else(|| ControlError::Malformed {
                command,
                reply: lines.join(" | "),
            })
    }

    /// The bootstrap phase line, e.g. `NOTICE BOOTSTRAP PROGRESS=100 TAG=done SUMMARY="Done"`.
    pub fn bootstrap_phase(&mut self) -> Result<String, ControlError> {
        self.getinfo("status/bootstrap-phase")
    }

    // `shown` is what errors repeat of the command, so the cookie never lands in a message.
    fn command_with_display(
        &mut self,
        command: &str,
        shown: &str,
    ) -> Result<Vec<String>, ControlError> {
        self.writer.write_all(command.as_bytes())?;
        self.writer.write_all(b"\r\n")?;
        self.writer.flush()?;
        let mut lines = Vec::new();
        loop {
            let line = self.read_line()?;
            let (status, separator, rest) =
                split_reply_line(&line).ok_or_else(|| ControlError::Malformed {
                    command: shown.to_owned(),
                    reply: line.clone(),
                })?;
            if status == "650" {
                // An event that arrived before the reply: keep it for `next_event`.
                self.events.push_back(rest.to_owned());
                continue;
            }
            if !status.starts_with('2') {
                return Err(ControlError::Refused {
                    command: shown.to_owned(),
                    reply: line.clone(),
                });
            }
            match separator {
                ' ' => {
                    lines.push(rest.to_owned());
                    return Ok(lines);
                }
                '+' => {
                    // A data block: lines until a lone ".", folded into one value.
                    let mut value = rest.to_owned();
                    loop {
                        let data = self.read_line()?;
                        if data == "." {
                            break;
                        }
                        value.push('\n');
                        value.push_str(data.strip_prefix('.').unwrap_or(&data));
                    }
                    lines.push(value);
                }
                _ => lines.push(rest.to_owned()),
            }
        }
    }

    /// Subscribes to asynchronous events (`SETEVENTS`), e.g. `["HS_DESC"]`.
    pub fn set_events(&mut self, events: &[&str]) -> Result<(), ControlError> {
        self.command(&format!("SETEVENTS {}", events.join(" ")))?;
        Ok(())
    }

    /// Waits up to `limit` for an event line (without `650 `) that satisfies `wanted`;
    /// `Ok(None)` when the time is up. Other events are skipped.
    pub fn wait_for_event(
        &mut self,
        limit: Duration,
        wanted: impl Fn(&str) -> bool,
    ) -> Result<Option<String>, ControlError> {
        while let Some(event) = self.events.pop_front() {
            if wanted(&event) {
                return Ok(Some(event));
            }
        }
        let deadline = Instant::now() + limit;
        let result = loop {
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                break Ok(None);
            }
            // Both halves share one socket, so this limits the reader's reads.
            self.writer.set_read_timeout(Some(left))?;
            match self.read_line() {
                Ok(line) => {
                    if let Some(event) = line.strip_prefix("650 ")
                        && wanted(event)
                    {
                        break Ok(Some(event.to_owned()));
                    }
                }
                Err(ControlError::Io(error))
                    if matches!(
                        error.kind(),
                        io::ErrorKind::WouldBlock | io::ErrorKind::TimedOut
                    ) =>
                {
                    break Ok(None);
                }
                Err(error) => break Err(error),
            }
        };
        self.writer.set_read_timeout(Some(self.io_limit))?;
        result
    }

    /// `ADD_ONION` with a new ed25519 key: an onion service on `virtual_port` forwarding to
    /// `target`, alive while this connection stays open. Returns the service id (the
    /// address without `.onion`).
    pub fn add_onion(
        &mut self,
        virtual_port: u16,
        target: SocketAddr,
    ) -> Result<String, ControlError> {
        let command =
            format!("ADD_ONION NEW:ED25519-V3 Flags=DiscardPK Port={virtual_port},{target}");
        let lines = self.command(&command)?;
        lines
            .iter()
            .find_map(|line| line.strip_prefix("ServiceID="))
            .map(str::to_owned)
            .ok_or_else(|| ControlError::Malformed {
                command,
                reply: lines.join(" | "),
            })
    }

    fn read_line(&mut self) -> Result<String, ControlError> {
        let mut line = String::new();
        if self.reader.read_line(&mut line)? == 0 {
            return Err(ControlError::Io(io::Error::new(
                io::ErrorKind::UnexpectedEof,
                "tor closed the control connection",
            )));
        }
        Ok(line.trim_end_matches(['\r', '\n']).to_owned())
    }
}

/// `250-key=value` → ("250", '-', "key=value").
fn split_reply_line(line: &str) -> Option<(&str, char, &str)> {
    let status = line.get(0..3)?;
    let separator = line.get(3..4)?.chars().next()?;
    Some((status, separator, line.get(4..)?))
}

/// Whether a bootstrap phase line says tor is done.
pub fn bootstrap_done(phase: &str) -> bool {
    let words: Vec<&str> = phase.split_whitespace().collect();
    words.contains(&"PROGRESS=100") && words.contains(&"TAG=done")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_reply_lines() {
        assert_eq!(
            split_reply_line("250-status/bootstrap-phase=x"),
            Some(("250", '-', "status/bootstrap-phase=x"))
        );
        assert_eq!(split_reply_line("250 OK"), Some(("250", ' ', "OK")));
        assert_eq!(split_reply_line("25"), None);
    }

    #[test]
    fn recognises_done() {
        assert!(bootstrap_done(
            "NOTICE BOOTSTRAP PROGRESS=100 TAG=done SUMMARY=\"Done\""
        ));
        assert!(!bootstrap_done(
            "NOTICE BOOTSTRAP PROGRESS=10 TAG=conn_done SUMMARY=\"x\""
        ));
    }
}
