//! obfs4 end to end through the bundle's own obfs4proxy (unpacked from the pinned Debian
//! package, not the system's): a real obfs4 bridge on loopback (a bridge relay of the private
//! network behind obfs4proxy in server mode) is added with `bridges add`; the launcher, run
//! from a bundle folder under `strace -f`, bootstraps through it and runs the messenger's own
//! IRC session (messenger-irc over messenger-net's SOCKS connector) as its app, which joins a
//! room on ngircd and says something a raw IRC peer hears. The trace shows only loopback
//! connections, none to the network's relays directly: the bridge's obfs4 port is the way in.

use std::path::Path;
use std::process::Command;
use std::time::Duration;

use messenger_irc::{IrcAccountConfig, spawn_account};
use messenger_net::{Isolation, Network, TlsTrust, TorSocks};
use messenger_protocol::accounts::Transport;
use messenger_protocol::{Command as IrcCommand, Conversation, Event, MessageKind, OutgoingId};

use crate::util::{BOOTSTRAP_LIMIT, Launcher, Setup, TestBundle};

const ENV_SERVER: &str = "OBFS4_TEST_IRC_SERVER";
const ENV_PORT: &str = "OBFS4_TEST_IRC_PORT";
const NICK: &str = "tmbridge";
const ROOM: &str = "#bridged";
const TEXT: &str = "hello through an obfs4 bridge";

/// The messenger's IRC session, run by the launcher as its app (the test binary again, this
/// test only): `TOR_MESSENGER_SOCKS` comes from the launcher.
#[tokio::test]
#[ignore = "run by the obfs4 end-to-end test as the launcher's app"]
async fn child_irc_session() {
    let (Ok(server), Ok(port), Ok(socks)) = (
        std::env::var(ENV_SERVER),
        std::env::var(ENV_PORT),
        std::env::var("TOR_MESSENGER_SOCKS"),
    ) else {
        return;
    };
    let network = Network {
        socks: TorSocks {
            addr: socks.parse().unwrap(),
        },
        trust: TlsTrust::public_roots().unwrap(),
    };
    let mut config = IrcAccountConfig::new(
        &server,
        port.parse().unwrap(),
        NICK,
        Isolation::random().unwrap(),
    );
    config.transport = Transport::Plaintext;
    config.rooms = vec![ROOM.to_owned()];
    let mut account = spawn_account(config, network);
    account.commands.send(IrcCommand::Connect).await.unwrap();
    wait_for(&mut account, |e| matches!(e, Event::Connected { .. })).await;
    wait_for(&mut account, |e| matches!(e, Event::Members { .. })).await;
    account
        .commands
        .send(IrcCommand::Send {
            to: Conversation::Room(ROOM.to_owned()),
            body: TEXT.to_owned(),
            kind: MessageKind::Normal,
            id: OutgoingId(1),
        })
        .await
        .unwrap();
    wait_for(&mut account, |e| matches!(e, Event::Sent { .. })).await;
    account.commands.send(IrcCommand::Disconnect).await.unwrap();
    wait_for(&mut account, |e| matches!(e, Event::Disconnected { .. })).await;
}

/// Waits for an event of the session matching `wanted`.
async fn wait_for(account: &mut messenger_protocol::AccountHandle, wanted: fn(&Event) -> bool) {
    tokio::time::timeout(Duration::from_secs(90), async {
        loop {
            let event = account.events.recv().await.expect("the account ended");
            if wanted(&event) {
                return;
            }
        }
    })
    .await
    .expect("the IRC session timed out");
}

#[test]
fn messenger_irc_session_through_the_bundles_obfs4proxy_and_a_loopback_bridge() {
    let setup = Setup::new();
    let network = harness::TorNetwork::shared().unwrap();
    let ngircd = harness::Ngircd::start().unwrap();
    let bundle = TestBundle::new(setup.temp.path());
    let bridge = harness::Obfs4Bridge::start(
        network,
        &harness::pinned_transports::obfs4proxy().unwrap(),
        Duration::from_secs(90),
    )
    .unwrap();
    let added = Command::new(&bundle.launcher)
        .arg("bridges")
        .arg("--data-dir")
        .arg(setup.data_dir())
        .args(["add", bridge.line()])
        .output()
        .unwrap();
    assert!(
        added.status.success(),
        "{}",
        String::from_utf8_lossy(&added.stderr)
    );
    let mut peer = harness::IrcRawPeer::connect(&ngircd, "bridgepeer").unwrap();
    peer.join(ROOM).unwrap();

    let torrc = setup.network_torrc();
    let trace_path = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join(format!("obfs4-bridge-{}.strace", std::process::id()));
    let launcher_command = bundle.command(&setup);
    let mut command = Command::new("strace");
    command
        .args(["-f", "-qq", "-s", "0", "-e"])
        .arg(harness::leak::STRACE_FILTER)
        .arg("-o")
        .arg(&trace_path)
        .arg(launcher_command.get_program())
        .args(launcher_command.get_args())
        .arg("--torrc")
        .arg(&torrc)
        .arg("--app")
        .arg(std::env::current_exe().unwrap())
        .args([
            "--",
            "--exact",
            "obfs4_bridge::child_irc_session",
            "--ignored",
            "--nocapture",
            "--test-threads=1",
        ])
        .env(ENV_SERVER, ngircd.server_name())
        .env(ENV_PORT, ngircd.port().to_string());
    let mut launcher = Launcher::start(command);
    launcher.wait_for("Bootstrapped 100%", BOOTSTRAP_LIMIT);
    peer.expect_within(
        Duration::from_secs(120),
        "the messenger's message",
        |line| line.contains(&format!("PRIVMSG {ROOM} :{TEXT}")),
    )
    .unwrap();
    let (status, stderr) = launcher.wait_exit(Duration::from_secs(120));
    assert_eq!(status.code(), Some(0), "{stderr}");

    // Tor really used the bridge: its state names it as a guard of type bridge.
    let state = std::fs::read_to_string(setup.data_dir().join("Tor/state")).unwrap_or_default();
    let fingerprint = bridge.line().split_whitespace().nth(2).unwrap();
    assert!(
        state
            .lines()
            .any(|entry| entry.contains("in=bridges") && entry.contains(fingerprint)),
        "tor's state has no bridge guard {fingerprint}:\n{state}"
    );

    // The leak check: loopback only, the network's relays (and the bridge relay's own
    // ORPort) never reached directly, the bridge's obfs4 port reached.
    let trace = std::fs::read_to_string(&trace_path).unwrap();
    let _ = std::fs::remove_file(&trace_path);
    let mut forbidden = network.relay_ports();
    forbidden.push(bridge.or_port());
    let ports = harness::leak::check_bridge_only_trace(&trace, &forbidden, bridge.obfs4_port())
        .unwrap_or_else(|leak| panic!("{leak}"));
    // Besides tor's own SOCKS and control ports and the bridge, at most obfs4proxy's local
    // SOCKS listener (tor's way into the transport).
    let others: Vec<u16> = ports
        .iter()
        .copied()
        .filter(|port| ![setup.socks_port, setup.control_port, bridge.obfs4_port()].contains(port))
        .collect();
    assert!(
        others.len() <= 1,
        "unexpected ports {others:?} of {ports:?}"
    );
    assert!(
        ports.contains(&setup.socks_port),
        "the app went through tor: {ports:?}"
    );
}
