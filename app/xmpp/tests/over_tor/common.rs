//! Shared scaffolding: the private tor network, prosody, our account wired to both, a raw
//! XMPP peer (a plain loopback socket to prosody with STARTTLS and SASL PLAIN, scripted with
//! raw XML: test scaffolding, not the app), and event waits with time limits.

use std::time::Duration;

use base64::Engine as _;
use harness::{Prosody, TorNetwork};
use messenger_net::{Isolation, TlsStream, TlsTrust, TorSocks, tls_connect};
use messenger_protocol::{AccountHandle, Command, Event, Protocol, ReconnectPolicy};
use messenger_xmpp::{Xmpp, XmppAccountConfig, XmppNetwork};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use xmpp_parsers::jid::BareJid;

/// How long any single wait in these tests may take.
pub const WAIT: Duration = Duration::from_secs(90);

pub const ALICE: (&str, &str) = ("alice", "alice-secret-1");
pub const BOB: (&str, &str) = ("bob", "bob-secret-2");

pub fn start_prosody() -> Prosody {
    Prosody::start(&[ALICE, BOB]).expect("prosody")
}

/// The shared tor network's client as the app's network settings, trusting `trust`.
pub fn network_with(trust: TlsTrust) -> XmppNetwork {
    let client = TorNetwork::shared_client().expect("tor client");
    XmppNetwork {
        socks: TorSocks {
            addr: client.socks_addr(),
        },
        trust,
    }
}

/// Public roots plus the right pin for prosody's self-signed certificate.
pub fn pinned_trust(prosody: &Prosody) -> TlsTrust {
    TlsTrust::public_roots().unwrap().with_pin(
        prosody.domain(),
        prosody.c2s_port(),
        prosody.cert_sha256(),
    )
}

/// An account on `xmpp.test` (resolved by tor's exits to the local prosody).
pub fn account(prosody: &Prosody, (user, password): (&str, &str)) -> XmppAccountConfig {
    let jid = BareJid::new(&format!("{user}@{}", prosody.domain())).unwrap();
    let mut config = XmppAccountConfig::new(jid, password, Isolation::random().unwrap());
    config.port = prosody.c2s_port();
    config.reconnect = ReconnectPolicy {
        initial: Duration::from_secs(1),
        max: Duration::from_secs(3),
    };
    config
}

/// Starts an account and connects it, waiting for `Connected`; returns our full JID too.
pub async fn connected(config: XmppAccountConfig, network: XmppNetwork) -> (AccountHandle, String) {
    let mut handle = Xmpp::spawn(config, network);
    handle.commands.send(Command::Connect).await.unwrap();
    let Event::Connected { own_name } =
        wait_for(&mut handle, |e| matches!(e, Event::Connected { .. })).await
    else {
        unreachable!()
    };
    (handle, own_name)
}

/// Waits for an event matching `predicate`; panics with the events seen if none comes.
pub async fn wait_for(handle: &mut AccountHandle, predicate: impl Fn(&Event) -> bool) -> Event {
    let deadline = tokio::time::Instant::now() + WAIT;
    let mut seen = Vec::new();
    loop {
        match tokio::time::timeout_at(deadline, handle.events.recv()).await {
            Ok(Some(event)) if predicate(&event) => return event,
            Ok(Some(event)) => seen.push(event),
            Ok(None) => panic!("account task ended; events seen: {seen:#?}"),
            Err(_) => panic!("timed out; events seen: {seen:#?}"),
        }
    }
}

/// A raw XMPP client straight to prosody on loopback, scripted with raw XML.
pub struct RawPeer {
    stream: TlsStream<TcpStream>,
    buffer: String,
    pub jid: String,
}

