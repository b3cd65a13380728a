//! Shared scaffolding: the private tor network, a raw IRC peer (a plain socket talking IRC to
//! ngircd on loopback: test scaffolding, not the app), and event waits with time limits.

use std::time::Duration;

use harness::{Ngircd, TorNetwork};
use messenger_irc::{FloodPolicy, IrcAccountConfig, spawn_account};
use messenger_net::{Isolation, Network, TlsTrust, TorSocks};
use messenger_protocol::accounts::Transport;
use messenger_protocol::{AccountHandle, Event, ReconnectPolicy};

/// How long any single wait in these tests may take.
pub(crate) const WAIT: Duration = Duration::from_secs(90);

/// The shared tor network's shared client, as the app's network settings.
pub(crate) fn shared_network() -> Network {
    let client = TorNetwork::shared_client().expect("tor client");
    Network {
        socks: TorSocks {
            addr: client.socks_addr(),
        },
        trust: TlsTrust::public_roots().unwrap(),
    }
}

/// A plaintext account to `irc.test` (resolved by tor's exits to the local ngircd).
pub(crate) fn plaintext_account(ngircd: &Ngircd, nick: &str) -> IrcAccountConfig {
    let mut config = IrcAccountConfig::new(
        ngircd.server_name(),
        ngircd.port(),
        nick,
        Isolation::random().unwrap(),
    );
    config.transport = Transport::Plaintext;
    config.reconnect = ReconnectPolicy {
        initial: Duration::from_secs(1),
        max: Duration::from_secs(3),
    };
    config.flood = FloodPolicy::default();
    config
}

/// Starts an account and connects it, waiting for `Connected`.
pub(crate) async fn connected(config: IrcAccountConfig, network: Network) -> AccountHandle {
    let mut handle = spawn_account(config, network);
    handle
        .commands
        .send(messenger_protocol::Command::Connect)
        .await
        .unwrap();
    wait_for(&mut handle, |e| matches!(e, Event::Connected { .. })).await;
    handle
}

/// Waits for an event matching `predicate`; panics with the events seen if none comes.
pub(crate) async fn wait_for(
    handle: &mut AccountHandle,
    predicate: impl Fn(&Event) -> bool,
) -> Event {
    let deadline = tokio::time::Instant::now() + WAIT;
    let mut seen = Vec::new();
    loop {
        match tokio::time::timeout_at(deadline, handle.events.recv()).await {
            Ok(Some(event)) if predicate(&event) => return event,
            Ok(Some(event)) => seen.push(event),
            Ok(None) => panic!("account task ended; events seen: {seen:#?}"),
            Err(_) => panic!("timed out; events seen: {seen:#?}"),
        }
    }
}

/// The harness's raw IRC client (straight to ngircd, not through tor), with the panicking
/// shorthands these tests use.
pub(crate) struct RawPeer(harness::IrcRawPeer);

impl RawPeer {
    /// Connects and registers as `nick`.
    pub(crate) fn connect(ngircd: &Ngircd, nick: &str) -> RawPeer {
        RawPeer(harness::IrcRawPeer::connect(ngircd, nick).unwrap())
    }

    /// Sends one line.
    pub(crate) fn send(&mut self, line: &str) {
        self.0.send(line).unwrap();
    }

    /// Waits for a line that matches; returns it.
    pub(crate) fn expect(&mut self, predicate: impl Fn(&str) -> bool) -> String {
        self.0
            .expect_within(WAIT, "a matching line", predicate)
            .unwrap()
    }

    /// Joins a channel and waits for the server's confirmation.
    pub(crate) fn join(&mut self, channel: &str) {
        self.0.join(channel).unwrap();
    }
}

/// Runs blocking peer code from an async test without stalling the runtime.
pub(crate) fn blocking<T>(f: impl FnOnce() -> T) -> T {
    tokio::task::block_in_place(f)
}

/// The text of a PRIVMSG/NOTICE line's trailing parameter.
pub(crate) fn trailing(line: &str) -> &str {
    line.split_once(" :").map_or("", |(_, text)| text)
}

/// A fake IRC server on loopback (reached through tor as `irc.test:port`) that runs a script
/// against the app: for the bad-input tests.
pub(crate) async fn fake_server<F, Fut>(script: F) -> u16
where
    F: FnOnce(tokio::net::TcpStream) -> Fut + Send + 'static,
    Fut: std::future::Future<Output = ()> + Send,
{
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    tokio::spawn(async move {
        if let Ok((socket, _)) = listener.accept().await {
            script(socket).await;
        }
    });
    port
}

/// A plaintext account to a fake server's port.
pub(crate) fn fake_account(port: u16, nick: &str) -> IrcAccountConfig {
    let mut config = IrcAccountConfig::new("irc.test", port, nick, Isolation::random().unwrap());
    config.transport = Transport::Plaintext;
    config.reconnect = ReconnectPolicy {
        initial: Duration::from_secs(1),
        max: Duration::from_secs(3),
    };
    config
}
