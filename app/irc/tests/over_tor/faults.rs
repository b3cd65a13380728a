//! Tor stopped in the middle of a session: a Disconnected event with a retry, messages sent
//! meanwhile reported unsent, and a reconnect once a tor is back on the same port.

use std::process::{Child, Command as Process, Stdio};

use harness::TorNetwork;
use messenger_net::{Network, TlsTrust, TorSocks};
use messenger_protocol::{Command, Conversation, Event, MessageKind, OutgoingId};

use crate::common::*;

/// A client tor started by hand on a given SOCKS port, killed on drop.
// The directory is kept until the process is gone.
struct TorOnPort(Child, #[allow(dead_code)] tempfile::TempDir);

impl Drop for TorOnPort {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn tor_on_port(network: &TorNetwork, socks_port: u16) -> TorOnPort {
    let dir = tempfile::tempdir().unwrap();
    let torrc = format!(
        "DataDirectory {data}\nSocksPort 127.0.0.1:{socks_port}\nShutdownWaitLength 0\n\
         __OwningControllerProcess {pid}\n{network}",
        data = dir.path().join("data").display(),
        pid = std::process::id(),
        network = network.client_torrc(),
    );
    let torrc_path = dir.path().join("torrc");
    std::fs::write(&torrc_path, torrc).unwrap();
    let child = Process::new("tor")
        .arg("--hush")
        .arg("-f")
        .arg(&torrc_path)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    TorOnPort(child, dir)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn tor_stopped_then_back_on_the_same_port() {
    let network = TorNetwork::shared().unwrap();
    let ngircd = harness::Ngircd::start().unwrap();
    let first_tor = network.start_client().unwrap();
    let socks = first_tor.socks_addr();
    let app_network = Network {
        socks: TorSocks { addr: socks },
        trust: TlsTrust::public_roots().unwrap(),
    };
    let mut app = connected(plaintext_account(&ngircd, "tmfault"), app_network).await;
    app.commands
        .send(Command::Join {
            room: "#fault".into(),
            password: None,
        })
        .await
        .unwrap();
    wait_for(
        &mut app,
        |e| matches!(e, Event::Members { room, .. } if room == "#fault"),
    )
    .await;

    drop(first_tor);
    let event = wait_for(&mut app, |e| matches!(e, Event::Disconnected { .. })).await;
    assert!(
        matches!(
            event,
            Event::Disconnected {
                retry_in: Some(_),
                ..
            }
        ),
        "{event:?}"
    );

    // Sent while tor is down: clearly reported, not silently dropped.
    app.commands
        .send(Command::Send {
            to: Conversation::Direct("faultpeer".into()),
            body: "while down".into(),
            kind: MessageKind::Normal,
            id: OutgoingId(5),
        })
        .await
        .unwrap();
    wait_for(&mut app, |e| {
        matches!(
            e,
            Event::SendFailed {
                id: OutgoingId(5),
                ..
            }
        )
    })
    .await;

    // Retries while tor is away say so.
    let event = wait_for(&mut app, |e| matches!(e, Event::Disconnected { .. })).await;
    assert!(
        matches!(&event, Event::Disconnected { reason: messenger_protocol::DisconnectReason::TorUnavailable(text), retry_in: Some(_) } if text.contains("Tor is not reachable")),
        "{event:?}"
    );

    let _second_tor = tor_on_port(network, socks.port());
    wait_for(&mut app, |e| matches!(e, Event::Connected { .. })).await;
    // The room is joined again by itself.
    wait_for(
        &mut app,
        |e| matches!(e, Event::Members { room, .. } if room == "#fault"),
    )
    .await;
    let mut peer = blocking(|| RawPeer::connect(&ngircd, "faultpeer"));
    app.commands
        .send(Command::Send {
            to: Conversation::Direct("faultpeer".into()),
            body: "after reconnect".into(),
            kind: MessageKind::Normal,
            id: OutgoingId(6),
        })
        .await
        .unwrap();
    wait_for(&mut app, |e| *e == Event::Sent { id: OutgoingId(6) }).await;
    blocking(|| peer.expect(|l| l.ends_with("after reconnect")));
}
