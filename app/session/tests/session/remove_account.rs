//! Removing an account: its task ends (an IRC account online through tor says QUIT), the
//! model forgets it, and on request its OTR key goes from the profile files.

use std::time::Duration;

use harness::Ngircd;
use messenger_chat::Model;
use messenger_net::TlsTrust;
use messenger_otr::{OtrCore, OtrSettings};
use messenger_protocol::{Command, Conversation, ProtocolKind};
use messenger_session::OtrPolicy;

use crate::common::{RawIrc, WAIT, connect, irc_account, network, pump, session};

#[test]
fn a_removed_irc_account_quits_and_leaves_the_model() {
    let ngircd = Ngircd::start().unwrap();
    let mut watcher = RawIrc::connect(&ngircd, "watcher");
    watcher.send("JOIN #lobby");
    watcher.expect(WAIT, |line| line.contains(" 366 ")).unwrap();

    let profile = tempfile::tempdir().unwrap();
    let mut session = session(
        profile.path(),
        OtrPolicy::default(),
        network(TlsTrust::public_roots().unwrap()),
    );
    let mut model = Model::new();
    let gone = session.add_account(&mut model, &irc_account(&ngircd, "leaver"), "leaver");
    let kept = session.add_account(&mut model, &irc_account(&ngircd, "stayer"), "stayer");
    connect(&mut session, &mut model, gone);
    connect(&mut session, &mut model, kept);
    for account in [gone, kept] {
        assert!(session.command(
            &mut model,
            account,
            Command::Join {
                room: "#lobby".into(),
                password: None,
            }
        ));
    }
    // Either JOIN may come first: waiting for one reads past the other, so look in what
    // was already read before waiting.
    for nick in ["leaver", "stayer"] {
        let joined = |line: &str| line.starts_with(&format!(":{nick}!")) && line.contains(" JOIN ");
        if !watcher.seen().iter().any(|line| joined(line)) {
            watcher
                .expect(WAIT, joined)
                .unwrap_or_else(|| panic!("{nick} did not join; read: {:#?}", watcher.seen()));
        }
    }
    watcher.send("PRIVMSG leaver :are you there");
    pump(&mut session, &mut model, "the private message", |m, _| {
        m.find(gone, &Conversation::Direct("watcher".into()))
            .is_some()
    });

    session.remove_account(&mut model, gone, false).unwrap();

    // The server sees the account leave: its task said QUIT and closed the connection.
    let quit = watcher
        .expect(WAIT, |line| {
            line.starts_with(":leaver!") && line.contains(" QUIT ")
        })
        .expect("the removed account quits");
    assert!(quit.contains("Leaving"), "{quit}");
    assert!(model.account(gone).is_none());
    assert!(model.conversations().all(|(_, c)| c.account != gone));
    assert!(!session.is_available(gone));
    assert!(!session.command(&mut model, gone, Command::Connect));

    // What arrives for it now opens nothing; the other account goes on.
    watcher.send("PRIVMSG stayer :still here");
    pump(
        &mut session,
        &mut model,
        "the other account's message",
        |m, _| {
            m.find(kept, &Conversation::Direct("watcher".into()))
                .is_some()
        },
    );
    std::thread::sleep(Duration::from_millis(200));
    session.drain(&mut model);
    assert!(model.conversations().all(|(_, c)| c.account == kept));
    assert!(session.is_available(kept));
    // The removed nick is free again on the server (its connection is gone).
    watcher.send("WHOIS leaver");
    let answer = watcher
        .expect(WAIT, |line| {
            line.contains(" 401 ") || line.contains(" 311 ")
        })
        .unwrap();
    assert!(answer.contains(" 401 "), "{answer}");
}

#[test]
fn removing_with_forget_otr_deletes_only_that_accounts_key() {
    let profile = tempfile::tempdir().unwrap();
    let otr_dir = profile.path().join("otr");
    let removed = messenger_otr::OtrAccount::new("leaver@irc.test", ProtocolKind::Irc);
    let other = messenger_otr::OtrAccount::new("stayer@irc.test", ProtocolKind::Irc);
    let other_key = {
        let mut core = OtrCore::open(&otr_dir, OtrSettings::default()).unwrap();
        for account in [&removed, &other] {
            core.start_key_generation(account);
        }
        core.complete_key_generations_blocking();
        assert!(core.own_fingerprint(&removed).is_some());
        core.own_fingerprint(&other).unwrap()
    };
    // Nothing connects here: a SOCKS port nobody listens on.
    let runtime = messenger_session::spawn_runtime().unwrap();
    let mut session = messenger_session::Session::start(
        runtime,
        messenger_net::Network {
            socks: messenger_net::TorSocks {
                addr: std::net::SocketAddr::from((std::net::Ipv4Addr::LOCALHOST, 9)),
            },
            trust: TlsTrust::public_roots().unwrap(),
        },
        &otr_dir,
        OtrPolicy::default(),
        || {},
    );
    let mut model = Model::new();
    let account = |nick: &str| {
        let mut account = messenger_protocol::accounts::AccountConfig::new(
            ProtocolKind::Irc,
            nick,
            "irc.test",
            6667,
        )
        .unwrap();
        account.transport = messenger_protocol::accounts::Transport::Plaintext;
        account
    };
    let gone = session.add_account(&mut model, &account("leaver"), "leaver");
    let twin = session.add_account(&mut model, &account("stayer"), "stayer");
    let same_identity = session.add_account(&mut model, &account("stayer"), "stayer again");

    session.remove_account(&mut model, gone, true).unwrap();
    // Another account with the same OTR identity keeps the key.
    let error = session
        .remove_account(&mut model, same_identity, true)
        .unwrap_err();
    assert!(error.to_string().contains("was kept"), "{error}");
    assert!(session.is_available(twin));
    assert_eq!(model.accounts().count(), 1);
    drop(session);

    let core = OtrCore::open(&otr_dir, OtrSettings::default()).unwrap();
    assert_eq!(core.own_fingerprint(&removed), None);
    assert_eq!(core.own_fingerprint(&other), Some(other_key));
}
