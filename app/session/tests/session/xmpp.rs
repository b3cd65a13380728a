//! XMPP through the session: an account from the profile connects through tor to prosody and
//! chats with a raw peer; a throwaway account is registered and used.

use harness::{Prosody, XmppRawPeer};
use messenger_chat::{MessageFlags, Model};
use messenger_net::TlsTrust;
use messenger_protocol::accounts::AccountConfig;
use messenger_protocol::{Conversation, MessageKind, ProtocolKind};
use messenger_session::{OtrPolicy, Outcome};

use crate::common::*;

fn start_prosody() -> Prosody {
    Prosody::start(&[("alice", "pw"), ("bob", "pw")]).unwrap()
}

/// Public roots plus the pin of prosody's self-signed certificate.
fn pinned(prosody: &Prosody) -> TlsTrust {
    TlsTrust::public_roots().unwrap().with_pin(
        prosody.domain(),
        prosody.c2s_port(),
        prosody.cert_sha256(),
    )
}

fn xmpp_account(prosody: &Prosody, user: &str, password: &str) -> AccountConfig {
    let mut account = AccountConfig::new(
        ProtocolKind::Xmpp,
        &format!("{user}@{}", prosody.domain()),
        prosody.domain(),
        prosody.c2s_port(),
    )
    .unwrap();
    account.password = Some(password.to_owned());
    account
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
}

#[test]
fn xmpp_account_chats_with_a_plain_peer() {
    let prosody = start_prosody();
    let rt = runtime();
    let profile = tempfile::tempdir().unwrap();
    let mut session = session(
        profile.path(),
        OtrPolicy::default(),
        network(pinned(&prosody)),
    );
    let mut model = Model::new();
    let account = session.add_account(
        &mut model,
        &xmpp_account(&prosody, "alice", "pw"),
        "alice@xmpp.test",
    );
    let own = connect(&mut session, &mut model, account);
    assert!(own.starts_with("alice@xmpp.test/"), "{own}");

    // bob (no OTR) writes; the body reaches the model as plaintext.
    let mut bob = rt
        .block_on(XmppRawPeer::login(&prosody, ("bob", "pw"), "raw"))
        .unwrap();
    rt.block_on(bob.send(&format!(
        "<message to='{own}' type='chat' id='m1'><body>hello alice, from bob</body></message>"
    )))
    .unwrap();
    pump(&mut session, &mut model, "bob's message", |m, _| {
        m.find(account, &Conversation::Direct("bob@xmpp.test".into()))
            .is_some_and(|c| {
                lines(m, c)
                    .iter()
                    .any(|l| l.text == "hello alice, from bob")
            })
    });
    let chat = model
        .find(account, &Conversation::Direct("bob@xmpp.test".into()))
        .unwrap();
    let log = lines(&model, chat);
    let message = log
        .iter()
        .find(|l| l.text == "hello alice, from bob")
        .unwrap();
    assert_eq!(message.from.as_deref(), Some("bob@xmpp.test"));
    assert!(!message.flags.contains(MessageFlags::ENCRYPTED));

    // Our answer goes out (opportunistic OTR: plaintext, maybe with the whitespace tag).
    session
        .send(&mut model, chat, "hello bob".into(), MessageKind::Normal)
        .unwrap();
    let stanza = rt.block_on(bob.wait_for("</message>")).unwrap();
    assert!(stanza.contains("<body>hello bob"), "{stanza}");
    pump(
        &mut session,
        &mut model,
        "our message to be sent",
        |m, _| {
            lines(m, chat).iter().any(|l| {
                l.me && l.text == "hello bob"
                    && !l.flags.contains(MessageFlags::PENDING)
                    && !l.flags.contains(MessageFlags::FAILED)
            })
        },
    );
}

#[test]
fn throwaway_registration_creates_an_account_that_logs_in() {
    let prosody = start_prosody();
    let profile = tempfile::tempdir().unwrap();
    let mut session = session(
        profile.path(),
        OtrPolicy::default(),
        network(pinned(&prosody)),
    );
    let mut model = Model::new();
    session.register_throwaway(prosody.domain(), prosody.c2s_port());
    let outcomes = pump(&mut session, &mut model, "the registration", |_, o| {
        !o.is_empty()
    });
    let [Outcome::Registered(created)] = outcomes.as_slice() else {
        panic!("{outcomes:?}");
    };
    assert!(created.user.ends_with("@xmpp.test"), "{created:?}");
    assert!(created.remember_password && created.password.is_some());
    assert_eq!(created.port, prosody.c2s_port());

    // The new account logs in through the session.
    let label = created.user.clone();
    let account = session.add_account(&mut model, created, &label);
    let own = connect(&mut session, &mut model, account);
    assert!(own.starts_with(&format!("{label}/")), "{own}");

    // A bad server name is refused in words, without a connection.
    session.register_throwaway(" ", 5222);
    let outcomes = pump(&mut session, &mut model, "the refusal", |_, o| {
        !o.is_empty()
    });
    assert_eq!(
        outcomes,
        vec![Outcome::RegistrationFailed(
            "Enter the XMPP server's name.".into()
        )]
    );
}
