//! Shared scaffolding: the session on the shared private Tor network, a polling loop that
//! drains it into a model with a time limit, and a raw IRC peer (a plain loopback socket to
//! ngircd: test scaffolding, not the app).

use std::path::Path;
use std::time::{Duration, Instant};

use harness::{Ngircd, TorNetwork};
use messenger_chat::MessageFlags;
use messenger_chat::{AccountId, AccountState, ConversationId, Model, Sender};
use messenger_net::{Network, TlsTrust, TorSocks};
use messenger_protocol::accounts::{AccountConfig, Transport};
use messenger_protocol::{Command, ProtocolKind};
use messenger_session::{OtrPolicy, Outcome, Session};

/// How long any single wait in these tests may take.
pub(crate) const WAIT: Duration = Duration::from_secs(90);

/// The shared tor network's client with `trust`.
pub(crate) fn network(trust: TlsTrust) -> Network {
    let client = TorNetwork::shared_client().expect("tor client");
    Network {
        socks: TorSocks {
            addr: client.socks_addr(),
        },
        trust,
    }
}

/// A session with its own network thread and OTR files in `profile`.
pub(crate) fn session(profile: &Path, policy: OtrPolicy, network: Network) -> Session {
    let runtime = messenger_session::spawn_runtime().unwrap();
    let session = Session::start(runtime, network, &profile.join("otr"), policy, || {});
    assert_eq!(session.otr_unavailable(), None);
    session
}

/// Drains `session` into `model` until `done` holds; returns the outcomes seen. Panics after
/// [`WAIT`] naming `what`.
pub(crate) fn pump(
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
pub(crate) fn connect(session: &mut Session, model: &mut Model, account: AccountId) -> String {
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
pub(crate) fn irc_account(ngircd: &Ngircd, nick: &str) -> AccountConfig {
    let mut account =
        AccountConfig::new(ProtocolKind::Irc, nick, ngircd.server_name(), ngircd.port()).unwrap();
    account.transport = Transport::Plaintext;
    account
}

/// One message of a conversation, owned.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Line {
    pub from: Option<String>,
    pub me: bool,
    pub text: String,
    pub flags: MessageFlags,
}

/// The conversation's log, owned (system notes have `from: None, me: false`).
pub(crate) fn lines(model: &Model, conversation: ConversationId) -> Vec<Line> {
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

/// The harness's raw IRC client (straight to ngircd, not through tor), with the shorthands
/// these tests use.
pub(crate) struct RawIrc(harness::IrcRawPeer);

impl RawIrc {
    /// Connects and registers as `nick`.
    pub(crate) fn connect(ngircd: &Ngircd, nick: &str) -> RawIrc {
        RawIrc(harness::IrcRawPeer::connect(ngircd, nick).unwrap())
    }

    /// Sends one line.
    pub(crate) fn send(&mut self, line: &str) {
        self.0.send(line).unwrap();
    }

    /// Waits up to `limit` for a matching line; `None` on timeout. Every line read is kept
    /// in [`RawIrc::seen`].
    pub(crate) fn expect(
        &mut self,
        limit: Duration,
        predicate: impl Fn(&str) -> bool,
    ) -> Option<String> {
        self.0
            .expect_within(limit, "a matching line", predicate)
            .ok()
    }

    /// Every line read so far.
    pub(crate) fn seen(&self) -> &[String] {
        self.0.seen()
    }
}
