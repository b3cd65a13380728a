//! Real IRC daemons beyond ngircd, through the private Tor network: InspIRCd 3 linked to
//! Atheme services (SASL PLAIN over TLS, a wrong password refused with the server's words,
//! ECDSA-NIST256P-CHALLENGE with a key registered by NickServ SET PUBKEY, an onion service
//! presenting the clearnet certificate), ircd-hybrid (no SASL: plain registration, NAMES,
//! no hang), and servers that never answer SASL or send endless capability lists.
//! SASL EXTERNAL with a generated certificate is in messenger-session's tests (the profile
//! stores the certificate). SCRAM-SHA-256: Atheme 7.2 has none; the scripted exchange with
//! RFC 7677's vectors is in `sasl/exchange/tests.rs`.

use std::time::Duration;

use harness::{Inspircd, InspircdOptions, IrcRawPeer, IrcdHybrid, TorNetwork};
use messenger_irc::IrcAccountConfig;
use messenger_net::{Isolation, Network, Sensitive, TlsTrust};
use messenger_protocol::accounts::{SaslChoice, Transport};
use messenger_protocol::{Command, DisconnectReason, Event};
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};

use crate::common::*;

fn tls_account(irc: &Inspircd, nick: &str) -> IrcAccountConfig {
    let mut config = IrcAccountConfig::new(
        irc.server_name(),
        irc.tls_port(),
        nick,
        Isolation::random().unwrap(),
    );
    config.transport = Transport::Tls;
    config
}

fn pinned(irc: &Inspircd) -> Network {
    let mut network = shared_network();
    network.trust = network
        .trust
        .with_pin(irc.server_name(), irc.tls_port(), irc.cert_sha256());
    network
}

