//! HTTPS downloads through tor's SOCKS port, bounded in size and time.
//!
//! The same connector and TLS trust as the messenger: the hostname goes to tor (no local
//! DNS), TLS 1.2 or newer, bundled roots and strict pins. Plain HTTP is refused.

use http_body_util::BodyExt;
use hyper::Request;
use hyper_util::rt::TokioIo;
use messenger_net::{Isolation, NetError, TlsTrust, TorSocks, tls_connect};
use std::time::Duration;
use tokio::time::{Instant, timeout, timeout_at};

/// No byte for this long ends a download (a server that stalls).
pub const IDLE_TIMEOUT: Duration = Duration::from_secs(60);

/// Why a fetch failed.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum FetchError {
    /// The URL could not be understood.
    #[error("not a valid URL: {0}")]
    BadUrl(String),
    /// Only HTTPS is fetched.
    #[error("only https:// addresses are fetched (got {scheme}://)")]
    NotHttps {
        /// The scheme given.
        scheme: String,
    },
    /// Tor or TLS failed.
    #[error(transparent)]
    Net(#[from] NetError),
    /// The server answered, but not with the file.
    #[error("the update server answered HTTP {status}")]
    Status {
        /// The HTTP status.
        status: u16,
    },
    /// The HTTP exchange broke.
    #[error("the download broke off: {0}")]
    Protocol(String),
    /// More bytes than allowed (endless data).
    #[error("the server sent more than the {cap} bytes allowed: stopped (endless data)")]
    TooLarge {
        /// The cap.
        cap: u64,
    },
    /// The whole fetch took too long, or the server stalled.
    #[error("the download took too long (over {0:?}) and was stopped")]
    Timeout(Duration),
    /// The caller refused a chunk (e.g. the bounded download said it is too large).
    #[error("{0}")]
    Refused(String),
}

/// Fetches over HTTPS through tor.
#[derive(Debug, Clone)]
pub struct Fetcher {
    socks: TorSocks,
    isolation: Isolation,
    trust: TlsTrust,
}

impl Fetcher {
    /// A fetcher on its own tor circuit (`isolation`) with the messenger's TLS `trust`.
    pub fn new(socks: TorSocks, isolation: Isolation, trust: TlsTrust) -> Fetcher {
        Fetcher {
            socks,
            isolation,
            trust,
        }
    }

    /// Fetches `url`, handing each chunk to `sink`; stops past `cap` bytes, after `limit` in
    /// all, or after [`IDLE_TIMEOUT`] without data. Returns the byte count.
    pub async fn fetch(
        &self,
        url: &str,
        cap: u64,
        limit: Duration,
        mut sink: impl FnMut(&[u8]) -> Result<(), String>,
    ) -> Result<u64, FetchError> {
        let deadline = Instant::now() + limit;
        let url = url::Url::parse(url).map_err(|error| FetchError::BadUrl(error.to_string()))?;
        if url.scheme() != "https" {
            return Err(FetchError::NotHttps {
                scheme: url.scheme().to_owned(),
            });
        }
        let host = url
            .host_str()
            .ok_or_else(|| FetchError::BadUrl("no host".into()))?
            .to_owned();
        let port = url.port_or_known_default().unwrap_or(443);
        let over_time = || FetchError::Timeout(limit);
        let stream = timeout_at(deadline, self.socks.connect(&host, port, &self.isolation))
            .await
            .map_err(|_| over_time())??;
        let tls = timeout_at(deadline, tls_connect(stream, &host, port, &self.trust))
            .await
            .map_err(|_| over_time())??;
        let (mut sender, connection) = hyper::client::conn::http1::handshake(TokioIo::new(tls))
            .await
            .map_err(|error| FetchError::Protocol(error.to_string()))?;
        let driver = tokio::spawn(connection);
        let path = match url.query() {
            Some(query) => format!("{}?{query}", url.path()),
            None => url.path().to_owned(),
        };
        let host_header = if url.port().is_some() {
            format!("{host}:{port}")
        } else {
            host.clone()
        };
        // A fixed, minimal request: no User-Agent, no Accept-Language, nothing that tells
        // the server more than which file is wanted.
        let request = Request::get(path)
            .header(hyper::header::HOST, host_header)
            .header(hyper::header::CONNECTION, "close")
            .body(http_body_util::Empty::<hyper::body::Bytes>::new())
            .map_err(|error| FetchError::BadUrl(error.to_string()))?;
        let result = async {
            let response = timeout_at(deadline, sender.send_request(request))
                .await
                .map_err(|_| over_time())?
                .map_err(|error| FetchError::Protocol(error.to_string()))?;
            if !response.status().is_success() {
                return Err(FetchError::Status {
                    status: response.status().as_u16(),
                });
            }
            let announced = response
                .headers()
                .get(hyper::header::CONTENT_LENGTH)
                .and_then(|value| value.to_str().ok())
                .and_then(|value| value.parse::<u64>().ok());
            if announced.is_some_and(|length| length > cap) {
                return Err(FetchError::TooLarge { cap });
            }
            let mut body = response.into_body();
            let mut received = 0u64;
            loop {
                let idle = timeout(IDLE_TIMEOUT, body.frame());
                let frame = match timeout_at(deadline, idle).await {
                    Err(_) => return Err(over_time()),
                    Ok(Err(_)) => return Err(FetchError::Timeout(IDLE_TIMEOUT)),
                    Ok(Ok(None)) => break,
                    Ok(Ok(Some(frame))) => {
                        frame.map_err(|error| FetchError::Protocol(error.to_string()))?
                    }
                };
                let Ok(data) = frame.into_data() else {
                    continue;
                };
                received = received.saturating_add(data.len() as u64);
                if received > cap {
                    return Err(FetchError::TooLarge { cap });
                }
                sink(&data).map_err(FetchError::Refused)?;
            }
            Ok(received)
        }
        .await;
        driver.abort();
        result
    }

    /// Fetches `url` into memory, at most `cap` bytes.
    pub async fn fetch_bytes(
        &self,
        url: &str,
        cap: u64,
        limit: Duration,
    ) -> Result<Vec<u8>, FetchError> {
        let mut bytes = Vec::new();
        self.fetch(url, cap, limit, |chunk| {
            bytes.extend_from_slice(chunk);
            Ok(())
        })
        .await?;
        Ok(bytes)
    }
}
