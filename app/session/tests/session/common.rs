//! Shared scaffolding: the session on the shared private Tor network, a polling loop that
//! drains it into a model with a time limit, and a raw IRC peer (a plain loopback socket to
//! ngircd: test scaffolding, not the app).

use std::io::{BufRead, BufReader, Write};
use std::net::TcpStream;
use std::path::Path;
use std::sync::mpsc::Receiver;
use std::time::{Duration, Instant};

use harness::{Ngircd, TorNetwork};
use messenger_chat::MessageFlags;
use messenger_chat::{AccountId, AccountState, ConversationId, Model, Sender};
use messenger_net::{TlsTrust, TorSocks};
use messenger_protocol::accounts::{AccountConfig, Transport};
use messenger_protocol::{Command, ProtocolKind};
use messenger_session::{OtrPolicy, Outcome, Session, SessionNetwork};

/// How long any single wait in these tests may take.
pub const WAIT: Duration = Duration::from_secs(90);

/// The shared tor network's client with `trust`.
pub fn network(trust: TlsTrust) -> SessionNetwork {
    let client = TorNetwork::shared_client().expect("tor client");
    SessionNetwork {
        socks: TorSocks {
            addr: client.socks_addr(),
        },
        trust,
    }
}

/// A session with its own network thread and OTR files in `profile`.
pub fn session(profile: &Path, policy: OtrPolicy, network: SessionNetwork) -> Session {
    let runtime = messenger_session::spawn_runtime().unwrap();
    let session = Session::start(runtime, network, &profile.join("otr"), policy, || {});
    assert_eq!(session.otr_unavailable(), None);
    session
}

/// Drains `session` into `model` until `done` holds; returns the outcomes seen. Panics after
/// [`WAIT`] naming `what`.
pub fn pump(
    session: &mut Session,
    model: &mut Model,
    what: &str,
    done: impl Fn(&Model, &[Outcome]) -> bool,
) -> Vec<Outcome> {
    let deadline = Instant::now() + WAIT;
    let mut outcomes = Vec::new();
    loop {
        outcomes.extend(session.drain(model));
        if done(model, &outcomes) {
            return outcomes;
        }
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// Connects `account` and waits until it is online; returns our name on the server.
pub fn connect(session: &mut Session, model: &mut Model, account: AccountId) -> String {
    assert!(session.command(model, account, Command::Connect));
    pump(session, model, "the account to be online", |m, _| {
        matches!(
            m.account(account).map(|a| &a.state),
            Some(AccountState::Online { .. })
        )
    });
    match &model.account(account).unwrap().state {
        AccountState::Online { own_name } => own_name.clone(),
        _ => unreachable!(),
    }
}

/// A plaintext IRC account to `irc.test` (resolved by tor's exits to the local ngircd).
pub fn irc_account(ngircd: &Ngircd, nick: &str) -> AccountConfig {
    let mut account =
        AccountConfig::new(ProtocolKind::Irc, nick, ngircd.server_name(), ngircd.port()).unwrap();
    account.transport = Transport::Plaintext;
    account
}

/// One message of a conversation, owned.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    pub from: Option<String>,
    pub me: bool,
    pub text: String,
    pub flags: MessageFlags,
}

/// The conversation's log, owned (system notes have `from: None, me: false`).
pub fn lines(model: &Model, conversation: ConversationId) -> Vec<Line> {
    let log = &model.conversation(conversation).unwrap().log;
    (0..log.len())
        .filter_map(|i| log.get(i))
        .map(|m| Line {
            from: match m.sender {
                Sender::Peer(name) => Some(name.to_owned()),
                _ => None,
            },
            me: m.sender == Sender::Me,
            text: m.text.to_owned(),
            flags: m.flags,
        })
        .collect()
}

/// A raw IRC client on a plain loopback socket straight to ngircd. A reader thread answers
/// PING and hands every other line over.
pub struct RawIrc {
    writer: TcpStream,
    lines: Receiver<String>,
    /// Every line read so far (PINGs excepted).
    pub seen: Vec<String>,
}

impl Drop for RawIrc {
    fn drop(&mut self) {
        let _ = self.writer.shutdown(std::net::Shutdown::Both);
    }
}

impl RawIrc {
    /// Connects and registers as `nick`.
    pub fn connect(ngircd: &Ngircd, nick: &str) -> RawIrc {
        let stream = TcpStream::connect(ngircd.addr()).unwrap();
        let mut ponger = stream.try_clone().unwrap();
        let reader = BufReader::new(stream.try_clone().unwrap());
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
        let mut peer = RawIrc {
            writer: stream,
            lines,
            seen: Vec::new(),
        };
        peer.send(&format!("NICK {nick}"));
        peer.send(&format!("USER {nick} 0 * :{nick}"));
        peer.expect(WAIT, |line| line.split(' ').nth(1) == Some("001"))
            .expect("registered");
        peer
    }

    /// Sends one line.
    pub fn send(&mut self, line: &str) {
        self.writer
            .write_all(format!("{line}\r\n").as_bytes())
            .unwrap();
    }

    /// Waits up to `limit` for a matching line; `None` on timeout. Every line read is kept
    /// in [`RawIrc::seen`].
    pub fn expect(&mut self, limit: Duration, predicate: impl Fn(&str) -> bool) -> Option<String> {
        let deadline = Instant::now() + limit;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.lines.recv_timeout(left) {
                Ok(line) => {
                    self.seen.push(line.clone());
                    if predicate(&line) {
                        return Some(line);
                    }
                }
                Err(_) => return None,
            }
        }
    }
}
