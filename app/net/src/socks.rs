//! The only code in the app that opens a socket: a SOCKS5 connection through the local tor.
//!
//! The server's *name* is sent to tor (SOCKS5 address type "domain name"), so tor resolves it at
//! the exit and `.onion` names work; nothing is ever resolved on this machine. Each account
//! gives its own SOCKS username/password ([`Isolation`]): with tor's `IsolateSOCKSAuth` (on by
//! default) two accounts never share a circuit.

use std::borrow::Cow;
use std::net::{IpAddr, SocketAddr};
use std::time::Duration;

use tokio::net::TcpStream;
use tokio_socks::TargetAddr;
use tokio_socks::tcp::Socks5Stream;

use crate::error::NetError;

/// A connection through tor to a server.
pub type ProxiedStream = Socks5Stream<TcpStream>;

/// How long opening a circuit and the stream may take before we give up. Tor itself gives up
/// on a stream after about 2 minutes; a slow fresh circuit takes tens of seconds.
pub const SOCKS_CONNECT_TIMEOUT: Duration = Duration::from_secs(120);

/// The default tor SOCKS port of the bundle (DESIGN.md section 3).
pub const DEFAULT_SOCKS_PORT: u16 = 9152;

/// Tor's SOCKS port.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TorSocks {
    /// Where tor's SOCKS port listens (loopback).
    pub addr: SocketAddr,
}

/// Per-account SOCKS credentials: tor puts streams with different credentials on different
/// circuits (`IsolateSOCKSAuth`). They are not secret; they only have to differ per account.
#[derive(Clone, PartialEq, Eq)]
pub struct Isolation {
    /// The SOCKS username (1 to 255 bytes).
    pub username: String,
    /// The SOCKS password (1 to 255 bytes).
    pub password: String,
}

impl std::fmt::Debug for Isolation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // The values are not secret, but they link connections to an account: keep them out
        // of logs all the same.
        f.write_str("Isolation([scrubbed])")
    }
}

impl Isolation {
    /// Fresh random credentials (128 bits each, hex), to store with a new account.
    pub fn random() -> Result<Isolation, NetError> {
        Ok(Isolation {
            username: random_hex()?,
            password: random_hex()?,
        })
    }
}

fn random_hex() -> Result<String, NetError> {
    let mut bytes = [0u8; 16];
    getrandom::fill(&mut bytes).map_err(|e| NetError::Io(std::io::Error::other(e.to_string())))?;
    Ok(crate::hex::encode(&bytes))
}

impl TorSocks {
    /// Tor on 127.0.0.1 at the given port.
    pub fn localhost(port: u16) -> TorSocks {
        TorSocks {
            addr: SocketAddr::from(([127, 0, 0, 1], port)),
        }
    }

    /// Opens a stream to `host:port` through tor. `host` is passed to tor as a name (or as an
    /// address if it is an IP literal) and never resolved here.
    pub async fn connect(
        &self,
        host: &str,
        port: u16,
        isolation: &Isolation,
    ) -> Result<ProxiedStream, NetError> {
        let target = target_addr(host, port)?;
        check_credential(&isolation.username)?;
        check_credential(&isolation.password)?;
        let attempts = async {
            let mut tries = 1;
            loop {
                match self.attempt(target.clone(), isolation).await {
                    Ok(stream) => return Ok(stream),
                    // A circuit that failed while the stream was being attached is common
                    // on the real network: tor builds another for the same isolation
                    // credentials, so one more try usually succeeds. Never a direct
                    // connection: the retry goes through the same SOCKS port.
                    Err(
                        error @ (tokio_socks::Error::GeneralSocksServerFailure
                        | tokio_socks::Error::TtlExpired),
                    ) if tries < SOCKS_ATTEMPTS => {
                        tracing::debug!(error = ?error, "tor stream failed; trying once more");
                        tries += 1;
                        tokio::time::sleep(SOCKS_RETRY_PAUSE).await;
                    }
                    Err(error) => return Err(map_socks_error(error)),
                }
            }
        };
        tokio::time::timeout(SOCKS_CONNECT_TIMEOUT, attempts)
            .await
            .map_err(|_| NetError::Timeout {
                stage: "opening a connection through Tor",
            })?
    }

