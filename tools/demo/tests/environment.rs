//! The demo's set-up without the window, with real components: the private Tor network,
//! ngircd and prosody are reached through a tor client by host name (`irc.test`,
//! `xmpp.test`), with the TLS pins the demo wrote, using the messenger's own connector
//! (`messenger-net`); the bot greets, answers and starts OTR; then everything stops.
#![allow(clippy::unwrap_used)] // test code: a panic is the failure report

use messenger_net::{Isolation, TlsTrust, TorSocks, tls_connect};
use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::Duration;
use tokio::io::{AsyncBufReadExt, AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt};
use tor_messenger_demo::profile::Look;
use tor_messenger_demo::{DemoEnvironment, DemoOptions};

const LIMIT: Duration = Duration::from_secs(30);

fn options() -> DemoOptions {
    DemoOptions {
        look: Look {
            first_run: true,
            dark: false,
        },
    }
}

/// Reads IRC lines until one contains every part of `wanted`; returns it.
async fn irc_expect<R: tokio::io::AsyncBufRead + Unpin>(
    lines: &mut tokio::io::Lines<R>,
    wanted: &[&str],
) -> String {
    let search = async {
        while let Some(line) = lines.next_line().await.unwrap() {
            if wanted.iter().all(|w| line.contains(w)) {
                return line;
            }
        }
        panic!("the connection closed before {wanted:?}");
    };
    tokio::time::timeout(LIMIT, search)
        .await
        .unwrap_or_else(|_| panic!("no line with {wanted:?} within {LIMIT:?}"))
}

/// Reads until the text received contains `wanted`.
async fn xmpp_expect<S: AsyncRead + Unpin>(stream: &mut S, wanted: &str) -> String {
    let mut seen = String::new();
    let search = async {
        let mut buffer = [0u8; 4096];
        while !seen.contains(wanted) {
            let n = stream.read(&mut buffer).await.unwrap();
            assert!(n > 0, "closed before {wanted}: {seen}");
            seen.push_str(&String::from_utf8_lossy(&buffer[..n]));
        }
    };
    tokio::time::timeout(LIMIT, search)
        .await
        .unwrap_or_else(|_| panic!("no {wanted} within {LIMIT:?}"));
    seen
}

/// Opens a stream through tor; a fresh network sometimes fails a first circuit under load
/// (SOCKS "general failure"), and a client tries again as the messenger's accounts do.
async fn connect(socks: &TorSocks, host: &str, port: u16) -> messenger_net::ProxiedStream {
    let mut attempts = 0;
    loop {
        attempts += 1;
        match socks
            .connect(host, port, &Isolation::random().unwrap())
            .await
        {
            Ok(stream) => return stream,
            Err(error) if attempts < 4 => {
                eprintln!("attempt {attempts} to reach {host}:{port} failed: {error}");
                tokio::time::sleep(Duration::from_secs(1)).await;
            }
            Err(error) => panic!("{host}:{port} through tor: {error}"),
        }
    }
}

async fn send<W: AsyncWrite + Unpin>(writer: &mut W, text: &str) {
    writer.write_all(text.as_bytes()).await.unwrap();
    writer.flush().await.unwrap();
}

