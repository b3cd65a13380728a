//! Follows tor's bootstrap through its control port (loopback only) and reports the
//! progress to the UI, asking for a repaint only when something changed.

use messenger_chat::TorState;
use std::io::{BufRead, BufReader, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::PathBuf;
use std::sync::mpsc::Sender;
use std::time::Duration;

/// Where to reach tor's control port and how to authenticate.
#[derive(Debug, Clone)]
pub struct ControlPort {
    /// The control port address (the launcher's tor, on loopback).
    pub address: SocketAddr,
    /// The cookie file, if tor uses cookie authentication.
    pub cookie: Option<PathBuf>,
}

/// Starts the watcher thread. `notify` is called after each change (to wake the UI).
pub fn watch(
    control: ControlPort,
    updates: Sender<TorState>,
    notify: impl Fn() + Send + 'static,
) -> std::io::Result<std::thread::JoinHandle<()>> {
    std::thread::Builder::new()
        .name("tor-status".into())
        .spawn(move || {
            let mut last = None;
            loop {
                let state = match poll_until_done(&control, &updates, &notify, &mut last) {
                    Ok(()) => TorState::Ready,
                    Err(_) => TorState::Unavailable,
                };
                if last.as_ref() != Some(&state) {
                    last = Some(state.clone());
                    if updates.send(state.clone()).is_err() {
                        return;
                    }
                    notify();
                }
                // Ready: check again rarely (to notice tor going away); down: retry soon.
                let pause = if state.is_ready() { 10 } else { 2 };
                std::thread::sleep(Duration::from_secs(pause));
            }
        })
}

/// Connects, authenticates, and reports progress until 100 %; then keeps the connection only
/// to notice when tor stops.
fn poll_until_done(
    control: &ControlPort,
    updates: &Sender<TorState>,
    notify: &impl Fn(),
    last: &mut Option<TorState>,
) -> std::io::Result<()> {
    if !control.address.ip().is_loopback() {
        return Err(std::io::Error::other(
            "the control port must be on this computer",
        ));
    }
    let stream = TcpStream::connect_timeout(&control.address, Duration::from_secs(3))?;
    stream.set_read_timeout(Some(Duration::from_secs(10)))?;
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
    loop {
        writer.write_all(b"GETINFO status/bootstrap-phase\r\n")?;
        let mut progress = None;
        loop {
            let mut line = String::new();
            if reader.read_line(&mut line)? == 0 {
                return Err(std::io::ErrorKind::UnexpectedEof.into());
            }
            if let Some(at) = line.find("PROGRESS=") {
                progress = line[at + 9..]
                    .split(|c: char| !c.is_ascii_digit())
                    .next()
                    .and_then(|n| n.parse::<u8>().ok());
            }
            if line.starts_with("250 ") || line.starts_with('5') {
                break;
            }
        }
        let state = match progress {
            Some(100) => TorState::Ready,
            Some(progress) => TorState::Bootstrapping { progress },
            None => return Err(std::io::Error::other("unexpected control port answer")),
        };
        if last.as_ref() != Some(&state) {
            *last = Some(state.clone());
            if updates.send(state.clone()).is_err() {
                return Ok(());
            }
            notify();
        }
        let pause = if state.is_ready() { 10 } else { 1 };
        std::thread::sleep(Duration::from_secs(pause));
    }
}

fn expect_ok(reader: &mut impl BufRead) -> std::io::Result<()> {
    let mut line = String::new();
    reader.read_line(&mut line)?;
    if line.starts_with("250") {
        Ok(())
    } else {
        Err(std::io::Error::other(
            "tor refused the control port authentication",
        ))
    }
}
