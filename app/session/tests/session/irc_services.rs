//! An IRC account set up as a Tor user on Libera.Chat would (TLS, SASL EXTERNAL with a
//! certificate the messenger generated and stored in the profile, registered with NickServ
//! CERT ADD), against InspIRCd 3 linked to Atheme services through the private Tor network:
//! logged in as the account, server-time and echo-message seen in the model, and OTR with
//! python3-potr over that connection.

use std::time::{Duration, UNIX_EPOCH};

use harness::potr::PotrPeer;
use harness::{Inspircd, InspircdOptions, IrcRawPeer};
use messenger_chat::{Delivery, Model, OtrStatus};
use messenger_net::TlsTrust;
use messenger_protocol::accounts::{AccountConfig, SaslChoice, Transport};
use messenger_protocol::{Command, Conversation, MessageKind, ProtocolKind};
use messenger_session::client_certificates::{self, CertificateSource};
use messenger_session::{OtrPolicy, OtrRequest};

use crate::common::*;

const ACCOUNT: &str = "tmcert";
const PASSWORD: &str = "tmcert-password";

#[test]
fn sasl_external_with_a_generated_certificate_then_server_time_echo_and_otr() {
    let irc = Inspircd::with_atheme(InspircdOptions::default()).unwrap();
    irc.register_account(ACCOUNT, PASSWORD).unwrap();
    let profile = tempfile::tempdir().unwrap();

    // The account as the form makes it: TLS, EXTERNAL, a generated certificate whose
    // fingerprint the user registers with NickServ.
    let mut account = AccountConfig::new(
        ProtocolKind::Irc,
        ACCOUNT,
        irc.server_name(),
        irc.tls_port(),
    )
    .unwrap();
    account.transport = Transport::Tls;
    account.sasl = SaslChoice::External;
    let fingerprints =
        client_certificates::create(profile.path(), &mut account, &CertificateSource::Generate)
            .unwrap();
    irc.add_certificate(ACCOUNT, PASSWORD, &fingerprints.sha256)
        .unwrap();

    let trust = TlsTrust::public_roots().unwrap().with_pin(
        irc.server_name(),
        irc.tls_port(),
        irc.cert_sha256(),
    );
    let mut session = session(profile.path(), OtrPolicy::default(), network(trust));
    let mut model = Model::new();
    let id = session.add_account(&mut model, &account, "tmcert@inspircd.test");
    connect(&mut session, &mut model, id);
    pump(
        &mut session,
        &mut model,
        "logged in as the account",
        |m, _| {
            m.account(id)
                .and_then(|a| a.logged_in.get(ACCOUNT))
                .is_some_and(|name| name == ACCOUNT)
        },
    );

    // A plain client in the room sees our messages and stamps its own.
    let mut bob = IrcRawPeer::open(irc.addr(), None).unwrap();
    bob.cap_req(&["server-time", "echo-message"]).unwrap();
    bob.send("CAP END").unwrap();
    bob.register("bob").unwrap();
    bob.join("#services").unwrap();
    assert!(session.command(
        &mut model,
        id,
        Command::Join {
            room: "#services".into(),
            password: None
        }
    ));
    pump(&mut session, &mut model, "the room with bob", |m, _| {
        m.find(id, &Conversation::Room("#services".into()))
            .and_then(|c| m.conversation(c))
            .is_some_and(|c| c.members.iter().any(|n| n == "bob"))
    });
    let room = model
        .find(id, &Conversation::Room("#services".into()))
        .unwrap();

    // echo-message: our message is delivered to the server, not just written.
    session
        .send(&mut model, room, "echo me".into(), MessageKind::Normal)
        .unwrap();
    pump(
        &mut session,
        &mut model,
        "delivered to the server",
        |m, _| {
            let log = &m.conversation(room).unwrap().log;
            (0..log.len()).filter_map(|i| log.get(i)).any(|message| {
                message.text == "echo me" && message.delivery == Some(Delivery::DeliveredToServer)
            })
        },
    );
    bob.expect_within(WAIT, "our message", |line| line.ends_with(":echo me"))
        .unwrap();

    // server-time: bob's message is shown at the time the server stamped it.
    bob.send("PRIVMSG #services :stamped").unwrap();
    let echo = bob
        .expect_within(WAIT, "bob's echo", |line| {
            line.contains("PRIVMSG #services :stamped")
        })
        .unwrap();
    let stamp = echo
        .split(';')
        .chain(echo.split(' '))
        .find_map(|tag| tag.trim_start_matches('@').strip_prefix("time="))
        .map(|value| value.split(' ').next().unwrap_or(value).to_owned())
        .expect("a time tag");
    let server_time = messenger_irc::server_time::parse(&stamp).unwrap();
    pump(&mut session, &mut model, "bob's stamped message", |m, _| {
        lines(m, room).iter().any(|l| l.text == "stamped")
    });
    let log = &model.conversation(room).unwrap().log;
    let shown = (0..log.len())
        .filter_map(|i| log.get(i))
        .find(|m| m.text == "stamped")
        .unwrap()
        .time;
    let difference = shown
        .duration_since(server_time)
        .unwrap_or_else(|e| e.duration());
    assert!(
        difference <= Duration::from_millis(5),
        "shown at {:?}, stamped {:?}",
        shown.duration_since(UNIX_EPOCH),
        server_time.duration_since(UNIX_EPOCH)
    );

    // OTR with potr over the same connection.
    let mut potr = PotrPeer::start(irc.port(), "potr").unwrap();
    let chat = model.open(id, Conversation::Direct("potr".into()));
    assert!(session.otr_request(&mut model, chat, OtrRequest::Start));
    pump(
        &mut session,
        &mut model,
        "the conversation to go private",
        |m, _| m.conversation(chat).unwrap().otr == OtrStatus::Unverified,
    );
    let typed = "over services and sasl";
    session
        .send(&mut model, chat, typed.into(), MessageKind::Normal)
        .unwrap();
    assert_eq!(
        potr.expect_message(ACCOUNT, WAIT).unwrap(),
        (typed.to_owned(), true)
    );
    potr.send(ACCOUNT, "understood").unwrap();
    pump(&mut session, &mut model, "potr's reply", |m, _| {
        lines(m, chat).iter().any(|l| l.text == "understood")
    });
}
