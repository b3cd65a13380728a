//! Readiness probes for the IRC daemons (InspIRCd and its services link, ircd-hybrid), on
//! plain sockets with time limits.

use std::io::{BufRead, BufReader, Write};
use std::net::{Ipv4Addr, SocketAddr, TcpStream};
use std::time::Duration;

use crate::HarnessError;
use crate::process::ProcessGuard;
use crate::wait::wait_for_probe;

const PROBE_IO_LIMIT: Duration = Duration::from_secs(5);
/// A probe reads at most this many lines looking for one.
const MAX_LINES: usize = 500;

/// Ready = a client can connect and register (the server sends 001).
pub(crate) fn wait_until_registering(
    guard: &mut ProcessGuard,
    port: u16,
    limit: Duration,
) -> Result<(), HarnessError> {
    let mut attempt = 0u32;
    wait_for_probe(
        guard,
        "a registration to be answered with 001",
        port,
        limit,
        || {
            attempt += 1;
            let mut probe = Probe::connect(port)?;
            probe.send(&format!(
                "NICK harnessprobe{attempt}\r\nUSER probe 0 * :probe"
            ))?;
            probe.until(|line| command(line) == Some("001"))?;
            probe.send("QUIT")
        },
    )
}

/// One look at whether the services are linked: `sasl=` with mechanisms in CAP LS 302, then
/// NickServ answering ISON.
pub(crate) fn services_online(port: u16, attempt: u32) -> std::io::Result<()> {
    let mut probe = Probe::connect(port)?;
    probe.send(&format!(
        "CAP LS 302\r\nNICK harnessprobe{attempt}\r\nUSER probe 0 * :probe"
    ))?;
    let mut caps = String::new();
    loop {
        let line = probe.until(|line| command(line) == Some("CAP"))?;
        caps.push_str(&line);
        // A continued CAP LS line reads `CAP * LS * :...`.
        if line.split(' ').nth(4) != Some("*") {
            break;
        }
    }
    if !caps.contains(" sasl=") && !caps.contains(":sasl=") {
        return Err(not_yet(format!("no sasl mechanisms offered yet: {caps}")));
    }
    probe.send("CAP END")?;
    probe.until(|line| command(line) == Some("001"))?;
    probe.send("ISON NickServ")?;
    let ison = probe.until(|line| command(line) == Some("303"))?;
    probe.send("QUIT")?;
    if ison.contains("NickServ") {
        Ok(())
    } else {
        Err(not_yet(format!("NickServ is not online yet: {ison}")))
    }
}

fn not_yet(message: String) -> std::io::Error {
    std::io::Error::other(message)
}

fn command(line: &str) -> Option<&str> {
    crate::irc_peer::command_of(line)
}

struct Probe {
    stream: TcpStream,
    reader: BufReader<TcpStream>,
}

impl Probe {
    fn connect(port: u16) -> std::io::Result<Self> {
        let addr = SocketAddr::from((Ipv4Addr::LOCALHOST, port));
        let stream = TcpStream::connect_timeout(&addr, PROBE_IO_LIMIT)?;
        stream.set_read_timeout(Some(PROBE_IO_LIMIT))?;
        stream.set_write_timeout(Some(PROBE_IO_LIMIT))?;
        let reader = BufReader::new(stream.try_clone()?);
        Ok(Self { stream, reader })
    }

    fn send(&mut self, lines: &str) -> std::io::Result<()> {
        self.stream.write_all(format!("{lines}\r\n").as_bytes())
    }

    /// Reads lines (answering PING) until one matches; every read is time-limited, and so is
    /// their number.
    fn until(&mut self, wanted: impl Fn(&str) -> bool) -> std::io::Result<String> {
        let mut line = String::new();
        for _ in 0..MAX_LINES {
            line.clear();
            if self.reader.read_line(&mut line)? == 0 {
                return Err(std::io::Error::new(
                    std::io::ErrorKind::UnexpectedEof,
                    "the server closed the connection",
                ));
            }
            let line = line.trim_end();
            if let Some(token) = line.strip_prefix("PING ") {
                self.send(&format!("PONG {token}"))?;
            }
            if wanted(line) {
                return Ok(line.to_owned());
            }
        }
        Err(not_yet(format!("no awaited line among {MAX_LINES}")))
    }
}
