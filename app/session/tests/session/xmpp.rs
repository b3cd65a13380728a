//! XMPP through the session: an account from the profile connects through tor to prosody and
//! chats with a raw peer; a throwaway account is registered and used.

use base64::Engine as _;
use harness::Prosody;
use messenger_chat::{MessageFlags, Model};
use messenger_net::{TlsStream, TlsTrust, tls_connect};
use messenger_protocol::accounts::AccountConfig;
use messenger_protocol::{Conversation, MessageKind, ProtocolKind};
use messenger_session::{OtrPolicy, Outcome};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

use crate::common::*;

fn start_prosody() -> Prosody {
    Prosody::start(&[("alice", "pw"), ("bob", "pw")]).unwrap()
}

/// Public roots plus the pin of prosody's self-signed certificate.
fn pinned(prosody: &Prosody) -> TlsTrust {
    TlsTrust::public_roots().unwrap().with_pin(
        prosody.domain(),
        prosody.c2s_port(),
        prosody.cert_sha256(),
    )
}

fn xmpp_account(prosody: &Prosody, user: &str, password: &str) -> AccountConfig {
    let mut account = AccountConfig::new(
        ProtocolKind::Xmpp,
        &format!("{user}@{}", prosody.domain()),
        prosody.domain(),
        prosody.c2s_port(),
    )
    .unwrap();
    account.password = Some(password.to_owned());
    account
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
}

#[test]
fn xmpp_account_chats_with_a_plain_peer() {
    let prosody = start_prosody();
    let rt = runtime();
    let profile = tempfile::tempdir().unwrap();
    let mut session = session(
        profile.path(),
        OtrPolicy::default(),
        network(pinned(&prosody)),
    );
    let mut model = Model::new();
    let account = session.add_account(
        &mut model,
        &xmpp_account(&prosody, "alice", "pw"),
        "alice@xmpp.test",
    );
    let own = connect(&mut session, &mut model, account);
    assert!(own.starts_with("alice@xmpp.test/"), "{own}");

    // bob (no OTR) writes; the body reaches the model as plaintext.
    let mut bob = rt.block_on(RawXmpp::login(&prosody, "bob", "pw", "raw"));
    rt.block_on(bob.send(&format!(
        "<message to='{own}' type='chat' id='m1'><body>hello alice, from bob</body></message>"
    )));
    pump(&mut session, &mut model, "bob's message", |m, _| {
        m.find(account, &Conversation::Direct("bob@xmpp.test".into()))
            .is_some_and(|c| {
                lines(m, c)
                    .iter()
                    .any(|l| l.text == "hello alice, from bob")
            })
    });
    let chat = model
        .find(account, &Conversation::Direct("bob@xmpp.test".into()))
        .unwrap();
    let log = lines(&model, chat);
    let message = log
        .iter()
        .find(|l| l.text == "hello alice, from bob")
        .unwrap();
    assert_eq!(message.from.as_deref(), Some("bob@xmpp.test"));
    assert!(!message.flags.contains(MessageFlags::ENCRYPTED));

    // Our answer goes out (opportunistic OTR: plaintext, maybe with the whitespace tag).
    session
        .send(&mut model, chat, "hello bob".into(), MessageKind::Normal)
        .unwrap();
    let stanza = rt.block_on(bob.wait_for("</message>"));
    assert!(stanza.contains("<body>hello bob"), "{stanza}");
    pump(
        &mut session,
        &mut model,
        "our message to be sent",
        |m, _| {
            lines(m, chat).iter().any(|l| {
                l.me && l.text == "hello bob"
                    && !l.flags.contains(MessageFlags::PENDING)
                    && !l.flags.contains(MessageFlags::FAILED)
            })
        },
    );
}

#[test]
fn throwaway_registration_creates_an_account_that_logs_in() {
    let prosody = start_prosody();
    let profile = tempfile::tempdir().unwrap();
    let mut session = session(
        profile.path(),
        OtrPolicy::default(),
        network(pinned(&prosody)),
    );
    let mut model = Model::new();
    session.register_throwaway(prosody.domain(), prosody.c2s_port());
    let outcomes = pump(&mut session, &mut model, "the registration", |_, o| {
        !o.is_empty()
    });
    let [Outcome::Registered(created)] = outcomes.as_slice() else {
        panic!("{outcomes:?}");
    };
    assert!(created.user.ends_with("@xmpp.test"), "{created:?}");
    assert!(created.remember_password && created.password.is_some());
    assert_eq!(created.port, prosody.c2s_port());

    // The new account logs in through the session.
    let label = created.user.clone();
    let account = session.add_account(&mut model, created, &label);
    let own = connect(&mut session, &mut model, account);
    assert!(own.starts_with(&format!("{label}/")), "{own}");

    // A bad server name is refused in words, without a connection.
    session.register_throwaway(" ", 5222);
    let outcomes = pump(&mut session, &mut model, "the refusal", |_, o| {
        !o.is_empty()
    });
    assert_eq!(
        outcomes,
        vec![Outcome::RegistrationFailed(
            "Enter the XMPP server's name.".into()
        )]
    );
}

/// A raw XMPP client straight to prosody on loopback (STARTTLS, SASL PLAIN), scripted with
/// raw XML: test scaffolding, not the app.
struct RawXmpp {
    stream: TlsStream<TcpStream>,
    buffer: String,
}

impl RawXmpp {
    async fn login(prosody: &Prosody, user: &str, password: &str, resource: &str) -> RawXmpp {
        let domain = prosody.domain().to_owned();
        let mut tcp = TcpStream::connect(prosody.c2s_addr()).await.unwrap();
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
        let stream = tls_connect(tcp, &domain, prosody.c2s_port(), &pinned(prosody))
            .await
            .unwrap();
        let mut peer = RawXmpp {
            stream,
            buffer: String::new(),
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
        peer.wait_for("</iq>").await;
        peer.send("<presence/>").await;
        peer
    }

    async fn send(&mut self, xml: &str) {
        self.stream.write_all(xml.as_bytes()).await.unwrap();
        self.stream.flush().await.unwrap();
    }

    /// Reads until `needle` has arrived; returns everything read up to it and forgets it.
    async fn wait_for(&mut self, needle: &str) -> String {
        read_until(&mut self.stream, &mut self.buffer, needle).await;
        let end = self.buffer.find(needle).unwrap() + needle.len();
        self.buffer.drain(..end).collect()
    }
}

async fn read_until<S: tokio::io::AsyncRead + Unpin>(
    stream: &mut S,
    buffer: &mut String,
    needle: &str,
) {
    let deadline = tokio::time::Instant::now() + WAIT;
    while !buffer.contains(needle) {
        let mut chunk = [0u8; 4096];
        let n = tokio::time::timeout_at(deadline, stream.read(&mut chunk))
            .await
            .unwrap_or_else(|_| panic!("timed out waiting for {needle}; read: {buffer}"))
            .unwrap();
        assert!(n > 0, "the server closed the stream; read: {buffer}");
        buffer.push_str(&String::from_utf8_lossy(&chunk[..n]));
    }
}
