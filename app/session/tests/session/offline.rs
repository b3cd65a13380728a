//! What the session does without any server: nothing connects by itself, and an account
//! that cannot start says why on Connect.

use std::net::{Ipv4Addr, SocketAddr};

use messenger_chat::Model;
use messenger_net::{Network, TlsTrust, TorSocks};
use messenger_protocol::accounts::AccountConfig;
use messenger_protocol::{Command, ProtocolKind};
use messenger_session::{OtrPolicy, Session};

#[test]
fn an_xmpp_account_without_password_explains_on_connect() {
    let profile = tempfile::tempdir().unwrap();
    // A SOCKS port nobody listens on: nothing may try to connect here anyway.
    let network = Network {
        socks: TorSocks {
            addr: SocketAddr::from((Ipv4Addr::LOCALHOST, 9)),
        },
        trust: TlsTrust::public_roots().unwrap(),
    };
    let runtime = messenger_session::spawn_runtime().unwrap();
    let mut session = Session::start(
        runtime,
        network,
        &profile.path().join("otr"),
        OtrPolicy::default(),
        || {},
    );
    let mut model = Model::new();
    let account =
        AccountConfig::new(ProtocolKind::Xmpp, "alice@xmpp.test", "xmpp.test", 5222).unwrap();
    let id = session.add_account(&mut model, &account, "alice@xmpp.test");
    assert!(!session.is_available(id));
    assert!(!session.command(&mut model, id, Command::Connect));
    assert_eq!(
        model.account(id).unwrap().last_error.as_deref(),
        Some("Enter the account's password.")
    );
    assert!(session.drain(&mut model).is_empty());
}
