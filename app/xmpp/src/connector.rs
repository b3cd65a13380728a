//! Our [`ServerConnector`]: the only way this crate reaches a server. It opens a stream
//! through tor's SOCKS port to the configured host (the account's server, or the JID's domain;
//! no SRV lookup, no local DNS: the name goes to tor), negotiates STARTTLS, and secures the
//! stream with our rustls trust (web PKI + extra roots + strict pins) through
//! [`messenger_net::tls_connect`]. A server that does not offer STARTTLS is refused; there is
//! never a plaintext session.
//!
//! The certificate is checked against the JID's domain (RFC 6120 section 13.7.2.1: the XMPP
//! service identity is the domain, even when the account connects to another host such as an
//! onion address), and pins in `cert_override.txt` are looked up as `domain:port`.

use std::borrow::Cow;
use std::io;

use futures_util::{SinkExt, StreamExt};
use messenger_net::{Isolation, NetError, Network, ProxiedStream, TlsStream, tls_connect};
use sasl::common::ChannelBinding;
use tokio::io::BufStream;
use tokio_xmpp::connect::{ServerConnector, ServerConnectorError};
use tokio_xmpp::xmlstream::{
    PendingFeaturesRecv, ReadError, StreamHeader, Timeouts, XmppStreamElement, initiate_stream,
};
use xmpp_parsers::jid::Jid;
use xmpp_parsers::starttls;

/// The stream a login runs over: TLS over a SOCKS stream through tor, buffered.
pub type SecureStream = BufStream<TlsStream<ProxiedStream>>;

/// Connects through tor with STARTTLS; see the module documentation.
#[derive(Clone)]
pub struct TorStartTlsConnector {
    network: Network,
    host: String,
    port: u16,
    isolation: Isolation,
}

impl std::fmt::Debug for TorStartTlsConnector {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // The host says which server the user talks to: keep it out of logs.
        f.debug_struct("TorStartTlsConnector")
            .field("host", &messenger_net::Sensitive::new(&self.host))
            .field("port", &self.port)
            .finish_non_exhaustive()
    }
}

/// Why a connection could not be opened and secured.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ConnectError {
    /// Tor, the server's address or TLS failed.
    #[error(transparent)]
    Net(#[from] NetError),
    /// The server does not offer STARTTLS, or refused it.
    #[error(
        "The server does not offer an encrypted connection (STARTTLS). The connection was refused; no unencrypted connection is ever made."
    )]
    NoStartTls,
    /// The server closed the connection or sent something we could not follow.
    #[error(
        "The server ended the connection while it was being set up ({stage}). Try again later."
    )]
    Handshake {
        /// What we were doing, in words (no content).
        stage: &'static str,
    },
}

impl ServerConnectorError for ConnectError {}

impl TorStartTlsConnector {
    /// A connector to `host:port` through tor, on this account's own circuits.
    pub fn new(network: Network, host: &str, port: u16, isolation: Isolation) -> Self {
        TorStartTlsConnector {
            network,
            host: host.to_owned(),
            port,
            isolation,
        }
    }

    /// Opens the stream for `jid`'s domain and returns it ready for SASL (features pending).
    pub async fn open(
        &self,
        jid: &Jid,
        namespace: &'static str,
        timeouts: Timeouts,
    ) -> Result<PendingFeaturesRecv<SecureStream>, ConnectError> {
        let domain = jid.domain().as_str();
        let proxied = self
            .network
            .socks
            .connect(&self.host, self.port, &self.isolation)
            .await?;
        let plain = initiate_stream(BufStream::new(proxied), namespace, header(domain), timeouts)
            .await
            .map_err(|_| ConnectError::Handshake {
                stage: "opening the XMPP stream",
            })?;
        let (features, mut plain) =
            plain
                .recv_features::<XmppStreamElement>()
                .await
                .map_err(|_| ConnectError::Handshake {
                    stage: "reading the server's features",
                })?;
        if !features.can_starttls() {
            return Err(ConnectError::NoStartTls);
        }
        plain
            .send(&XmppStreamElement::Starttls(starttls::Nonza::Request(
                starttls::Request,
            )))
            .await
            .map_err(|_| ConnectError::Handshake {
                stage: "asking for encryption",
            })?;
        loop {
            match plain.next().await {
                Some(Ok(XmppStreamElement::Starttls(starttls::Nonza::Proceed(_)))) => break,
                Some(Ok(XmppStreamElement::Starttls(starttls::Nonza::Failure(_)))) => {
                    return Err(ConnectError::NoStartTls);
                }
                Some(Err(ReadError::SoftTimeout | ReadError::ParseError(_))) | Some(Ok(_)) => {}
                Some(Err(ReadError::HardError(_) | ReadError::StreamFooterReceived)) | None => {
                    return Err(ConnectError::Handshake {
                        stage: "starting encryption",
                    });
                }
            }
        }
        // Whatever the plaintext parser buffered past <proceed/> is discarded with it: a
        // server (or a man in the middle) cannot inject data into the TLS session that way.
        let proxied = plain.into_inner().into_inner();
        let tls = tls_connect(proxied, domain, self.port, &self.network.trust).await?;
        initiate_stream(BufStream::new(tls), namespace, header(domain), timeouts)
            .await
            .map_err(|_| ConnectError::Handshake {
                stage: "opening the encrypted XMPP stream",
            })
    }
}

fn header(domain: &str) -> StreamHeader<'_> {
    StreamHeader {
        to: Some(Cow::Borrowed(domain)),
        from: None,
        id: None,
    }
}

impl ServerConnector for TorStartTlsConnector {
    type Stream = SecureStream;

    async fn connect(
        &self,
        jid: &Jid,
        ns: &'static str,
        timeouts: Timeouts,
    ) -> Result<(PendingFeaturesRecv<Self::Stream>, ChannelBinding), tokio_xmpp::Error> {
        // No channel binding: we offer only the non-PLUS SCRAM variants (see `login`), and the
        // server's identity is already checked by our TLS trust and pins.
        self.open(jid, ns, timeouts)
            .await
            .map(|stream| (stream, ChannelBinding::None))
            .map_err(|error| tokio_xmpp::Error::Connection(Box::new(error)))
    }
}

/// Turns tokio-xmpp's error from [`ServerConnector::connect`] back into ours.
pub fn connect_error(error: tokio_xmpp::Error) -> ConnectError {
    match error {
        tokio_xmpp::Error::Connection(inner) => {
            let inner: Box<dyn std::error::Error + Send + Sync> = inner;
            match inner.downcast::<ConnectError>() {
                Ok(ours) => *ours,
                Err(_) => ConnectError::Handshake {
                    stage: "connecting",
                },
            }
        }
        tokio_xmpp::Error::Io(error) => ConnectError::Net(NetError::Io(io::Error::new(
            error.kind(),
            "connection failed",
        ))),
        _ => ConnectError::Handshake {
            stage: "connecting",
        },
    }
}
