//! Hostile or broken servers: an over-long line, invalid UTF-8, garbage, a close in the middle
//! of the login. The app reports clearly and never panics.

use std::time::Duration;

use messenger_protocol::{Command, Conversation, DisconnectReason, Event};
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};

use crate::common::*;

/// Reads the client's registration (NICK and USER lines).
async fn read_registration(reader: &mut BufReader<tokio::net::TcpStream>) {
    let mut seen_user = false;
    while !seen_user {
        let mut line = String::new();
        if reader.read_line(&mut line).await.unwrap_or(0) == 0 {
            return;
        }
        seen_user = line.starts_with("USER ");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn long_line_invalid_utf8_and_garbage_are_survived() {
    let port = fake_server(|socket| async move {
        let mut reader = BufReader::new(socket);
        read_registration(&mut reader).await;
        let socket = reader.get_mut();
        socket
            .write_all(b":irc.test 001 tmbad :Welcome\r\n")
            .await
            .unwrap();
        // 100 KB without a line end, then the end.
        let mut long = b":evil!u@h PRIVMSG tmbad :".to_vec();
        long.extend(std::iter::repeat_n(b'A', 100 * 1024));
        long.extend_from_slice(b"\r\n");
        socket.write_all(&long).await.unwrap();
        // Not UTF-8 (Latin-1 bytes), garbage, binary, lines that do not parse.
        socket
            .write_all(b":evil!u@h PRIVMSG tmbad :caf\xe9 \xff\r\n")
            .await
            .unwrap();
        socket
            .write_all(b": :\r\n\x00\x01\x02\r\n@@@ :::\r\n:x 353\r\n:x 366\r\nPRIVMSG\r\n")
            .await
            .unwrap();
        socket
            .write_all(b":evil!u@h PRIVMSG tmbad :still here\r\n")
            .await
            .unwrap();
        tokio::time::sleep(Duration::from_secs(30)).await;
    })
    .await;
    let mut app = connected(fake_account(port, "tmbad"), shared_network()).await;
    let error = wait_for(&mut app, |e| matches!(e, Event::Error(_))).await;
    assert!(matches!(error, Event::Error(text) if text.contains("over-long line")));
    let latin = wait_for(&mut app, |e| matches!(e, Event::Message(_))).await;
    let Event::Message(latin) = latin else {
        unreachable!()
    };
    assert_eq!(latin.body, "café ÿ");
    assert_eq!(latin.conversation, Conversation::Direct("evil".into()));
    let last = wait_for(&mut app, |e| matches!(e, Event::Message(_))).await;
    assert!(
        matches!(&last, Event::Message(m) if m.body == "still here"),
        "{last:?}"
    );
    app.commands.send(Command::Disconnect).await.unwrap();
    wait_for(&mut app, |e| matches!(e, Event::Disconnected { .. })).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn server_closing_mid_login_is_reported_and_retried() {
    let port = fake_server(|socket| async move {
        let mut reader = BufReader::new(socket);
        read_registration(&mut reader).await;
        let socket = reader.get_mut();
        socket
            .write_all(b":irc.test NOTICE * :*** Checking\r\n")
            .await
            .unwrap();
        // Close without ever sending 001.
    })
    .await;
    let mut app = messenger_irc::spawn_account(fake_account(port, "tmclose"), shared_network());
    app.commands.send(Command::Connect).await.unwrap();
    let event = wait_for(&mut app, |e| matches!(e, Event::Disconnected { .. })).await;
    match event {
        Event::Disconnected {
            reason: DisconnectReason::ConnectionLost(text),
            retry_in: Some(_),
        } => assert!(text.contains("during login"), "{text}"),
        other => panic!("{other:?}"),
    }
    // The user stops the retries.
    app.commands.send(Command::Disconnect).await.unwrap();
    wait_for(&mut app, |e| {
        *e == Event::Disconnected {
            reason: DisconnectReason::UserRequest,
            retry_in: None,
        }
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn silent_server_is_detected_by_keepalive() {
    let port = fake_server(|socket| async move {
        let mut reader = BufReader::new(socket);
        read_registration(&mut reader).await;
        let socket = reader.get_mut();
        socket
            .write_all(b":irc.test 001 tmquiet :Welcome\r\n")
            .await
            .unwrap();
        // Then never a byte again (our PING gets no PONG).
        tokio::time::sleep(Duration::from_secs(120)).await;
    })
    .await;
    let mut config = fake_account(port, "tmquiet");
    config.keepalive = Duration::from_secs(3);
    let mut app = connected(config, shared_network()).await;
    let event = wait_for(&mut app, |e| matches!(e, Event::Disconnected { .. })).await;
    match event {
        Event::Disconnected {
            reason: DisconnectReason::ConnectionLost(text),
            retry_in: Some(_),
        } => assert!(text.contains("stopped answering"), "{text}"),
        other => panic!("{other:?}"),
    }
    app.commands.send(Command::Disconnect).await.unwrap();
}
