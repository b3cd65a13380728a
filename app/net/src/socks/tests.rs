use super::*;

#[test]
fn names_are_never_resolved_locally() {
    match target_addr("irc.oftc.net", 6697).unwrap() {
        TargetAddr::Domain(name, 6697) => assert_eq!(name, "irc.oftc.net"),
        other => panic!("expected a domain target, got {other:?}"),
    }
    match target_addr(
        "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyz2345.onion",
        6667,
    )
    .unwrap()
    {
        TargetAddr::Domain(..) => {}
        other => panic!("expected a domain target, got {other:?}"),
    }
    assert!(matches!(
        target_addr("127.0.0.1", 1).unwrap(),
        TargetAddr::Ip(_)
    ));
    assert!(matches!(
        target_addr("[::1]", 1).unwrap(),
        TargetAddr::Ip(_)
    ));
}

#[test]
fn bad_hosts_are_refused_with_a_reason() {
    assert!(target_addr("", 1).is_err());
    assert!(target_addr("a b", 1).is_err());
    assert!(target_addr("host", 0).is_err());
    assert!(target_addr(&"a".repeat(300), 1).is_err());
}

#[test]
fn random_isolation_differs_and_hides_in_debug() {
    let a = Isolation::random().unwrap();
    let b = Isolation::random().unwrap();
    assert_ne!(a, b);
    assert_eq!(a.username.len(), 32);
    assert!(!format!("{a:?}").contains(&a.username));
}

#[tokio::test]
async fn closed_port_is_tor_unreachable() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    drop(listener);
    let error = TorSocks { addr }
        .connect("irc.test", 6667, &Isolation::random().unwrap())
        .await
        .unwrap_err();
    assert!(matches!(error, NetError::TorUnreachable), "{error:?}");
    assert!(error.to_string().contains("Tor is not reachable"));
}

#[tokio::test]
async fn probe_tells_a_listening_port_from_a_closed_one() {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let socks = TorSocks {
        addr: listener.local_addr().unwrap(),
    };
    socks.probe(Duration::from_secs(5)).await.unwrap();
    drop(listener);
    let error = socks.probe(Duration::from_secs(5)).await.unwrap_err();
    assert_eq!(error.kind(), std::io::ErrorKind::ConnectionRefused);
}

/// A loopback SOCKS5 endpoint that answers every request with `reply` (a SOCKS5 reply
/// code), as tor does when a circuit or stream fails; counts the connections.
async fn failing_socks(reply: u8) -> (SocketAddr, std::sync::Arc<std::sync::atomic::AtomicU32>) {
    use std::sync::atomic::{AtomicU32, Ordering};
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let count = std::sync::Arc::new(AtomicU32::new(0));
    let seen = count.clone();
    tokio::spawn(async move {
        while let Ok((mut socket, _)) = listener.accept().await {
            seen.fetch_add(1, Ordering::SeqCst);
            let mut head = [0u8; 2];
            socket.read_exact(&mut head).await.unwrap();
            let mut methods = vec![0u8; usize::from(head[1])];
            socket.read_exact(&mut methods).await.unwrap();
            assert!(methods.contains(&2), "isolation needs username/password");
            socket.write_all(&[5, 2]).await.unwrap();
            let mut field = [0u8; 2];
            socket.read_exact(&mut field).await.unwrap();
            let mut user = vec![0u8; usize::from(field[1])];
            socket.read_exact(&mut user).await.unwrap();
            let mut len = [0u8; 1];
            socket.read_exact(&mut len).await.unwrap();
            let mut pass = vec![0u8; usize::from(len[0])];
            socket.read_exact(&mut pass).await.unwrap();
            socket.write_all(&[1, 0]).await.unwrap();
            let mut request = [0u8; 5];
            socket.read_exact(&mut request).await.unwrap();
            assert_eq!(request[3], 3, "the name goes to tor, never an address");
            let mut rest = vec![0u8; usize::from(request[4]) + 2];
            socket.read_exact(&mut rest).await.unwrap();
            socket
                .write_all(&[5, reply, 0, 1, 0, 0, 0, 0, 0, 0])
                .await
                .unwrap();
        }
    });
    (addr, count)
}

#[tokio::test]
async fn a_failed_circuit_is_tried_once_more_through_tor_then_reported() {
    let (addr, count) = failing_socks(1).await;
    let error = TorSocks { addr }
        .connect("irc.test", 6667, &Isolation::random().unwrap())
        .await
        .unwrap_err();
    assert!(error.to_string().contains("general failure"), "{error}");
    assert_eq!(count.load(std::sync::atomic::Ordering::SeqCst), 2);
}

#[tokio::test]
async fn a_refused_connection_is_not_retried() {
    let (addr, count) = failing_socks(5).await;
    let error = TorSocks { addr }
        .connect("irc.test", 6667, &Isolation::random().unwrap())
        .await
        .unwrap_err();
    assert!(error.to_string().contains("refused"), "{error}");
    assert_eq!(count.load(std::sync::atomic::Ordering::SeqCst), 1);
}