impl RawPeer {
    /// Connects, secures, logs in with PLAIN, binds `resource` and says it is available.
    pub async fn login(
        prosody: &Prosody,
        (user, password): (&str, &str),
        resource: &str,
    ) -> RawPeer {
        let domain = prosody.domain().to_owned();
        let mut tcp = TcpStream::connect(("127.0.0.1", prosody.c2s_port()))
            .await
            .unwrap();
        let header = format!(
            "<?xml version='1.0'?><stream:stream xmlns='jabber:client' \
             xmlns:stream='http://etherx.jabber.org/streams' to='{domain}' version='1.0'>"
        );
        tcp.write_all(header.as_bytes()).await.unwrap();
        let mut plain = String::new();
        read_until(&mut tcp, &mut plain, "</stream:features>").await;
        tcp.write_all(b"<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>")
            .await
            .unwrap();
        read_until(&mut tcp, &mut plain, "<proceed").await;
        let stream = tls_connect(tcp, &domain, prosody.c2s_port(), &pinned_trust(prosody))
            .await
            .unwrap();
        let mut peer = RawPeer {
            stream,
            buffer: String::new(),
            jid: String::new(),
        };
        peer.send(&header).await;
        peer.wait_for("</stream:features>").await;
        let token =
            base64::engine::general_purpose::STANDARD.encode(format!("\0{user}\0{password}"));
        peer.send(&format!(
            "<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>{token}</auth>"
        ))
        .await;
        peer.wait_for("<success").await;
        peer.send(&header).await;
        peer.wait_for("</stream:features>").await;
        peer.send(&format!(
            "<iq type='set' id='bind-1'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'>\
             <resource>{resource}</resource></bind></iq>"
        ))
        .await;
        peer.wait_for_iq("bind-1").await;
        peer.jid = format!("{user}@{domain}/{resource}");
        peer.send("<presence/>").await;
        peer
    }

    pub async fn send(&mut self, xml: &str) {
        self.stream.write_all(xml.as_bytes()).await.unwrap();
        self.stream.flush().await.unwrap();
    }

    /// Reads until `first` or `second` has arrived; returns everything read so far and
    /// forgets it.
    pub async fn wait_for_either(&mut self, first: &str, second: &str) -> String {
        let deadline = tokio::time::Instant::now() + WAIT;
        while !self.buffer.contains(first) && !self.buffer.contains(second) {
            tokio::time::timeout_at(deadline, read_more(&mut self.stream, &mut self.buffer))
                .await
                .unwrap_or_else(|_| panic!("timed out waiting for {first} or {second}"));
        }
        let end = [first, second]
            .iter()
            .filter_map(|needle| self.buffer.find(needle).map(|at| at + needle.len()))
            .min()
            .unwrap_or(0);
        self.buffer.drain(..end).collect()
    }

    /// Reads until `needle` has arrived; returns everything read so far and forgets it.
    pub async fn wait_for(&mut self, needle: &str) -> String {
        read_until(&mut self.stream, &mut self.buffer, needle).await;
        let end = self.buffer.find(needle).unwrap() + needle.len();
        self.buffer.drain(..end).collect()
    }

    /// Reads until the answer to the IQ with this id is complete; returns that `<iq>`.
    pub async fn wait_for_iq(&mut self, id: &str) -> String {
        let needle = format!("id='{id}'");
        let deadline = tokio::time::Instant::now() + WAIT;
        loop {
            if let Some(at) = self.buffer.find(&needle) {
                let start = self.buffer[..at].rfind("<iq").unwrap();
                let rest = &self.buffer[start..];
                let open_end = rest.find('>').unwrap_or(usize::MAX);
                let end = if open_end != usize::MAX && rest[..open_end].ends_with('/') {
                    Some(open_end + 1)
                } else {
                    rest.find("</iq>").map(|e| e + "</iq>".len())
                };
                if let Some(end) = end {
                    let iq = rest[..end].to_owned();
                    self.buffer.drain(..start + end);
                    return iq;
                }
            }
            tokio::time::timeout_at(deadline, read_more(&mut self.stream, &mut self.buffer))
                .await
                .unwrap_or_else(|_| panic!("no answer to {id}; read: {}", self.buffer));
        }
    }
}

async fn read_more<S: tokio::io::AsyncRead + Unpin>(stream: &mut S, buffer: &mut String) {
    let mut chunk = [0u8; 4096];
    let n = stream.read(&mut chunk).await.unwrap();
    assert!(n > 0, "the server closed the stream; read: {buffer}");
    buffer.push_str(&String::from_utf8_lossy(&chunk[..n]));
}

async fn read_until<S: tokio::io::AsyncRead + Unpin>(
    stream: &mut S,
    buffer: &mut String,
    needle: &str,
) {
    let deadline = tokio::time::Instant::now() + WAIT;
    while !buffer.contains(needle) {
        tokio::time::timeout_at(deadline, read_more(stream, buffer))
            .await
            .unwrap_or_else(|_| panic!("timed out waiting for {needle}; read: {buffer}"));
    }
}