    /// Checks that tor's SOCKS port accepts a connection within `limit`: opens one and closes
    /// it at once, sending nothing (the launcher's check of a system tor). Here, so that the
    /// connector stays the only code that connects.
    pub async fn probe(&self, limit: Duration) -> std::io::Result<()> {
        match tokio::time::timeout(limit, TcpStream::connect(self.addr)).await {
            Ok(Ok(_closed_on_drop)) => Ok(()),
            Ok(Err(error)) => Err(error),
            Err(_) => Err(std::io::ErrorKind::TimedOut.into()),
        }
    }

    /// One SOCKS handshake through tor.
    async fn attempt(
        &self,
        target: TargetAddr<'_>,
        isolation: &Isolation,
    ) -> Result<ProxiedStream, tokio_socks::Error> {
        let socket = TcpStream::connect(self.addr).await.map_err(|e| {
            tracing::debug!(error = %e, "tor SOCKS port unreachable");
            tokio_socks::Error::ProxyServerUnreachable
        })?;
        // Interactive chat: do not hold back small writes.
        let _ = socket.set_nodelay(true);
        Socks5Stream::connect_with_password_and_socket(
            socket,
            target,
            &isolation.username,
            &isolation.password,
        )
        .await
    }
}

/// Tries per connection (the first and one retry).
const SOCKS_ATTEMPTS: u32 = 2;
/// Pause before the retry, so tor can drop the failed circuit.
const SOCKS_RETRY_PAUSE: Duration = Duration::from_millis(500);

/// Turns a host and port into a SOCKS target without any name lookup.
fn target_addr(host: &str, port: u16) -> Result<TargetAddr<'_>, NetError> {
    if host.is_empty() {
        return Err(NetError::InvalidHost {
            reason: "it is empty",
        });
    }
    if port == 0 {
        return Err(NetError::InvalidHost {
            reason: "port 0 is not a server port",
        });
    }
    // IPv6 literals may come in brackets from a "host:port" form.
    let bare = host
        .strip_prefix('[')
        .and_then(|h| h.strip_suffix(']'))
        .unwrap_or(host);
    if let Ok(ip) = bare.parse::<IpAddr>() {
        return Ok(TargetAddr::Ip(SocketAddr::new(ip, port)));
    }
    if host.len() > 253 {
        return Err(NetError::InvalidHost {
            reason: "it is longer than 253 characters",
        });
    }
    let valid = host
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'.' || b == b'_');
    if !valid {
        return Err(NetError::InvalidHost {
            reason: "it may only contain letters, digits, '-', '_' and '.' (use the punycode form of international names)",
        });
    }
    Ok(TargetAddr::Domain(Cow::Borrowed(host), port))
}

fn check_credential(value: &str) -> Result<(), NetError> {
    if value.is_empty() || value.len() > 255 {
        return Err(NetError::InvalidHost {
            reason: "the account's circuit isolation credentials are invalid (1 to 255 bytes each)",
        });
    }
    Ok(())
}

fn map_socks_error(error: tokio_socks::Error) -> NetError {
    use tokio_socks::Error as E;
    let reason = match error {
        E::Io(e) => {
            return match e.kind() {
                std::io::ErrorKind::UnexpectedEof | std::io::ErrorKind::ConnectionReset => {
                    NetError::SocksRefused {
                        reason: "tor closed the connection".to_owned(),
                    }
                }
                _ => NetError::Io(e),
            };
        }
        E::ProxyServerUnreachable => return NetError::TorUnreachable,
        E::GeneralSocksServerFailure => {
            "general failure (often: the name could not be resolved or the circuit failed)"
        }
        E::ConnectionNotAllowedByRuleset => "not allowed by the exit's policy",
        E::NetworkUnreachable => "network unreachable",
        E::HostUnreachable => "host unreachable (the name may not exist)",
        E::ConnectionRefused => "the server refused the connection",
        E::TtlExpired => "the connection timed out",
        E::CommandNotSupported | E::AddressTypeNotSupported => {
            "request not supported by this proxy"
        }
        E::NoAcceptableAuthMethods | E::PasswordAuthFailure(_) | E::AuthorizationRequired => {
            "the proxy refused our isolation credentials"
        }
        _ => "the proxy gave an unexpected answer (is this port really tor's SOCKS port?)",
    };
    NetError::SocksRefused {
        reason: reason.to_owned(),
    }
}

#[cfg(test)]
mod tests {
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
    async fn failing_socks(
        reply: u8,
    ) -> (SocketAddr, std::sync::Arc<std::sync::atomic::AtomicU32>) {
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
}
