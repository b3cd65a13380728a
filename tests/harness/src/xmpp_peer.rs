//! A raw XMPP peer for tests: a plain loopback connection straight to one of the harness's
//! XMPP servers (prosody or ejabberd, not through tor), STARTTLS or direct TLS (XEP-0368)
//! trusting exactly the server's certificate, SASL PLAIN, a bound resource, then scripted with
//! raw XML. It is the far end a test talks to, written apart from the app's own XMPP code so
//! it cannot share its mistakes.
//!
//! Async (tokio), unlike the rest of the harness: the tests that use it run the app's account
//! tasks on the same runtime.

use std::sync::Arc;
use std::time::Duration;

use base64::Engine as _;
use rustls::pki_types::{CertificateDer, ServerName};
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use tokio_rustls::TlsConnector;
use tokio_rustls::client::TlsStream;

use crate::{HarnessError, XmppServer};

const COMPONENT: &str = "xmpp raw peer";

/// How long any one wait for the server may take.
pub const PEER_WAIT: Duration = Duration::from_secs(90);

/// How the peer reaches the server.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum XmppTransport {
    /// The c2s port: a plaintext stream, then STARTTLS (required by both servers).
    StartTls,
    /// The direct TLS port (XEP-0368): TLS from the first byte, ALPN `xmpp-client`.
    DirectTls,
}

/// A logged-in raw XMPP client of one of the harness's servers.
pub struct XmppRawPeer {
    stream: TlsStream<TcpStream>,
    buffer: String,
    header: String,
    features: String,
    jid: String,
    port: u16,
}

impl XmppRawPeer {
    /// Connects to `server` on loopback, secures the stream (STARTTLS, the server's own
    /// certificate as the only trusted one), logs in as `(user, password)` with SASL PLAIN,
    /// binds `resource` and sends available presence.
    pub async fn login(
        server: &impl XmppServer,
        credentials: (&str, &str),
        resource: &str,
    ) -> Result<XmppRawPeer, HarnessError> {
        let mut peer = Self::authenticate(server, XmppTransport::StartTls, credentials).await?;
        peer.bind(resource).await?;
        peer.send("<presence/>").await?;
        Ok(peer)
    }

    /// Connects over `transport`, authenticates with SASL PLAIN and restarts the stream; the
    /// new stream's features are in [`XmppRawPeer::features`]. Nothing is bound yet: the
    /// caller binds a resource ([`XmppRawPeer::bind`]) or resumes a stream-managed session.
    pub async fn authenticate(
        server: &impl XmppServer,
        transport: XmppTransport,
        (user, password): (&str, &str),
    ) -> Result<XmppRawPeer, HarnessError> {
        let domain = server.domain().to_owned();
        let (addr, alpn) = match transport {
            XmppTransport::StartTls => (server.c2s_addr(), None),
            XmppTransport::DirectTls => {
                let addr = server
                    .direct_tls_addr()
                    .ok_or_else(|| HarnessError::Protocol {
                        component: COMPONENT.to_owned(),
                        port: None,
                        message: format!(
                            "{} was started without a direct TLS port",
                            server.component()
                        ),
                    })?;
                (addr, Some(b"xmpp-client".to_vec()))
            }
        };
        let port = addr.port();
        let mut tcp = TcpStream::connect(addr)
            .await
            .map_err(|e| HarnessError::io(COMPONENT, format!("connecting to port {port}"), e))?;
        let header = format!(
            "<?xml version='1.0'?><stream:stream xmlns='jabber:client' \
             xmlns:stream='http://etherx.jabber.org/streams' to='{domain}' version='1.0'>"
        );
        if transport == XmppTransport::StartTls {
            write_all(&mut tcp, &header).await?;
            let mut plain = String::new();
            read_until(&mut tcp, &mut plain, "</stream:features>", port).await?;
            write_all(
                &mut tcp,
                "<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>",
            )
            .await?;
            read_until(&mut tcp, &mut plain, "<proceed", port).await?;
        }
        let stream = tls_connector(server.cert_der(), alpn)?
            .connect(server_name(&domain)?, tcp)
            .await
            .map_err(|e| {
                HarnessError::io(
                    COMPONENT,
                    format!(
                        "the TLS handshake with {} on port {port}",
                        server.component()
                    ),
                    e,
                )
            })?;
        let mut peer = XmppRawPeer {
            stream,
            buffer: String::new(),
            header,
            features: String::new(),
            jid: format!("{user}@{domain}"),
            port,
        };
        peer.restart_stream().await?;
        let token =
            base64::engine::general_purpose::STANDARD.encode(format!("\0{user}\0{password}"));
        peer.send(&format!(
            "<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>{token}</auth>"
        ))
        .await?;
        let answer = peer.wait_for_either("<success", "<failure").await?;
        if !answer.contains("<success") {
            return Err(peer.unexpected(format!("login as {user} refused: {answer}")));
        }
        peer.restart_stream().await?;
        Ok(peer)
    }