async fn refusal(config: IrcAccountConfig, network: Network) -> String {
    let mut app = messenger_irc::spawn_account(config, network);
    app.commands.send(Command::Connect).await.unwrap();
    match wait_for(&mut app, |e| {
        matches!(e, Event::Disconnected { .. } | Event::Connected { .. })
    })
    .await
    {
        Event::Disconnected {
            reason: DisconnectReason::AuthenticationFailed(text),
            retry_in: None,
        } => text,
        other => panic!("expected a login refusal without retry, got {other:?}"),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn inspircd_with_atheme_plain_wrong_password_and_ecdsa() {
    let irc = blocking(|| Inspircd::with_atheme(InspircdOptions::default()).unwrap());
    blocking(|| irc.register_account("tmplain", "right-password").unwrap());

    // SASL PLAIN inside TLS: logged in before the welcome.
    let mut config = tls_account(&irc, "tmplain");
    config.password = Some(Sensitive::new("right-password".to_owned()));
    config.sasl = SaslChoice::Plain;
    let mut app = messenger_irc::spawn_account(config, pinned(&irc));
    app.commands.send(Command::Connect).await.unwrap();
    let login = wait_for(&mut app, |e| {
        matches!(e, Event::AccountName { .. } | Event::Connected { .. })
    })
    .await;
    assert_eq!(
        login,
        Event::AccountName {
            member: "tmplain".into(),
            account: Some("tmplain".into())
        }
    );
    wait_for(&mut app, |e| matches!(e, Event::Connected { .. })).await;
    app.commands.send(Command::Disconnect).await.unwrap();
    wait_for(&mut app, |e| matches!(e, Event::Disconnected { .. })).await;

    // A wrong password: refused with the server's words, no retry, no NickServ.
    let mut wrong = tls_account(&irc, "tmplain");
    wrong.password = Some(Sensitive::new("wrong-password".to_owned()));
    let text = refusal(wrong, pinned(&irc)).await;
    assert!(text.contains("SASL authentication failed"), "{text}");
    assert!(!text.contains("wrong-password"), "{text}");

    // ECDSA-NIST256P-CHALLENGE with the generated certificate's key, registered with
    // NickServ SET PUBKEY.
    let file = messenger_irc::certificate::generate().unwrap();
    let key = file.fingerprints().unwrap().ecdsa_public_key.unwrap();
    blocking(|| {
        let mut peer = IrcRawPeer::open(irc.addr(), None).unwrap();
        peer.register("tmplainkey").unwrap();
        peer.send("PRIVMSG NickServ :IDENTIFY tmplain right-password")
            .unwrap();
        peer.expect_within(WAIT, "identified", |l| l.contains("You are now identified"))
            .unwrap();
        peer.send(&format!("PRIVMSG NickServ :SET PUBKEY {key}"))
            .unwrap();
        peer.expect_within(WAIT, "the key set", |l| {
            l.starts_with(":NickServ!") && l.to_ascii_lowercase().contains("key")
        })
        .unwrap();
        let _ = peer.send("QUIT");
    });
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cert.pem");
    std::fs::write(&path, &file.pem).unwrap();
    let mut ecdsa = tls_account(&irc, "tmplain");
    ecdsa.client_certificate = Some(path);
    ecdsa.sasl = SaslChoice::EcdsaNist256pChallenge;
    let mut app = messenger_irc::spawn_account(ecdsa, pinned(&irc));
    app.commands.send(Command::Connect).await.unwrap();
    let login = wait_for(&mut app, |e| {
        matches!(
            e,
            Event::AccountName { .. } | Event::Connected { .. } | Event::Disconnected { .. }
        )
    })
    .await;
    assert_eq!(
        login,
        Event::AccountName {
            member: "tmplain".into(),
            account: Some("tmplain".into())
        }
    );
    wait_for(&mut app, |e| matches!(e, Event::Connected { .. })).await;
}

/// Libera.Chat's onion presents its clearnet certificate: the account names the TLS name to
/// verify, and nothing is relaxed (without the name, the onion's certificate is refused).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_onion_presenting_a_clearnet_certificate_is_verified_for_the_named_host() {
    let irc = blocking(|| Inspircd::start().unwrap());
    let client = TorNetwork::shared_client().unwrap();
    let onion = blocking(|| {
        client
            .add_onion(6697, irc.tls_port(), Duration::from_secs(90))
            .unwrap()
    });
    let pem = std::fs::read(irc.cert_pem_path()).unwrap();
    let mut network = shared_network();
    network.trust = TlsTrust::public_roots()
        .unwrap()
        .with_extra_root_pem(&pem)
        .unwrap();
    let mut config = IrcAccountConfig::new(
        onion.address(),
        onion.port(),
        "tmonion",
        Isolation::random().unwrap(),
    );
    config.transport = Transport::Tls;
    let mut refused = messenger_irc::spawn_account(config.clone(), network.clone());
    refused.commands.send(Command::Connect).await.unwrap();
    let event = wait_for(&mut refused, |e| {
        matches!(e, Event::Disconnected { .. } | Event::Connected { .. })
    })
    .await;
    assert!(
        matches!(&event, Event::Disconnected { reason: DisconnectReason::TlsRefused(text), .. } if text.contains("another name")),
        "{event:?}"
    );
    config.tls_name = Some(irc.server_name().to_owned());
    connected(config, network).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ircd_hybrid_without_sasl_registers_lists_names_and_does_not_wait() {
    let hybrid = blocking(|| IrcdHybrid::start().unwrap());
    let mut config = IrcAccountConfig::new(
        "hybrid.test",
        hybrid.addr().port(),
        "tmhybrid",
        Isolation::random().unwrap(),
    );
    config.transport = Transport::Plaintext;
    // A password on an unencrypted link: no SASL offered, and it is not sent to NickServ.
    config.password = Some(Sensitive::new("not-sent".to_owned()));
    let started = std::time::Instant::now();
    let mut app = connected(config, shared_network()).await;
    println!("ircd-hybrid: connected after {:.2?}", started.elapsed());
    let warning = wait_for(&mut app, |e| matches!(e, Event::Error(_))).await;
    assert!(
        matches!(&warning, Event::Error(text) if text.contains("not sent to NickServ")),
        "{warning:?}"
    );
    let mut peer = blocking(|| {
        let mut peer = IrcRawPeer::open(hybrid.addr(), None).unwrap();
        peer.register("peer").unwrap();
        peer.join("#hybrid").unwrap();
        peer
    });
    app.commands
        .send(Command::Join {
            room: "#hybrid".into(),
            password: None,
        })
        .await
        .unwrap();
    let members = wait_for(&mut app, |e| matches!(e, Event::Members { .. })).await;
    assert!(
        matches!(&members, Event::Members { members, .. } if members.contains(&"peer".to_owned()) && members.contains(&"tmhybrid".to_owned())),
        "{members:?}"
    );
    blocking(|| peer.send("PRIVMSG #hybrid :hello from hybrid").unwrap());
    let message = wait_for(&mut app, |e| matches!(e, Event::Message(_))).await;
    assert!(matches!(message, Event::Message(m) if m.body == "hello from hybrid"));
}

/// A server that offers SASL and then never answers: the attempt ends at the SASL timeout
/// with words and no retry. The link is plaintext: automatic SASL picks SCRAM-SHA-256 and
/// never PLAIN.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_server_that_never_answers_sasl_ends_the_attempt_in_time() {
    let (seen_tx, mut seen_rx) = tokio::sync::mpsc::unbounded_channel::<String>();
    let port = fake_server(move |socket| async move {
        let mut reader = BufReader::new(socket);
        let mut line = String::new();
        while reader.read_line(&mut line).await.unwrap_or(0) > 0 {
            let _ = seen_tx.send(line.trim_end().to_owned());
            if line.starts_with("CAP LS") {
                let _ = reader
                    .get_mut()
                    .write_all(b":irc.test CAP * LS :sasl=PLAIN,SCRAM-SHA-256\r\n")
                    .await;
            } else if line.starts_with("CAP REQ") {
                let _ = reader
                    .get_mut()
                    .write_all(b":irc.test CAP * ACK :sasl\r\n")
                    .await;
            }
            line.clear();
        }
    })
    .await;
    let mut config = fake_account(port, "tmsilent");
    config.password = Some(Sensitive::new("pw".to_owned()));
    config.sasl_timeout = Duration::from_secs(3);
    let started = std::time::Instant::now();
    let text = refusal(config, shared_network()).await;
    assert!(text.contains("did not answer the SASL login"), "{text}");
    assert!(started.elapsed() < Duration::from_secs(60));
    let mut lines = Vec::new();
    while let Ok(line) = seen_rx.try_recv() {
        lines.push(line);
    }
    assert!(
        lines.contains(&"AUTHENTICATE SCRAM-SHA-256".to_owned()),
        "{lines:?}"
    );
    assert!(
        !lines.contains(&"AUTHENTICATE PLAIN".to_owned()),
        "{lines:?}"
    );
}

/// A server whose capability list never ends: bounded, ended with CAP END and words.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_endless_capability_list_is_cut() {
    let port = fake_server(|socket| async move {
        let mut reader = BufReader::new(socket);
        let mut line = String::new();
        let _ = reader.read_line(&mut line).await;
        for _ in 0..10_000 {
            if reader
                .get_mut()
                .write_all(b":irc.test CAP * LS * :a b c d e f g\r\n")
                .await
                .is_err()
            {
                return;
            }
        }
        tokio::time::sleep(Duration::from_secs(30)).await;
    })
    .await;
    let mut app = messenger_irc::spawn_account(fake_account(port, "tmendless"), shared_network());
    app.commands.send(Command::Connect).await.unwrap();
    let event = wait_for(&mut app, |e| matches!(e, Event::Disconnected { .. })).await;
    assert!(
        matches!(&event, Event::Disconnected { reason: DisconnectReason::ConnectionLost(text), retry_in: None } if text.contains("endless list")),
        "{event:?}"
    );
}
