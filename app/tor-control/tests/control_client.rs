//! The control-port client against a real tor (the harness's shared client) and against
//! fake servers on loopback that misbehave.

// Test support code panics on setup failures by design.
#![allow(clippy::unwrap_used)]

use std::time::Duration;

use messenger_tor_control::{
    Command, ControlClient, ControlError, Event, EventKind, ProtocolError, Signal,
};
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpListener;

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
}

#[test]
fn real_tor_authenticate_getinfo_events() {
    let client = harness::TorNetwork::shared_client().unwrap();
    runtime().block_on(async {
        let (mut control, mut events) =
            ControlClient::connect(client.control_addr(), Duration::from_secs(5))
                .await
                .unwrap();
        let info = control.protocol_info().await.unwrap();
        assert!(
            info.auth_methods
                .iter()
                .any(|method| method == "SAFECOOKIE")
        );
        assert!(info.tor_version.is_some());
        control
            .authenticate(Some(client.cookie_path()))
            .await
            .unwrap();
        let phase = control.bootstrap_phase().await.unwrap();
        assert!(phase.is_done(), "{phase:?}");
        let listeners = control.socks_listeners().await.unwrap();
        assert!(
            listeners.contains(&client.socks_addr().to_string()),
            "{listeners:?}"
        );
        // A data block (250+) reply.
        let config = control.get_info("config-text").await.unwrap();
        assert!(config.contains("SocksPort"), "{config}");
        // An event: ask tor to emit a NOTICE by a harmless signal.
        control.set_events(&[EventKind::Notice]).await.unwrap();
        control.signal(Signal::Debug).await.ok();
        control.signal(Signal::Heartbeat).await.unwrap();
        let event = tokio::time::timeout(Duration::from_secs(10), events.next())
            .await
            .expect("no event within 10 s")
            .unwrap()
            .unwrap();
        assert!(matches!(event, Event::Log { .. }), "{event:?}");
        control.set_events(&[]).await.unwrap();
    });
}

#[test]
fn real_tor_rejects_unknown_command_and_bad_cookie() {
    let client = harness::TorNetwork::shared_client().unwrap();
    runtime().block_on(async {
        let (mut control, _events) =
            ControlClient::connect(client.control_addr(), Duration::from_secs(5))
                .await
                .unwrap();
        control
            .authenticate(Some(client.cookie_path()))
            .await
            .unwrap();
        let err = control
            .send(&Command::other("FROBNICATE", "").unwrap())
            .await
            .unwrap_err();
        assert!(
            matches!(err, ControlError::Rejected { status: 510, .. }),
            "{err}"
        );
        let err = control.get_info("no/such/key").await.unwrap_err();
        assert!(
            matches!(err, ControlError::Rejected { status: 552, .. }),
            "{err}"
        );
    });
    runtime().block_on(async {
        let temp = tempfile::tempdir().unwrap();
        let wrong = temp.path().join("cookie");
        std::fs::write(&wrong, [7u8; 32]).unwrap();
        let (mut control, _events) =
            ControlClient::connect(client.control_addr(), Duration::from_secs(5))
                .await
                .unwrap();
        let err = control.authenticate(Some(&wrong)).await.unwrap_err();
        // SAFECOOKIE: tor's server hash does not match a wrong cookie.
        assert!(matches!(err, ControlError::ServerHashMismatch), "{err}");
    });
}

/// A fake control port that answers every line with the next canned reply.
async fn fake_server(replies: Vec<&'static str>) -> std::net::SocketAddr {
    recording_fake_server(replies).await.0
}