    /// Binds `resource`; the JID becomes `user@domain/resource`.
    pub async fn bind(&mut self, resource: &str) -> Result<(), HarnessError> {
        self.send(&format!(
            "<iq type='set' id='bind-1'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'>\
             <resource>{resource}</resource></bind></iq>"
        ))
        .await?;
        let answer = self.wait_for_iq("bind-1").await?;
        if !answer.contains("type='result'") && !answer.contains("type=\"result\"") {
            return Err(self.unexpected(format!("binding {resource} refused: {answer}")));
        }
        let bare = self.jid.split('/').next().unwrap_or_default().to_owned();
        self.jid = format!("{bare}/{resource}");
        Ok(())
    }

    /// The stream features of the authenticated stream (where stream management is offered).
    pub fn features(&self) -> &str {
        &self.features
    }

    /// The port this peer is connected to.
    pub fn port(&self) -> u16 {
        self.port
    }

    /// Sends a new stream header and reads the stream features that answer it.
    async fn restart_stream(&mut self) -> Result<(), HarnessError> {
        let header = self.header.clone();
        self.send(&header).await?;
        self.features = self.wait_for("</stream:features>").await?;
        Ok(())
    }

    /// Our JID: `user@domain/resource` once bound, the bare JID before.
    pub fn jid(&self) -> &str {
        &self.jid
    }

    /// Sends raw XML.
    pub async fn send(&mut self, xml: &str) -> Result<(), HarnessError> {
        write_all(&mut self.stream, xml).await
    }

    /// Reads until `needle` has arrived; returns everything read up to and including it, and
    /// forgets that.
    pub async fn wait_for(&mut self, needle: &str) -> Result<String, HarnessError> {
        read_until(&mut self.stream, &mut self.buffer, needle, self.port).await?;
        let end = self.buffer.find(needle).unwrap_or_default() + needle.len();
        Ok(self.buffer.drain(..end).collect())
    }

    /// Reads until `first` or `second` has arrived; returns everything read up to the
    /// earlier of them, and forgets that.
    pub async fn wait_for_either(
        &mut self,
        first: &str,
        second: &str,
    ) -> Result<String, HarnessError> {
        let deadline = tokio::time::Instant::now() + PEER_WAIT;
        while !self.buffer.contains(first) && !self.buffer.contains(second) {
            let awaited = format!("{first} or {second}");
            self.read_more_before(deadline, &awaited).await?;
        }
        let end = [first, second]
            .iter()
            .filter_map(|needle| self.buffer.find(needle).map(|at| at + needle.len()))
            .min()
            .unwrap_or_default();
        Ok(self.buffer.drain(..end).collect())
    }

    /// Reads until the answer to the IQ with this id is complete; returns that `<iq>`.
    pub async fn wait_for_iq(&mut self, id: &str) -> Result<String, HarnessError> {
        let needle = format!("id='{id}'");
        let deadline = tokio::time::Instant::now() + PEER_WAIT;
        loop {
            if let Some((start, end)) = complete_iq(&self.buffer, &needle) {
                let iq = self.buffer[start..end].to_owned();
                self.buffer.drain(..end);
                return Ok(iq);
            }
            let awaited = format!("the answer to IQ {id}");
            self.read_more_before(deadline, &awaited).await?;
        }
    }

