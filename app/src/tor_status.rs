//! Follows tor's bootstrap through its control port (loopback only) and reports the
//! progress to the UI, asking for a repaint only when something changed.
//!
//! The control connection stays open: tor pushes its bootstrap progress (`SETEVENTS
//! STATUS_CLIENT`), and when tor stops (the launcher restarts it, or it dies) the connection
//! closes at once, so the window shows tor as unavailable at once, instead of "connected"
//! until a next poll. Then the watcher connects again every second; a new tor is followed
//! from its first progress report to 100 %.

use messenger_chat::TorState;
use std::io::{BufRead, BufReader, ErrorKind, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::PathBuf;
use std::sync::mpsc::Sender;
use std::time::Duration;

/// Where to reach tor's control port and how to authenticate.
#[derive(Debug, Clone)]
pub(crate) struct ControlPort {
    /// The control port address (the launcher's tor, on loopback).
    pub address: SocketAddr,
    /// The cookie file, if tor uses cookie authentication (read again at each connection:
    /// a restarted tor writes a new one).
    pub cookie: Option<PathBuf>,
}

/// How long to wait before connecting again after the connection failed or closed.
const RETRY: Duration = Duration::from_secs(1);

/// A connection that says nothing for this long is asked for the bootstrap phase: a tor
/// that does not answer the next question within as long is taken as gone.
const QUIET: Duration = Duration::from_secs(30);

/// Starts the watcher thread. `notify` is called after each change (to wake the UI).
pub(crate) fn watch(
    control: ControlPort,
    updates: Sender<TorState>,
    notify: impl Fn() + Send + 'static,
) -> std::io::Result<std::thread::JoinHandle<()>> {
    std::thread::Builder::new()
        .name("tor-status".into())
        .spawn(move || {
            follow(&control, RETRY, |state| {
                if updates.send(state).is_err() {
                    return false;
                }
                notify();
                true
            })
        })
}

/// Follows tor until `report` returns false, reporting each change of state once: progress
/// while tor bootstraps, ready at 100 %, unavailable while the control port cannot be
/// reached or its connection closed.
pub(crate) fn follow(
    control: &ControlPort,
    retry: Duration,
    mut report: impl FnMut(TorState) -> bool,
) {
    let mut last: Option<TorState> = None;
    let mut publish = |state: TorState| -> bool {
        if last.as_ref() == Some(&state) {
            return true;
        }
        last = Some(state.clone());
        report(state)
    };
    loop {
        match connection(control, &mut publish) {
            Ended::Stop => return,
            Ended::Lost => {
                if !publish(TorState::Unavailable) {
                    return;
                }
            }
        }
        std::thread::sleep(retry);
    }
}

/// How one control connection ended.
enum Ended {
    /// The receiver is gone: stop watching.
    Stop,
    /// The connection could not be made or was closed: try again.
    Lost,
}

/// One control connection: authenticate, ask for the current phase, then follow the
/// events until the connection closes.
fn connection(control: &ControlPort, publish: &mut impl FnMut(TorState) -> bool) -> Ended {
    match follow_connection(control, publish) {
        Ok(()) => Ended::Stop,
        Err(_) => Ended::Lost,
    }
}

fn follow_connection(
    control: &ControlPort,
    publish: &mut impl FnMut(TorState) -> bool,
) -> std::io::Result<()> {
    if !control.address.ip().is_loopback() {
        return Err(std::io::Error::other(
            "the control port must be on this computer",
        ));
    }
    let stream = TcpStream::connect_timeout(&control.address, Duration::from_secs(3))?;
    stream.set_read_timeout(Some(QUIET))?;
    let mut writer = stream.try_clone()?;
    let mut reader = BufReader::new(stream);
    let auth = match &control.cookie {
        Some(path) => {
            let cookie = std::fs::read(path)?;
            let hex: String = cookie.iter().map(|b| format!("{b:02X}")).collect();
            format!("AUTHENTICATE {hex}\r\n")
        }
        None => "AUTHENTICATE\r\n".to_owned(),
    };
    writer.write_all(auth.as_bytes())?;
    expect_ok(&mut reader)?;
    // Events first, then the phase: no progress report can fall between the two.
    writer.write_all(b"SETEVENTS STATUS_CLIENT\r\n")?;
    expect_ok(&mut reader)?;
    writer.write_all(b"GETINFO status/bootstrap-phase\r\n")?;
    let mut line = String::new();
    let mut asked = false;
    loop {
        match reader.read_line(&mut line) {
            Ok(0) => return Err(ErrorKind::UnexpectedEof.into()),
            Ok(_) => {}
            Err(e) if matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut) => {
                // Quiet for a while: is tor still there? A second silence means no.
                if asked {
                    return Err(e);
                }
                asked = true;
                writer.write_all(b"GETINFO status/bootstrap-phase\r\n")?;
                continue;
            }
            Err(e) => return Err(e),
        }
        asked = false;
        if line.starts_with('5') {
            return Err(std::io::Error::other("tor refused a control port request"));
        }
        if let Some(progress) = bootstrap_progress(&line) {
            let state = match progress {
                100 => TorState::Ready,
                progress => TorState::Bootstrapping { progress },
            };
            if !publish(state) {
                return Ok(());
            }
        }
        line.clear();
    }
}

/// The percentage in a bootstrap report (the GETINFO answer or a `STATUS_CLIENT` event).
fn bootstrap_progress(line: &str) -> Option<u8> {
    if !line.contains("BOOTSTRAP") {
        return None;
    }
    let at = line.find("PROGRESS=")?;
    line[at + 9..]
        .split(|c: char| !c.is_ascii_digit())
        .next()
        .and_then(|n| n.parse::<u8>().ok())
        .filter(|n| *n <= 100)
}

fn expect_ok(reader: &mut impl BufRead) -> std::io::Result<()> {
    let mut line = String::new();
    reader.read_line(&mut line)?;
    if line.starts_with("250") {
        Ok(())
    } else {
        Err(std::io::Error::other(
            "tor refused a control port request (authentication or events)",
        ))
    }
}

#[cfg(test)]
#[path = "tor_status_tests.rs"]
mod tests;
