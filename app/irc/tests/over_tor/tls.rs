//! TLS through tor to ngircd's TLS port (a self-signed certificate for `irc.test`): refused
//! unpinned, refused with a wrong pin, accepted with the right pin; TLS to the plaintext port
//! refused clearly. A TLS refusal ends the attempt with no reconnect and no plaintext retry.

use messenger_protocol::accounts::Transport;
use messenger_protocol::{Command, DisconnectReason, Event};

use crate::common::*;

fn tls_account(ngircd: &harness::Ngircd, port: u16, nick: &str) -> messenger_irc::IrcAccountConfig {
    let mut config = plaintext_account(ngircd, nick);
    config.transport = Transport::Tls;
    config.port = port;
    config
}

async fn refusal(
    config: messenger_irc::IrcAccountConfig,
    network: messenger_net::Network,
) -> String {
    let mut app = messenger_irc::spawn_account(config, network);
    app.commands.send(Command::Connect).await.unwrap();
    match wait_for(&mut app, |e| {
        matches!(e, Event::Disconnected { .. } | Event::Connected { .. })
    })
    .await
    {
        Event::Disconnected {
            reason: DisconnectReason::TlsRefused(text),
            retry_in: None,
        } => text,
        other => panic!("expected a TLS refusal without retry, got {other:?}"),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn self_signed_server_needs_its_exact_pin() {
    let ngircd = harness::Ngircd::start_with_tls().unwrap();
    let tls_port = ngircd.tls_port().unwrap();
    let pin = ngircd.cert_sha256().unwrap();

    let text = refusal(tls_account(&ngircd, tls_port, "tmtls1"), shared_network()).await;
    assert!(text.contains("not trust"), "{text}");
    assert!(!text.contains("irc.test"), "{text}");

    let mut wrong = shared_network();
    wrong.trust = wrong.trust.with_pin("irc.test", tls_port, [0x42; 32]);
    let text = refusal(tls_account(&ngircd, tls_port, "tmtls2"), wrong).await;
    assert!(text.contains("does not match its pin"), "{text}");
    assert!(text.contains(&"42".repeat(32)), "{text}");
    assert!(!text.contains("irc.test"), "{text}");

    let mut right = shared_network();
    right.trust = right.trust.with_pin("irc.test", tls_port, pin);
    let mut app = connected(tls_account(&ngircd, tls_port, "tmtls3"), right).await;
    let mut peer = blocking(|| RawPeer::connect(&ngircd, "tlspeer"));
    blocking(|| peer.send("PRIVMSG tmtls3 :over tls"));
    let event = wait_for(&mut app, |e| matches!(e, Event::Message(_))).await;
    assert!(matches!(event, Event::Message(m) if m.body == "over tls"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn certificate_from_an_extra_root_is_accepted() {
    // The harness's self-signed certificate is its own root: adding it through the extra-roots
    // mechanism (certs/*.pem) makes it valid for irc.test without a pin.
    let ngircd = harness::Ngircd::start_with_tls().unwrap();
    let tls_port = ngircd.tls_port().unwrap();
    let certs = tempfile::tempdir().unwrap();
    std::fs::copy(
        ngircd.cert_pem_path().unwrap(),
        certs.path().join("test-root.pem"),
    )
    .unwrap();
    let mut network = shared_network();
    network.trust = messenger_net::TlsTrust::load(certs.path()).unwrap();
    connected(tls_account(&ngircd, tls_port, "tmroot"), network).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn tls_to_a_plaintext_port_is_refused_clearly() {
    let ngircd = harness::Ngircd::start().unwrap();
    let text = refusal(
        tls_account(&ngircd, ngircd.port(), "tmplain"),
        shared_network(),
    )
    .await;
    assert!(
        text.contains("did not answer") && text.contains("No unencrypted retry"),
        "{text}"
    );
}