#[test]
fn the_demo_servers_and_bot_answer_through_tor_with_the_demo_pins_then_everything_stops() {
    let mut demo = DemoEnvironment::start(options(), |_| {}).unwrap();
    let pids = demo.pids();
    assert_eq!(pids.len(), 5 + 3, "5 tors, ngircd, prosody, the bot");
    let folder = demo.dir().to_path_buf();
    let paths = demo.paths().clone();
    let irc_port = demo.ngircd().tls_port().unwrap();
    let xmpp_port = demo.prosody().c2s_port();
    // The launcher's tor gets exactly these lines (--torrc); the harness client uses the same.
    let torrc = std::fs::read_to_string(&paths.torrc).unwrap();
    assert!(torrc.contains("TestingTorNetwork 1"), "{torrc}");
    assert!(torrc.contains("DirAuthority"), "{torrc}");
    let client = demo.network().start_client().unwrap();
    let socks = TorSocks::localhost(client.socks_addr().port());
    let trust = TlsTrust::load(&paths.certs_dir).unwrap();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async {
        // IRC over TLS to irc.test, by name through tor, accepted by the demo's pin only.
        let stream = connect(&socks, "irc.test", irc_port).await;
        let unpinned = TlsTrust::public_roots().unwrap();
        let refused = tls_connect(stream, "irc.test", irc_port, &unpinned).await;
        assert!(
            matches!(refused, Err(messenger_net::NetError::TlsUnknownIssuer)),
            "a self-signed certificate needs the pin: {:?}",
            refused.err()
        );
        let stream = connect(&socks, "irc.test", irc_port).await;
        let tls = tls_connect(stream, "irc.test", irc_port, &trust)
            .await
            .unwrap();
        let (reader, mut writer) = tokio::io::split(tls);
        let mut lines = tokio::io::BufReader::new(reader).lines();
        send(&mut writer, "NICK tester\r\nUSER tester 0 * :tester\r\n").await;
        irc_expect(&mut lines, &[" 001 tester "]).await;
        send(&mut writer, "JOIN #demo\r\n").await;
        irc_expect(&mut lines, &[":otrbot!", "PRIVMSG #demo :Hello tester!"]).await;
        // The private greeting carries OTR's whitespace tag (the messenger starts OTR on it).
        let greeting = irc_expect(&mut lines, &[":otrbot!", "PRIVMSG tester :Hi"]).await;
        assert!(greeting.contains(" tester, I am otrbot."), "{greeting:?}");
        let v2_tag = " \t  \t\t\t\t \t \t \t    \t\t  \t ";
        assert!(greeting.contains(v2_tag), "{greeting:?}");
        send(&mut writer, "PRIVMSG otrbot :hello bot\r\n").await;
        irc_expect(&mut lines, &["PRIVMSG tester :I read that unencrypted"]).await;
        // An OTR v2 query is answered with the key exchange's first message (D-H commit).
        send(&mut writer, "PRIVMSG otrbot :?OTRv2?\r\n").await;
        irc_expect(&mut lines, &["PRIVMSG tester :?OTR:AAIC"]).await;

        // XMPP to xmpp.test: STARTTLS required, then TLS accepted by the demo's pin.
        let mut stream = connect(&socks, "xmpp.test", xmpp_port).await;
        send(
            &mut stream,
            "<?xml version='1.0'?><stream:stream to='xmpp.test' xmlns='jabber:client' \
             xmlns:stream='http://etherx.jabber.org/streams' version='1.0'>",
        )
        .await;
        let features = xmpp_expect(&mut stream, "</stream:features>").await;
        assert!(features.contains("<starttls"), "{features}");
        assert!(features.contains("<required"), "{features}");
        send(
            &mut stream,
            "<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>",
        )
        .await;
        xmpp_expect(&mut stream, "<proceed").await;
        let mut tls = tls_connect(stream, "xmpp.test", xmpp_port, &trust)
            .await
            .unwrap();
        // The demo user logs in and writes to the bot's XMPP account; the bot answers.
        let header = "<?xml version='1.0'?><stream:stream to='xmpp.test' xmlns='jabber:client' \
                      xmlns:stream='http://etherx.jabber.org/streams' version='1.0'>";
        send(&mut tls, header).await;
        xmpp_expect(&mut tls, "</stream:features>").await;
        // base64 of "\0newcomer\0demo-password" (SASL PLAIN).
        send(
            &mut tls,
            "<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>\
             AG5ld2NvbWVyAGRlbW8tcGFzc3dvcmQ=</auth>",
        )
        .await;
        xmpp_expect(&mut tls, "<success").await;
        send(&mut tls, header).await;
        xmpp_expect(&mut tls, "</stream:features>").await;
        send(
            &mut tls,
            "<iq type='set' id='b1'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'/></iq>",
        )
        .await;
        xmpp_expect(&mut tls, "</iq>").await;
        send(
            &mut tls,
            "<message to='otrbot@xmpp.test' type='chat'><body>hello over xmpp</body></message>",
        )
        .await;
        xmpp_expect(&mut tls, "I read that unencrypted").await;
    });
    let answered = demo
        .bot()
        .wait_for("its answer", LIMIT, |e| e.kind() == "answered")
        .unwrap();
    assert_eq!(answered.str("to"), Some("tester"));
    let on_xmpp = demo
        .bot()
        .wait_for("its XMPP answer", LIMIT, |e| {
            e.kind() == "answered" && e.str("to") == Some("newcomer@xmpp.test")
        })
        .unwrap();
    assert_eq!(on_xmpp.bool("encrypted"), Some(false));
    assert_eq!(answered.bool("encrypted"), Some(false));
    assert!(answered.str("text").is_none(), "the bot reports no text");

    drop(client);
    drop(demo);
    for pid in pids {
        assert!(
            !harness::process::process_is_running(pid),
            "{pid} left running"
        );
    }
    assert!(!folder.exists(), "the demo folder is removed");
}

/// The binary without a window: starts everything, says where, stops it all on Ctrl-C.
#[test]
fn the_headless_demo_stops_everything_on_sigint() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_tor-messenger-demo"))
        .arg("--headless")
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let mut lines = BufReader::new(stdout).lines();
    let mut pids = Vec::new();
    let mut transcript = String::new();
    for line in lines.by_ref() {
        let line = line.unwrap();
        transcript.push_str(&line);
        transcript.push('\n');
        if let Some(list) = line.trim().strip_prefix("processes:") {
            pids = list
                .split_whitespace()
                .map(|p| p.parse::<u32>().unwrap())
                .collect();
        }
        if line.contains("Press Ctrl-C to stop") {
            break;
        }
    }
    assert_eq!(pids.len(), 8, "{transcript}");
    assert!(transcript.contains("irc.test:"), "{transcript}");
    assert!(transcript.contains("xmpp.test:"), "{transcript}");
    nix::sys::signal::kill(
        nix::unistd::Pid::from_raw(i32::try_from(child.id()).unwrap()),
        nix::sys::signal::Signal::SIGINT,
    )
    .unwrap();
    let rest: Vec<String> = lines.map(|l| l.unwrap()).collect();
    let status = child.wait().unwrap();
    assert!(status.success(), "{status}: {rest:?}");
    assert!(
        rest.iter().any(|l| l == "Everything is stopped."),
        "{rest:?}"
    );
    for pid in pids {
        assert!(
            !harness::process::process_is_running(pid),
            "{pid} left running"
        );
    }
}

/// Missing programs are named before anything starts.
#[test]
fn a_missing_messenger_is_a_clear_error_before_anything_starts() {
    let output = Command::new(env!("CARGO_BIN_EXE_tor-messenger-demo"))
        .args([
            "--launcher",
            "/bin/true",
            "--messenger",
            "/nonexistent/tor-messenger",
        ])
        .output()
        .unwrap();
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("tor-messenger is not built at /nonexistent/tor-messenger"),
        "{stderr}"
    );
    assert!(stderr.contains("make demo"), "{stderr}");
    assert!(output.stdout.is_empty(), "nothing started");
}
