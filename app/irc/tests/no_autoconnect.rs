//! Nothing connects at start: an account task that was never told to connect opens no
//! connection, even to tor, and reports nothing.

// Test scaffolding.
#![allow(clippy::unwrap_used)]

use std::time::Duration;

use messenger_irc::{Irc, IrcAccountConfig};
use messenger_net::{Isolation, Network, TlsTrust, TorSocks};
use messenger_protocol::{
    Command, Conversation, Event, MessageKind, OutgoingId, Protocol, ProtocolKind,
};

#[tokio::test]
async fn an_account_stays_offline_until_asked() {
    // A listener where tor's SOCKS port would be: it must see no connection.
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let network = Network {
        socks: TorSocks {
            addr: listener.local_addr().unwrap(),
        },
        trust: TlsTrust::public_roots().unwrap(),
    };
    let mut config =
        IrcAccountConfig::new("irc.example", 6697, "nobody", Isolation::random().unwrap());
    config.rooms = vec!["#tor".into()];
    // Started through the protocol-independent interface, as the messenger does.
    assert_eq!(Irc::KIND, ProtocolKind::Irc);
    let mut app = Irc::spawn(config, network);

    // Commands other than Connect do not connect either.
    app.commands
        .send(Command::Join {
            room: "#more".into(),
            password: None,
        })
        .await
        .unwrap();
    app.commands
        .send(Command::Send {
            to: Conversation::Room("#tor".into()),
            body: "hello".into(),
            kind: MessageKind::Normal,
            id: OutgoingId(1),
        })
        .await
        .unwrap();
    let failed = tokio::time::timeout(Duration::from_secs(5), app.events.recv())
        .await
        .unwrap()
        .unwrap();
    assert!(matches!(
        failed,
        Event::SendFailed {
            id: OutgoingId(1),
            ..
        }
    ));

    let accepted = tokio::time::timeout(Duration::from_secs(3), listener.accept()).await;
    assert!(accepted.is_err(), "something connected without Connect");
    let quiet = tokio::time::timeout(Duration::from_millis(500), app.events.recv()).await;
    assert!(quiet.is_err(), "unexpected event: {quiet:?}");
}
