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

/// The default tor SOCKS port of the bundle (docs/ARCHITECTURE.md section 5).
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
mod tests;