/// Like `fake_server`, also handing out every line it received.
async fn recording_fake_server(
    replies: Vec<&'static str>,
) -> (
    std::net::SocketAddr,
    tokio::sync::mpsc::UnboundedReceiver<String>,
) {
    let (sender, received) = tokio::sync::mpsc::unbounded_channel();
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        let (stream, _) = listener.accept().await.unwrap();
        let (read, mut write) = stream.into_split();
        let mut lines = BufReader::new(read).lines();
        for reply in replies {
            let Some(line) = lines.next_line().await.ok().flatten() else {
                return;
            };
            let _ = sender.send(line);
            if reply == "SILENT" {
                tokio::time::sleep(Duration::from_secs(60)).await;
                return;
            }
            if reply == "CLOSE" {
                return;
            }
            write.write_all(reply.as_bytes()).await.unwrap();
        }
        tokio::time::sleep(Duration::from_secs(60)).await;
    });
    (addr, received)
}

#[test]
fn garbage_reply_is_a_protocol_error() {
    runtime().block_on(async {
        let addr = fake_server(vec!["HTTP/1.0 400 Bad Request\r\n"]).await;
        let (mut control, _) = ControlClient::connect(addr, Duration::from_secs(5))
            .await
            .unwrap();
        let err = control.get_info("version").await.unwrap_err();
        assert!(
            matches!(
                err,
                ControlError::Protocol(ProtocolError::MalformedLine { .. })
            ),
            "{err}"
        );
    });
}

#[test]
fn silent_server_times_out() {
    runtime().block_on(async {
        let addr = fake_server(vec!["SILENT"]).await;
        let (mut control, _) = ControlClient::connect(addr, Duration::from_secs(5))
            .await
            .unwrap();
        control.set_reply_timeout(Duration::from_millis(300));
        let err = control.get_info("version").await.unwrap_err();
        assert!(
            matches!(
                err,
                ControlError::Timeout {
                    what: "GETINFO",
                    ..
                }
            ),
            "{err}"
        );
    });
}

#[test]
fn closed_connection_is_reported() {
    runtime().block_on(async {
        let addr = fake_server(vec!["CLOSE"]).await;
        let (mut control, mut events) = ControlClient::connect(addr, Duration::from_secs(5))
            .await
            .unwrap();
        let err = control.get_info("version").await.unwrap_err();
        assert!(matches!(err, ControlError::Closed), "{err}");
        assert!(events.next().await.is_none());
    });
}

#[test]
fn getinfo_without_the_key_is_unexpected() {
    runtime().block_on(async {
        let addr = fake_server(vec!["250-other=1\r\n250 OK\r\n"]).await;
        let (mut control, _) = ControlClient::connect(addr, Duration::from_secs(5))
            .await
            .unwrap();
        let err = control.get_info("version").await.unwrap_err();
        assert!(
            matches!(
                err,
                ControlError::Protocol(ProtocolError::UnexpectedReply { .. })
            ),
            "{err}"
        );
    });
}

#[test]
fn events_arrive_between_replies() {
    runtime().block_on(async {
        let addr = fake_server(vec![
            "650 STATUS_CLIENT NOTICE BOOTSTRAP PROGRESS=10 TAG=conn_done SUMMARY=\"Connected\"\r\n250 OK\r\n",
        ])
        .await;
        let (mut control, mut events) =
            ControlClient::connect(addr, Duration::from_secs(5)).await.unwrap();
        control.set_events(&[EventKind::StatusClient]).await.unwrap();
        let event = events.next().await.unwrap().unwrap();
        assert!(
            matches!(event, Event::Bootstrap(ref status) if status.progress == 10),
            "{event:?}"
        );
    });
}

#[test]
fn fake_tor_without_the_cookie_fails_safecookie() {
    runtime().block_on(async {
        let addr = fake_server(vec![
            "250-PROTOCOLINFO 1\r\n250-AUTH METHODS=COOKIE,SAFECOOKIE COOKIEFILE=\"/etc/passwd\"\r\n250 OK\r\n",
            "250 AUTHCHALLENGE SERVERHASH=00112233 SERVERNONCE=44556677\r\n",
        ])
        .await;
        let temp = tempfile::tempdir().unwrap();
        let cookie = temp.path().join("cookie");
        std::fs::write(&cookie, [1u8; 32]).unwrap();
        let (mut control, _) = ControlClient::connect(addr, Duration::from_secs(5)).await.unwrap();
        let err = control.authenticate(Some(&cookie)).await.unwrap_err();
        assert!(matches!(err, ControlError::ServerHashMismatch), "{err}");
    });
}

