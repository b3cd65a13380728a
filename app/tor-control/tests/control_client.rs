//! The control-port client against a real tor (the harness's shared client) and against
//! fake servers that misbehave.

use std::time::Duration;

use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpListener;
use tor_messenger_launcher::control::{ControlClient, ControlError, ProtocolError};

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
        control.set_events(&["NOTICE"]).await.unwrap();
        control.signal("DEBUG").await.ok();
        control.signal("HEARTBEAT").await.unwrap();
        let event = tokio::time::timeout(Duration::from_secs(10), events.next())
            .await
            .expect("no event within 10 s")
            .unwrap()
            .unwrap();
        assert!(
            matches!(event, tor_messenger_launcher::control::Event::Log { .. }),
            "{event:?}"
        );
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
            .command("FROBNICATE", "FROBNICATE")
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
        control.set_events(&["STATUS_CLIENT"]).await.unwrap();
        let event = events.next().await.unwrap().unwrap();
        assert!(
            matches!(event, tor_messenger_launcher::control::Event::Bootstrap(ref status) if status.progress == 10),
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
fn plain_cookie_auth_sends_the_cookie_in_hex() {
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
        let used = control.authenticate(Some(&cookie)).await.unwrap();
        assert_eq!(used, cookie);
        assert_eq!(received.recv().await.unwrap(), "PROTOCOLINFO 1");
        assert_eq!(
            received.recv().await.unwrap(),
            format!("AUTHENTICATE {}", "ab".repeat(32))
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
