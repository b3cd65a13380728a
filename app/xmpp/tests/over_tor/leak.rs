//! Leak proof and no plaintext at rest, for XMPP.
//!
//! The parent re-runs this test binary (only `leak::child_session`) under `strace -f`: the
//! app's real stack saves the account to a profile folder, loads the certificates folder with
//! a pin, logs in through tor to `xmpp.test` (STARTTLS), sends a canary and receives one, and
//! disconnects. The far end is a raw XMPP peer on loopback, outside the traced process. The
//! trace must show connections to tor's SOCKS port only and no name lookup; afterwards the
//! canaries must be in no file of the profile or the temp folder.

use std::path::{Path, PathBuf};
use std::time::Duration;

use messenger_net::{Network, TlsTrust, TorSocks};
use messenger_protocol::accounts::{AccountConfig, AccountsFile, save_accounts};
use messenger_protocol::{Command, Conversation, Event, MessageKind, OutgoingId, ProtocolKind};
use messenger_xmpp::{XmppAccountConfig, spawn_account};

use crate::common::*;

const ENV_SOCKS: &str = "XMPP_LEAK_SOCKS";
const ENV_PORT: &str = "XMPP_LEAK_PORT";
const ENV_PROFILE: &str = "XMPP_LEAK_PROFILE";
const ENV_CERTS: &str = "XMPP_LEAK_CERTS";
const ENV_CANARY: &str = "XMPP_LEAK_CANARY";

/// The scripted session, run only inside the traced child process.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "run by session_under_strace_leaks_nothing in a traced child process"]
async fn child_session() {
    let (Ok(socks), Ok(port), Ok(profile), Ok(certs), Ok(canary)) = (
        std::env::var(ENV_SOCKS),
        std::env::var(ENV_PORT),
        std::env::var(ENV_PROFILE),
        std::env::var(ENV_CERTS),
        std::env::var(ENV_CANARY),
    ) else {
        return;
    };
    let port: u16 = port.parse().unwrap();
    let profile = PathBuf::from(profile);
    let mut stored = AccountConfig::new(ProtocolKind::Xmpp, "alice@xmpp.test", "", port).unwrap();
    stored.password = Some(ALICE.1.to_owned());
    save_accounts(
        &profile,
        &AccountsFile {
            accounts: vec![stored.clone()],
        },
    )
    .unwrap();

    let network = Network {
        socks: TorSocks {
            addr: socks.parse().unwrap(),
        },
        trust: TlsTrust::load(Path::new(&certs)).unwrap(),
    };
    let config = XmppAccountConfig::from_account(&stored, None).unwrap();
    let mut app = spawn_account(config, network);
    app.commands.send(Command::Connect).await.unwrap();
    wait_for(&mut app, |e| matches!(e, Event::Connected { .. })).await;
    app.commands
        .send(Command::Send {
            to: Conversation::Direct("bob@xmpp.test/raw".into()),
            body: format!("out-{canary}"),
            kind: MessageKind::Normal,
            id: OutgoingId(1),
        })
        .await
        .unwrap();
    wait_for(&mut app, |e| *e == Event::Sent { id: OutgoingId(1) }).await;
    let reply = wait_for(&mut app, |e| matches!(e, Event::Message(_))).await;
    assert!(matches!(reply, Event::Message(m) if m.body == format!("in-{canary}")));
    app.commands.send(Command::Disconnect).await.unwrap();
    wait_for(&mut app, |e| matches!(e, Event::Disconnected { .. })).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn session_under_strace_leaks_nothing() {
    let client = harness::TorNetwork::shared_client().unwrap();
    let prosody = start_prosody();
    let canary = format!(
        "xmppcanary{}",
        messenger_net::Isolation::random().unwrap().username
    );
    let profile = tempfile::tempdir().unwrap();
    let certs = tempfile::tempdir().unwrap();
    std::fs::write(
        certs.path().join("cert_override.txt"),
        format!(
            "{}:{} {}\n",
            prosody.domain(),
            prosody.c2s_port(),
            messenger_net::hex_encode(&prosody.cert_sha256())
        ),
    )
    .unwrap();
    let trace_path = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join(format!("xmpp-leak-{}.strace", std::process::id()));
    let mut bob = XmppRawPeer::login(&prosody, BOB, "raw").await.unwrap();

    let mut child = tokio::process::Command::new("strace")
        .args([
            "-f",
            "-qq",
            "-s",
            "0",
            "-e",
            harness::leak::STRACE_FILTER,
            "-o",
        ])
        .arg(&trace_path)
        .arg(std::env::current_exe().unwrap())
        .args([
            "--exact",
            "leak::child_session",
            "--ignored",
            "--test-threads=1",
        ])
        .env(ENV_SOCKS, client.socks_addr().to_string())
        .env(ENV_PORT, prosody.c2s_port().to_string())
        .env(ENV_PROFILE, profile.path())
        .env(ENV_CERTS, certs.path())
        .env(ENV_CANARY, &canary)
        .kill_on_drop(true)
        .spawn()
        .unwrap();
    bob.wait_for(&format!("out-{canary}")).await.unwrap();
    bob.send(&format!(
        "<message to='alice@xmpp.test' type='chat' id='c1'><body>in-{canary}</body></message>"
    ))
    .await
    .unwrap();
    let status = tokio::time::timeout(Duration::from_secs(180), child.wait())
        .await
        .expect("traced session timed out")
        .unwrap();
    assert!(status.success(), "traced session failed: {status}");

    let trace = std::fs::read_to_string(&trace_path).unwrap();
    let _ = std::fs::remove_file(&trace_path);
    if let Err(leak) = harness::leak::check_trace(&trace, client.socks_addr().port()) {
        panic!("{leak}");
    }
    let saved = std::fs::read_to_string(profile.path().join("accounts.toml")).unwrap();
    assert!(saved.contains("alice@xmpp.test"), "the profile was written");
    for dir in [profile.path().to_path_buf(), std::env::temp_dir()] {
        if let Some(hit) = harness::leak::find_in_files(&dir, canary.as_bytes()) {
            panic!("the canary is on disk: {}", hit.display());
        }
    }
}
