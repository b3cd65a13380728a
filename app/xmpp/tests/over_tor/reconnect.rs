//! A dropped connection: reported with a retry time, messages sent meanwhile are reported
//! unsent, and the account comes back by itself (rooms rejoined); a user disconnect is final.
//! The drop is made by a loopback TCP relay in front of prosody that the test can cut.

use std::sync::{Arc, Mutex};

use messenger_net::TlsTrust;
use messenger_protocol::{Command, Conversation, DisconnectReason, Event, MessageKind, OutgoingId};
use tokio::net::{TcpListener, TcpStream};
use tokio::task::JoinHandle;

use crate::common::*;

/// Relays every connection to prosody until cut.
struct Relay {
    port: u16,
    connections: Arc<Mutex<Vec<JoinHandle<()>>>>,
    accept: JoinHandle<()>,
}

impl Relay {
    async fn start(target: u16) -> Relay {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let port = listener.local_addr().unwrap().port();
        let connections: Arc<Mutex<Vec<JoinHandle<()>>>> = Arc::default();
        let list = connections.clone();
        let accept = tokio::spawn(async move {
            while let Ok((mut inbound, _)) = listener.accept().await {
                let task = tokio::spawn(async move {
                    if let Ok(mut outbound) = TcpStream::connect(("127.0.0.1", target)).await {
                        let _ = tokio::io::copy_bidirectional(&mut inbound, &mut outbound).await;
                    }
                });
                list.lock().unwrap().push(task);
            }
        });
        Relay {
            port,
            connections,
            accept,
        }
    }

    /// Drops every relayed connection (as a network failure would); new ones still work.
    fn cut(&self) {
        for task in self.connections.lock().unwrap().drain(..) {
            task.abort();
        }
    }
}

impl Drop for Relay {
    fn drop(&mut self) {
        self.accept.abort();
        self.cut();
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn reconnects_after_a_drop_but_not_after_a_user_disconnect() {
    let prosody = start_prosody();
    let relay = Relay::start(prosody.c2s_port()).await;
    // Through tor to the relay's address; the certificate is still checked against the JID's
    // domain, with the pin for that domain at the port we connect to.
    let trust = TlsTrust::public_roots().unwrap().with_pin(
        prosody.domain(),
        relay.port,
        prosody.cert_sha256(),
    );
    let mut config = account(&prosody, ALICE);
    config.host = Some("127.0.0.1".to_owned());
    config.port = relay.port;
    let room = format!("den@{}", prosody.muc_domain());
    config.rooms = vec![room.clone()];
    let (mut alice, first) = connected(config, network_with(trust)).await;
    wait_for(&mut alice, |e| {
        *e == Event::Joined {
            room: room.clone(),
            member: "alice".to_owned(),
        }
    })
    .await;

    relay.cut();
    let event = wait_for(&mut alice, |e| matches!(e, Event::Disconnected { .. })).await;
    assert!(
        matches!(
            event,
            Event::Disconnected {
                reason: DisconnectReason::ConnectionLost(_),
                retry_in: Some(_)
            }
        ),
        "{event:?}"
    );
    // Sent while down: reported, not silently lost.
    alice
        .commands
        .send(Command::Send {
            to: Conversation::Direct("bob@xmpp.test".to_owned()),
            body: "while down".to_owned(),
            kind: MessageKind::Normal,
            id: OutgoingId(3),
        })
        .await
        .unwrap();
    wait_for(&mut alice, |e| {
        matches!(
            e,
            Event::SendFailed {
                id: OutgoingId(3),
                ..
            }
        )
    })
    .await;

    let Event::Connected { own_name: second } =
        wait_for(&mut alice, |e| matches!(e, Event::Connected { .. })).await
    else {
        unreachable!()
    };
    assert_ne!(first, second, "a new connection gets a new random resource");
    wait_for(&mut alice, |e| {
        *e == Event::Joined {
            room: room.clone(),
            member: "alice".to_owned(),
        }
    })
    .await;

    alice.commands.send(Command::Disconnect).await.unwrap();
    wait_for(&mut alice, |e| {
        *e == Event::Disconnected {
            reason: DisconnectReason::UserRequest,
            retry_in: None,
        }
    })
    .await;
    // Nothing more happens by itself.
    let quiet = tokio::time::timeout(std::time::Duration::from_secs(5), alice.events.recv()).await;
    assert!(
        quiet.is_err(),
        "unexpected event after a user disconnect: {quiet:?}"
    );
}
