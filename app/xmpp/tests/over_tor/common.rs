//! Shared scaffolding: the private tor network, prosody, our account wired to both, and event
//! waits with time limits. The far end is the harness's raw XMPP peer ([`XmppRawPeer`]).

use std::time::Duration;

pub(crate) use harness::XmppRawPeer;
use harness::{Prosody, TorNetwork};
use messenger_net::{Isolation, Network, TlsTrust, TorSocks};
use messenger_protocol::{AccountHandle, Command, Event, Protocol, ReconnectPolicy};
use messenger_xmpp::{Xmpp, XmppAccountConfig};
use xmpp_parsers::jid::BareJid;

/// How long any single wait in these tests may take.
pub(crate) const WAIT: Duration = Duration::from_secs(90);

pub(crate) const ALICE: (&str, &str) = ("alice", "alice-secret-1");
pub(crate) const BOB: (&str, &str) = ("bob", "bob-secret-2");

pub(crate) fn start_prosody() -> Prosody {
    Prosody::start(&[ALICE, BOB]).expect("prosody")
}

/// The shared tor network's client as the app's network settings, trusting `trust`.
pub(crate) fn network_with(trust: TlsTrust) -> Network {
    let client = TorNetwork::shared_client().expect("tor client");
    Network {
        socks: TorSocks {
            addr: client.socks_addr(),
        },
        trust,
    }
}

/// Public roots plus the right pin for prosody's self-signed certificate.
pub(crate) fn pinned_trust(prosody: &Prosody) -> TlsTrust {
    TlsTrust::public_roots().unwrap().with_pin(
        prosody.domain(),
        prosody.c2s_port(),
        prosody.cert_sha256(),
    )
}

/// An account on `xmpp.test` (resolved by tor's exits to the local prosody).
pub(crate) fn account(prosody: &Prosody, (user, password): (&str, &str)) -> XmppAccountConfig {
    let jid = BareJid::new(&format!("{user}@{}", prosody.domain())).unwrap();
    let mut config = XmppAccountConfig::new(jid, password, Isolation::random().unwrap());
    config.port = prosody.c2s_port();
    config.reconnect = ReconnectPolicy {
        initial: Duration::from_secs(1),
        max: Duration::from_secs(3),
    };
    config
}

/// Starts an account and connects it, waiting for `Connected`; returns our full JID too.
pub(crate) async fn connected(
    config: XmppAccountConfig,
    network: Network,
) -> (AccountHandle, String) {
    let mut handle = Xmpp::spawn(config, network);
    handle.commands.send(Command::Connect).await.unwrap();
    let Event::Connected { own_name } =
        wait_for(&mut handle, |e| matches!(e, Event::Connected { .. })).await
    else {
        unreachable!()
    };
    (handle, own_name)
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