    async fn read_more_before(
        &mut self,
        deadline: tokio::time::Instant,
        awaited: &str,
    ) -> Result<(), HarnessError> {
        match tokio::time::timeout_at(deadline, read_more(&mut self.stream, &mut self.buffer)).await
        {
            Ok(result) => result.map_err(|message| self.unexpected(message)),
            Err(_) => Err(self.unexpected(format!(
                "no {awaited} within {PEER_WAIT:?}; read: {}",
                self.buffer
            ))),
        }
    }

    fn unexpected(&self, message: String) -> HarnessError {
        HarnessError::Protocol {
            component: COMPONENT.to_owned(),
            port: Some(self.port),
            message,
        }
    }
}

/// Where the `<iq ...>` holding `needle` starts and ends in `buffer`, once it is complete.
fn complete_iq(buffer: &str, needle: &str) -> Option<(usize, usize)> {
    let at = buffer.find(needle)?;
    let start = buffer[..at].rfind("<iq")?;
    let rest = &buffer[start..];
    let open_end = rest.find('>')?;
    let length = if rest[..open_end].ends_with('/') {
        open_end + 1
    } else {
        rest.find("</iq>")? + "</iq>".len()
    };
    Some((start, start + length))
}

fn tls_connector(cert_der: &[u8], alpn: Option<Vec<u8>>) -> Result<TlsConnector, HarnessError> {
    let tls_error = |message: String| HarnessError::Certificate {
        component: COMPONENT.to_owned(),
        message,
    };
    let mut roots = rustls::RootCertStore::empty();
    roots
        .add(CertificateDer::from(cert_der.to_vec()))
        .map_err(|e| tls_error(e.to_string()))?;
    let mut config = rustls::ClientConfig::builder_with_provider(Arc::new(
        rustls::crypto::ring::default_provider(),
    ))
    .with_safe_default_protocol_versions()
    .map_err(|e| tls_error(e.to_string()))?
    .with_root_certificates(roots)
    .with_no_client_auth();
    config.alpn_protocols.extend(alpn);
    Ok(TlsConnector::from(Arc::new(config)))
}

fn server_name(domain: &str) -> Result<ServerName<'static>, HarnessError> {
    ServerName::try_from(domain.to_owned()).map_err(|e| HarnessError::Certificate {
        component: COMPONENT.to_owned(),
        message: format!("{domain}: {e}"),
    })
}

async fn write_all<S: tokio::io::AsyncWrite + Unpin>(
    stream: &mut S,
    xml: &str,
) -> Result<(), HarnessError> {
    stream
        .write_all(xml.as_bytes())
        .await
        .map_err(|e| HarnessError::io(COMPONENT, "sending", e))?;
    stream
        .flush()
        .await
        .map_err(|e| HarnessError::io(COMPONENT, "sending", e))
}

/// Reads one chunk; an error message if the stream failed or ended.
async fn read_more<S: AsyncRead + Unpin>(
    stream: &mut S,
    buffer: &mut String,
) -> Result<(), String> {
    let mut chunk = [0u8; 4096];
    let n = stream
        .read(&mut chunk)
        .await
        .map_err(|e| format!("reading failed ({e}); read: {buffer}"))?;
    if n == 0 {
        return Err(format!("the server closed the stream; read: {buffer}"));
    }
    buffer.push_str(&String::from_utf8_lossy(&chunk[..n]));
    Ok(())
}

async fn read_until<S: AsyncRead + Unpin>(
    stream: &mut S,
    buffer: &mut String,
    needle: &str,
    port: u16,
) -> Result<(), HarnessError> {
    let unexpected = |message: String| HarnessError::Protocol {
        component: COMPONENT.to_owned(),
        port: Some(port),
        message,
    };
    let deadline = tokio::time::Instant::now() + PEER_WAIT;
    while !buffer.contains(needle) {
        match tokio::time::timeout_at(deadline, read_more(stream, buffer)).await {
            Ok(result) => result.map_err(unexpected)?,
            Err(_) => {
                return Err(unexpected(format!(
                    "no {needle} within {PEER_WAIT:?}; read: {buffer}"
                )));
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests;
