//! Leak proof and no plaintext at rest.
//!
//! The parent test re-runs this test binary (only the `child_session` test) under
//! `strace -f`, with a scripted session of the app's real stack: accounts saved to a profile
//! folder, TLS trust loaded from a certificates folder with a pin, connect through tor to
//! `irc.test` over TLS, join, send a canary, receive one, disconnect. The parent is the far end
//! (a raw IRC peer on loopback, outside the traced process). Then it checks the trace: every
//! `connect()` goes to tor's SOCKS port on 127.0.0.1, nothing is sent to port 53, no netlink
//! (getaddrinfo's first step), no resolver file is opened. Finally it searches the profile
//! folder and the temp folder for the canaries: they must be nowhere on disk.

use std::path::{Path, PathBuf};
use std::time::Duration;

use messenger_irc::{IrcAccountConfig, spawn_account};
use messenger_net::{Network, TlsTrust, TorSocks};
use messenger_protocol::accounts::{AccountConfig, AccountsFile, save_accounts};
use messenger_protocol::{Command, Conversation, Event, MessageKind, OutgoingId, ProtocolKind};

use crate::common::*;

const ENV_SOCKS: &str = "LEAK_TEST_SOCKS";
const ENV_PORT: &str = "LEAK_TEST_TLS_PORT";
const ENV_PROFILE: &str = "LEAK_TEST_PROFILE";
const ENV_CERTS: &str = "LEAK_TEST_CERTS";
const ENV_CANARY: &str = "LEAK_TEST_CANARY";

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
    eprintln!("child session: start");
    let port: u16 = port.parse().unwrap();
    let profile = PathBuf::from(profile);

    // The account as the app stores it (the password is not remembered).
    let mut stored = AccountConfig::new(ProtocolKind::Irc, "tmleak", "irc.test", port).unwrap();
    stored.rooms = vec!["#leak".into()];
    stored.password = Some(format!("password-{canary}"));
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
    let mut config = IrcAccountConfig::new("irc.test", port, "tmleak", stored.isolation());
    config.rooms = stored.rooms.clone();
    let mut app = spawn_account(config, network);
    app.commands.send(Command::Connect).await.unwrap();
    wait_for(&mut app, |e| matches!(e, Event::Connected { .. })).await;
    wait_for(&mut app, |e| matches!(e, Event::Members { .. })).await;
    for (id, to) in [
        (1, Conversation::Room("#leak".into())),
        (2, Conversation::Direct("leakpeer".into())),
    ] {
        app.commands
            .send(Command::Send {
                to,
                body: format!("out-{canary}"),
                kind: MessageKind::Normal,
                id: OutgoingId(id),
            })
            .await
            .unwrap();
        wait_for(&mut app, |e| *e == Event::Sent { id: OutgoingId(id) }).await;
    }
    let reply = wait_for(&mut app, |e| matches!(e, Event::Message(_))).await;
    assert!(matches!(reply, Event::Message(m) if m.body == format!("in-{canary}")));
    app.commands.send(Command::Disconnect).await.unwrap();
    wait_for(&mut app, |e| matches!(e, Event::Disconnected { .. })).await;
    eprintln!("child session: done");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn session_under_strace_leaks_nothing() {
    let client = harness::TorNetwork::shared_client().unwrap();
    let ngircd = harness::Ngircd::start_with_tls().unwrap();
    let tls_port = ngircd.tls_port().unwrap();
    let canary = format!(
        "canary{}",
        messenger_net::hex_encode(&std::process::id().to_le_bytes())
            + &messenger_net::Isolation::random().unwrap().username
    );
    let profile = tempfile::tempdir().unwrap();
    let certs = tempfile::tempdir().unwrap();
    std::fs::write(
        certs.path().join("cert_override.txt"),
        format!(
            "irc.test:{tls_port} {}\n",
            messenger_net::hex_encode(&ngircd.cert_sha256().unwrap())
        ),
    )
    .unwrap();
    // Outside the temp folder (strace shows the first bytes of each buffer).
    let trace_path = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join(format!("irc-leak-{}.strace", std::process::id()));

    let mut peer = blocking(|| {
        let mut peer = RawPeer::connect(&ngircd, "leakpeer");
        peer.send("JOIN #leak");
        peer.expect(|l| l.contains(" 366 "));
        peer
    });
    let mut child = tokio::process::Command::new("strace")
        .args(["-f", "-qq", "-s", "0", "-e"])
        .arg(harness::leak::STRACE_FILTER)
        .arg("-o")
        .arg(&trace_path)
        .arg(std::env::current_exe().unwrap())
        .args([
            "--exact",
            "leak::child_session",
            "--ignored",
            "--test-threads=1",
            "--nocapture",
        ])
        .env(ENV_SOCKS, client.socks_addr().to_string())
        .env(ENV_PORT, tls_port.to_string())
        .env(ENV_PROFILE, profile.path())
        .env(ENV_CERTS, certs.path())
        .env(ENV_CANARY, &canary)
        .kill_on_drop(true)
        .spawn()
        .unwrap();
    let expected_out = format!("out-{canary}");
    blocking(|| {
        peer.expect(|l| l.ends_with(&format!("PRIVMSG #leak :{expected_out}")));
        peer.expect(|l| l.ends_with(&format!("PRIVMSG leakpeer :{expected_out}")));
        peer.send(&format!("PRIVMSG tmleak :in-{canary}"));
    });
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

    // No plaintext at rest: neither canary in the profile or the temp folder.
    let saved = std::fs::read_to_string(profile.path().join("accounts.toml")).unwrap();
    assert!(saved.contains("tmleak"), "the profile was written");
    for dir in [profile.path().to_path_buf(), std::env::temp_dir()] {
        if let Some(hit) = harness::leak::find_in_files(&dir, canary.as_bytes()) {
            panic!("the canary is on disk: {}", hit.display());
        }
    }
}