#[test]
fn nothing_listening_is_a_connect_error() {
    runtime().block_on(async {
        let port = harness::free_port().unwrap();
        let addr = std::net::SocketAddr::from(([127, 0, 0, 1], port));
        let err = ControlClient::connect(addr, Duration::from_secs(5))
            .await
            .unwrap_err();
        assert!(matches!(err, ControlError::Connect { .. }), "{err}");
        assert!(err.to_string().contains(&port.to_string()));
    });
}

#[test]
fn cookie_only_tor_is_refused_and_never_sees_the_cookie() {
    // Plain COOKIE would send the cookie itself to whatever listens on the port: refused,
    // naming what tor offered, and nothing but PROTOCOLINFO is sent.
    runtime().block_on(async {
        let (addr, mut received) = recording_fake_server(vec![
            "250-PROTOCOLINFO 1\r\n250-AUTH METHODS=COOKIE COOKIEFILE=\"/x\"\r\n250 OK\r\n",
            "250 OK\r\n",
        ])
        .await;
        let temp = tempfile::tempdir().unwrap();
        let cookie = temp.path().join("cookie");
        std::fs::write(&cookie, [0xabu8; 32]).unwrap();
        let (mut control, _) = ControlClient::connect(addr, Duration::from_secs(5))
            .await
            .unwrap();
        let err = control.authenticate(Some(&cookie)).await.unwrap_err();
        assert!(
            matches!(err, ControlError::NoUsableAuthMethod { ref methods } if methods == "COOKIE"),
            "{err}"
        );
        assert!(err.to_string().contains("SAFECOOKIE"), "{err}");
        assert!(!err.to_string().contains(&"ab".repeat(32)), "{err}");
        assert_eq!(received.recv().await.unwrap(), "PROTOCOLINFO 1");
        drop(control);
        assert!(
            received.recv().await.is_none(),
            "nothing after PROTOCOLINFO, above all no cookie"
        );
    });
}

#[test]
fn password_only_tor_is_refused_clearly() {
    runtime().block_on(async {
        let addr = fake_server(vec![
            "250-PROTOCOLINFO 1\r\n250-AUTH METHODS=HASHEDPASSWORD\r\n250 OK\r\n",
        ])
        .await;
        let temp = tempfile::tempdir().unwrap();
        let cookie = temp.path().join("cookie");
        std::fs::write(&cookie, [1u8; 32]).unwrap();
        let (mut control, _) = ControlClient::connect(addr, Duration::from_secs(5))
            .await
            .unwrap();
        let err = control.authenticate(Some(&cookie)).await.unwrap_err();
        assert!(
            matches!(err, ControlError::NoUsableAuthMethod { .. }),
            "{err}"
        );
        assert!(err.to_string().contains("HASHEDPASSWORD"), "{err}");
    });
}

#[test]
fn a_remote_control_port_is_refused_before_connecting() {
    runtime().block_on(async {
        for addr in ["192.0.2.1:9051", "[2001:db8::1]:9051", "0.0.0.0:9051"] {
            let addr: std::net::SocketAddr = addr.parse().unwrap();
            let err = ControlClient::connect(addr, Duration::from_secs(5))
                .await
                .unwrap_err();
            assert!(matches!(err, ControlError::NotLoopback { .. }), "{err}");
            assert!(err.to_string().contains(&addr.to_string()), "{err}");
        }
    });
}

