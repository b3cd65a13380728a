//! A minimal IRC client for tests, and a `Node`: an OTR engine wired to an IRC connection
//! (injected bodies go out as PRIVMSG, received PRIVMSGs go into the engine).
#![allow(dead_code, clippy::unwrap_used)]

use messenger_otr::{OtrAccount, OtrEngine, OtrEvent, OtrSettings, PeerId};
use messenger_protocol::ProtocolKind;
use std::io::{BufRead, BufReader, Write};
use std::net::TcpStream;
use std::sync::mpsc::{self, Receiver};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

pub(crate) const WAIT: Duration = Duration::from_secs(30);

/// A registered IRC connection.
pub(crate) struct Irc {
    writer: Arc<Mutex<TcpStream>>,
    pub nick: String,
}

impl Irc {
    /// Connects and registers; received PRIVMSGs go to `on_privmsg(from, body)`.
    pub(crate) fn connect(
        port: u16,
        nick: &str,
        on_privmsg: impl Fn(String, String) + Send + 'static,
    ) -> Irc {
        let stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
        let writer = Arc::new(Mutex::new(stream.try_clone().unwrap()));
        let irc = Irc {
            writer: writer.clone(),
            nick: nick.to_owned(),
        };
        irc.line(&format!("NICK {nick}"));
        irc.line(&format!("USER {nick} 0 * :{nick}"));
        let (registered_tx, registered) = mpsc::channel();
        std::thread::spawn(move || {
            let reader = BufReader::new(stream);
            for line in reader.split(b'\n') {
                let Ok(line) = line else { break };
                let line = String::from_utf8_lossy(&line)
                    .trim_end_matches('\r')
                    .to_owned();
                if let Some(rest) = line.strip_prefix("PING") {
                    let _ = writer
                        .lock()
                        .unwrap()
                        .write_all(format!("PONG{rest}\r\n").as_bytes());
                    continue;
                }
                let parts: Vec<&str> = line.splitn(4, ' ').collect();
                if parts.len() >= 2 && parts[1] == "001" {
                    let _ = registered_tx.send(());
                } else if parts.len() == 4 && parts[1] == "PRIVMSG" {
                    let from = parts[0]
                        .trim_start_matches(':')
                        .split('!')
                        .next()
                        .unwrap_or("")
                        .to_owned();
                    on_privmsg(from, parts[3].trim_start_matches(':').to_owned());
                }
            }
        });
        registered.recv_timeout(WAIT).expect("IRC registration");
        irc
    }

    pub(crate) fn line(&self, line: &str) {
        self.writer
            .lock()
            .unwrap()
            .write_all(format!("{line}\r\n").as_bytes())
            .unwrap();
    }

    pub(crate) fn privmsg(&self, to: &str, body: &str) {
        assert!(
            !body.contains('\n') && !body.contains('\r'),
            "one IRC line per body"
        );
        self.line(&format!("PRIVMSG {to} :{body}"));
    }
}

/// An OTR engine on an IRC connection.
pub(crate) struct Node {
    pub engine: Arc<OtrEngine>,
    pub account: OtrAccount,
    events: Receiver<OtrEvent>,
    pub seen: Vec<OtrEvent>,
    pub injected: Arc<Mutex<Vec<String>>>,
    pub irc: Irc,
    _dir: tempfile::TempDir,
}

impl Node {
    pub(crate) fn start(port: u16, nick: &str, settings: OtrSettings) -> Node {
        let dir = tempfile::tempdir().unwrap();
        let (engine, mut engine_events) = OtrEngine::start(dir.path(), settings).unwrap();
        let engine = Arc::new(engine);
        let account = OtrAccount::new(nick, ProtocolKind::Irc);
        let receiver = engine.clone();
        let receiving_account = account.clone();
        let irc = Irc::connect(port, nick, move |from, body| {
            let _ = receiver.receive(PeerId::new(receiving_account.clone(), from), body);
        });
        let writer = Irc {
            writer: irc.writer.clone(),
            nick: nick.to_owned(),
        };
        let injected = Arc::new(Mutex::new(Vec::new()));
        let injected_log = injected.clone();
        let (tx, events) = mpsc::channel();
        std::thread::spawn(move || {
            while let Some(event) = engine_events.blocking_recv() {
                if let OtrEvent::Inject { to, body } = &event {
                    writer.privmsg(&to.peer, body);
                    injected_log.lock().unwrap().push(body.clone());
                }
                if tx.send(event).is_err() {
                    break;
                }
            }
        });
        Node {
            engine,
            account,
            events,
            seen: Vec::new(),
            injected,
            irc,
            _dir: dir,
        }
    }

    pub(crate) fn peer(&self, nick: &str) -> PeerId {
        PeerId::new(self.account.clone(), nick)
    }

    /// Waits for an event matching `wanted` (already seen ones count).
    pub(crate) fn expect(&mut self, what: &str, wanted: impl Fn(&OtrEvent) -> bool) -> OtrEvent {
        if let Some(event) = self.seen.iter().find(|e| wanted(e)) {
            return event.clone();
        }
        let deadline = Instant::now() + WAIT;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.events.recv_timeout(left) {
                Ok(event) => {
                    self.seen.push(event.clone());
                    if wanted(&event) {
                        return event;
                    }
                }
                Err(_) => panic!(
                    "{}: timed out waiting for {what}; seen: {:#?}",
                    self.account.name, self.seen
                ),
            }
        }
    }

    /// Waits for a shown message with this text and returns whether it was encrypted.
    pub(crate) fn expect_text(&mut self, text: &str) -> bool {
        match self.expect(
            &format!("the message {text:.40?}"),
            |e| matches!(e, OtrEvent::Message { text: t, .. } if t == text),
        ) {
            OtrEvent::Message { encrypted, .. } => encrypted,
            _ => unreachable!(),
        }
    }

    pub(crate) fn expect_private(&mut self, with: &str) -> messenger_otr::Fingerprint {
        match self.expect(&format!("a private conversation with {with}"), |e| {
            matches!(e, OtrEvent::SessionChanged { peer, state: messenger_otr::SessionState::Encrypted { .. } } if &*peer.peer == with)
        }) {
            OtrEvent::SessionChanged { state: messenger_otr::SessionState::Encrypted { fingerprint, .. }, .. } => fingerprint,
            _ => unreachable!(),
        }
    }
}
