//! OTR over XMPP between two sessions, both through tor to prosody: the key exchange, a
//! 3,000-byte message (XMPP carries it unfragmented) and a reply, shown as plaintext,
//! marked encrypted.

use harness::Prosody;
use messenger_chat::{AccountId, ConversationId, MessageFlags, Model, OtrStatus};
use messenger_net::TlsTrust;
use messenger_protocol::accounts::AccountConfig;
use messenger_protocol::{Conversation, MessageKind, ProtocolKind};
use messenger_session::{OtrPolicy, OtrRequest, Session};

use crate::common::*;

fn xmpp(prosody: &Prosody, user: &str) -> AccountConfig {
    let mut account = AccountConfig::new(
        ProtocolKind::Xmpp,
        &format!("{user}@{}", prosody.domain()),
        prosody.domain(),
        prosody.c2s_port(),
    )
    .unwrap();
    account.password = Some("pw".to_owned());
    account
}

/// A session with one XMPP account, online.
fn online(prosody: &Prosody, profile: &std::path::Path, user: &str) -> (Session, Model, AccountId) {
    let trust = TlsTrust::public_roots().unwrap().with_pin(
        prosody.domain(),
        prosody.c2s_port(),
        prosody.cert_sha256(),
    );
    let mut session = session(profile, OtrPolicy::default(), network(trust));
    let mut model = Model::new();
    let label = format!("{user}@{}", prosody.domain());
    let account = session.add_account(&mut model, &xmpp(prosody, user), &label);
    connect(&mut session, &mut model, account);
    (session, model, account)
}

fn status(model: &Model, chat: Option<ConversationId>) -> Option<OtrStatus> {
    chat.and_then(|c| model.conversation(c)).map(|c| c.otr)
}

#[test]
fn two_sessions_talk_privately_over_xmpp_and_a_long_message_arrives_whole() {
    let prosody = Prosody::start(&[("alice", "pw"), ("bob", "pw")]).unwrap();
    let (alice_profile, bob_profile) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let (mut alice, mut alice_model, alice_account) =
        online(&prosody, alice_profile.path(), "alice");
    let (mut bob, mut bob_model, bob_account) = online(&prosody, bob_profile.path(), "bob");
    let bob_jid = format!("bob@{}", prosody.domain());
    let alice_jid = format!("alice@{}", prosody.domain());

    let chat = alice_model.open(alice_account, Conversation::Direct(bob_jid.clone()));
    assert!(alice.otr_request(&mut alice_model, chat, OtrRequest::Start));
    // Both sides must run their sessions for the key exchange to go through.
    let deadline = std::time::Instant::now() + WAIT;
    loop {
        alice.drain(&mut alice_model);
        bob.drain(&mut bob_model);
        let bobs_chat = bob_model.find(bob_account, &Conversation::Direct(alice_jid.clone()));
        if status(&alice_model, Some(chat)) == Some(OtrStatus::Unverified)
            && status(&bob_model, bobs_chat) == Some(OtrStatus::Unverified)
        {
            break;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "no private conversation: alice {:?}, bob {:?}",
            lines(&alice_model, chat),
            bobs_chat.map(|c| lines(&bob_model, c))
        );
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let bobs_chat = bob_model
        .find(bob_account, &Conversation::Direct(alice_jid.clone()))
        .unwrap();

    // 3,000 bytes: one encrypted stanza on XMPP (fragmenting is for IRC).
    let long: String = (0..3000)
        .map(|i| char::from(b'a' + (i % 26) as u8))
        .collect();
    alice
        .send(&mut alice_model, chat, long.clone(), MessageKind::Normal)
        .unwrap();
    pump(&mut bob, &mut bob_model, "the long message", |m, _| {
        lines(m, bobs_chat).iter().any(|l| l.text == long)
    });
    let got = lines(&bob_model, bobs_chat);
    let line = got.iter().find(|l| l.text == long).unwrap();
    assert_eq!(line.from.as_deref(), Some(alice_jid.as_str()));
    assert!(line.flags.contains(MessageFlags::ENCRYPTED), "{line:?}");
    assert!(got.iter().all(|l| !l.text.contains("?OTR")), "{got:#?}");

    // And back.
    bob.send(
        &mut bob_model,
        bobs_chat,
        "received, all of it".into(),
        MessageKind::Normal,
    )
    .unwrap();
    let deadline = std::time::Instant::now() + WAIT;
    loop {
        alice.drain(&mut alice_model);
        bob.drain(&mut bob_model);
        if let Some(l) = lines(&alice_model, chat)
            .into_iter()
            .find(|l| l.text == "received, all of it")
        {
            assert!(l.flags.contains(MessageFlags::ENCRYPTED), "{l:?}");
            break;
        }
        assert!(std::time::Instant::now() < deadline, "no reply");
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    // Our own entries are the texts typed, sent encrypted.
    let ours: Vec<_> = lines(&alice_model, chat)
        .into_iter()
        .filter(|l| l.me)
        .collect();
    assert_eq!(ours.len(), 1);
    assert_eq!(ours[0].text, long);
    assert!(ours[0].flags.contains(MessageFlags::ENCRYPTED));
}