/// A fake control port that sends `bytes` once the first line arrives.
async fn flooding_server(bytes: Vec<u8>) -> std::net::SocketAddr {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        let (stream, _) = listener.accept().await.unwrap();
        let (read, mut write) = stream.into_split();
        let mut lines = BufReader::new(read).lines();
        let _ = lines.next_line().await;
        let _ = write.write_all(&bytes).await;
        tokio::time::sleep(Duration::from_secs(60)).await;
    });
    addr
}

#[test]
fn an_endless_line_is_a_typed_error() {
    runtime().block_on(async {
        let addr = flooding_server(vec![b'x'; messenger_tor_control::MAX_LINE_LEN + 100]).await;
        let (mut control, _) = ControlClient::connect(addr, Duration::from_secs(5))
            .await
            .unwrap();
        let err = control.get_info("version").await.unwrap_err();
        assert!(
            matches!(
                err,
                ControlError::Protocol(ProtocolError::LineTooLong { .. })
            ),
            "{err}"
        );
    });
}

#[test]
fn an_endless_reply_is_a_typed_error() {
    runtime().block_on(async {
        let line = format!("{}\r\n", "y".repeat(1000));
        let mut flood = b"250+config-text=\r\n".to_vec();
        // Well past the limit (the parser counts a line without its CR).
        while flood.len() <= messenger_tor_control::MAX_REPLY_LEN + 1_000_000 {
            flood.extend_from_slice(line.as_bytes());
        }
        let addr = flooding_server(flood).await;
        let (mut control, _) = ControlClient::connect(addr, Duration::from_secs(5))
            .await
            .unwrap();
        let err = control.get_info("config-text").await.unwrap_err();
        assert!(
            matches!(
                err,
                ControlError::Protocol(ProtocolError::ReplyTooLarge { .. })
            ),
            "{err}"
        );
    });
}

#[test]
fn errors_never_show_the_cookie() {
    let client = harness::TorNetwork::shared_client().unwrap();
    let cookie = std::fs::read(client.cookie_path()).unwrap();
    let secrets = [hex::encode(&cookie), hex::encode_upper(&cookie)];
    runtime().block_on(async {
        // A fake tor that fails SAFECOOKIE, tor refusing a wrong cookie, a cookie of the
        // wrong length: none of the messages holds the cookie's bytes.
        let addr = fake_server(vec![
            "250-PROTOCOLINFO 1\r\n250-AUTH METHODS=SAFECOOKIE COOKIEFILE=\"/x\"\r\n250 OK\r\n",
            "250 AUTHCHALLENGE SERVERHASH=00 SERVERNONCE=00\r\n",
        ])
        .await;
        let (mut fake, _) = ControlClient::connect(addr, Duration::from_secs(5))
            .await
            .unwrap();
        let mut shown = vec![
            fake.authenticate(Some(client.cookie_path()))
                .await
                .unwrap_err(),
        ];
        let temp = tempfile::tempdir().unwrap();
        let short = temp.path().join("short");
        std::fs::write(&short, &cookie[..16]).unwrap();
        let (mut real, _) = ControlClient::connect(client.control_addr(), Duration::from_secs(5))
            .await
            .unwrap();
        shown.push(real.authenticate(Some(&short)).await.unwrap_err());
        for err in shown {
            let text = format!("{err} {err:?}");
            for secret in &secrets {
                assert!(!text.contains(secret.as_str()), "{text}");
            }
        }
    });
}

#[test]
fn quit_ends_the_event_stream() {
    let client = harness::TorNetwork::shared_client().unwrap();
    runtime().block_on(async {
        let (mut control, mut events) = ControlClient::connect_authenticated(
            client.control_addr(),
            Duration::from_secs(5),
            Some(client.cookie_path()),
        )
        .await
        .unwrap();
        control.quit().await.unwrap();
        let end = tokio::time::timeout(Duration::from_secs(10), events.next())
            .await
            .expect("the stream ends when tor closes");
        assert!(end.is_none());
    });
}
