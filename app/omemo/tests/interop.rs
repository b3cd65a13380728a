//! Live interoperability with python-omemo (Oldmemo and Twomemo), both namespaces, both
//! directions: pre-key messages first, then normal messages, out of order and with skipped
//! messages, all through XML text (python-omemo validates ours against its XML schemas).

mod common;
#[path = "common/python.rs"]
mod python;

use common::Account;
use messenger_omemo::sce::Envelope;
use messenger_omemo::{EncryptedMessage, Namespace, OsSecrets, Recipient, xml};
use python::Peer;
use serde_json::{Value, json};

const RUST: &str = "rust@example.org";
const PEER: &str = "peer@example.org";

fn ns_name(namespace: Namespace) -> &'static str {
    match namespace {
        Namespace::Axolotl => "axolotl",
        Namespace::Omemo2 => "omemo2",
    }
}

fn ok(answer: Value) -> Value {
    assert!(
        answer.get("error").is_none(),
        "python-omemo: {}",
        answer["error"]
    );
    answer
}

fn plaintext_for(namespace: Namespace, text: &str) -> Vec<u8> {
    match namespace {
        Namespace::Axolotl => text.as_bytes().to_vec(),
        Namespace::Omemo2 => Envelope::with_body(text, RUST)
            .to_xml(&mut OsSecrets)
            .expect("envelope")
            .into_bytes(),
    }
}

fn text_from_peer(namespace: Namespace, answer: &Value) -> String {
    let plaintext = answer["plaintext"].as_str().expect("plaintext");
    match namespace {
        Namespace::Axolotl => plaintext.to_owned(),
        Namespace::Omemo2 => {
            let envelope = Envelope::from_xml(plaintext).expect("python returns our envelope");
            envelope.check_from(RUST).expect("from");
            envelope.body().expect("body")
        }
    }
}

fn rust_to_python_first(namespace: Namespace) {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut rust = Account::new(&dir, "rust@example.org");
    let mut peer = Peer::start();
    let ns = ns_name(namespace);
    let answer = ok(peer.request(json!({"cmd": "bundle", "peer": "p1", "ns": ns})));
    let bundle = xml::parse_bundle_xml(answer["xml"].as_str().expect("xml"))
        .expect("python's bundle parses");
    bundle.verify().expect("python's bundle verifies");
    let device = answer["device"].as_u64().expect("device") as u32;
    let own_bundle_xml = xml::bundle_xml(&rust.store.bundle(namespace));

    let send = |rust: &mut Account, text: &str| -> String {
        let recipient = Recipient {
            jid: PEER,
            device_id: device,
            bundle: Some(&bundle),
        };
        let sent = rust
            .store
            .encrypt(namespace, &plaintext_for(namespace, text), &[recipient])
            .expect("encrypts");
        sent.message.to_xml()
    };
    let receive = |peer: &mut Peer, xml: &str| -> String {
        let answer = ok(peer.request(
            json!({"cmd": "receive", "peer": "p1", "ns": ns, "from_jid": RUST,
                                             "xml": xml, "sender_bundle_xml": own_bundle_xml}),
        ));
        text_from_peer(namespace, &answer)
    };

    // Pre-key messages; Python gets the third first and the first last.
    let m0 = send(&mut rust, "m0 from Rust ✓");
    let m1 = send(&mut rust, "m1");
    let m2 = send(&mut rust, "m2");
    assert!(
        m0.contains("prekey=\"true\"")
            || m0.contains("kex=\"true\"")
            || m0.contains("prekey='true'")
            || m0.contains("kex='true'")
    );
    assert_eq!(receive(&mut peer, &m2), "m2");
    assert_eq!(receive(&mut peer, &m0), "m0 from Rust ✓");
    assert_eq!(receive(&mut peer, &m1), "m1");

    // Python answers; we read the answers out of order, one skipped for a while.
    let mut answers = Vec::new();
    for i in 0..4 {
        let text = format!("r{i} from Python");
        let payload = match namespace {
            Namespace::Axolotl => text.clone(),
            // python-omemo has no XEP-0420 code: it sends the envelope we would.
            Namespace::Omemo2 => format!(
                "<envelope xmlns='urn:xmpp:sce:1'><content><body xmlns='jabber:client'>{text}</body></content><rpad>abc</rpad><from jid='{PEER}'/></envelope>"
            ),
        };
        let answer = ok(peer.request(
            json!({"cmd": "send", "peer": "p1", "ns": ns, "to_jid": RUST,
                                             "to_device": rust.store.device_id(), "text": payload}),
        ));
        answers.push(
            EncryptedMessage::from_xml(answer["xml"].as_str().expect("xml"))
                .expect("python's XML parses"),
        );
    }
    for index in [3, 0, 2, 1] {
        let decrypted = rust
            .store
            .decrypt(PEER, &answers[index])
            .expect("python's message decrypts");
        let bytes = decrypted.plaintext.expect("payload").to_vec();
        let text = match namespace {
            Namespace::Axolotl => String::from_utf8(bytes).expect("utf-8"),
            Namespace::Omemo2 => {
                let envelope = Envelope::from_xml(std::str::from_utf8(&bytes).expect("utf-8"))
                    .expect("envelope");
                envelope.check_from(PEER).expect("from");
                envelope.body().expect("body")
            }
        };
        assert_eq!(text, format!("r{index} from Python"));
    }

    // Confirmed: normal messages now, with a DH ratchet step and a skipped one.
    let m3 = send(&mut rust, "m3");
    let m4 = send(&mut rust, "m4");
    assert!(
        !m3.contains("true"),
        "no more key exchange once Python answered"
    );
    assert_eq!(receive(&mut peer, &m4), "m4");
    assert_eq!(receive(&mut peer, &m3), "m3");
}

fn python_to_rust_first(namespace: Namespace) {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut rust = Account::new(&dir, RUST);
    let mut peer = Peer::start();
    let ns = ns_name(namespace);
    let bundle_xml = xml::bundle_xml(&rust.store.bundle(namespace));
    let peer_bundle_xml = ok(peer.request(json!({"cmd": "bundle", "peer": "p2", "ns": ns})))["xml"]
        .as_str()
        .expect("xml")
        .to_owned();
    let peer_bundle = xml::parse_bundle_xml(&peer_bundle_xml).expect("parses");
    let peer_device = 4004;
    let rust_device = rust.store.device_id();

    let from_python = |peer: &mut Peer, text: &str| -> EncryptedMessage {
        let payload = match namespace {
            Namespace::Axolotl => text.to_owned(),
            Namespace::Omemo2 => format!(
                "<envelope xmlns='urn:xmpp:sce:1'><content><body xmlns='jabber:client'>{text}</body></content><rpad/><from jid='{PEER}'/></envelope>"
            ),
        };
        let answer = ok(peer.request(
            json!({"cmd": "send", "peer": "p2", "ns": ns, "to_jid": RUST,
            "to_device": rust_device, "bundle_xml": bundle_xml, "text": payload}),
        ));
        EncryptedMessage::from_xml(answer["xml"].as_str().expect("xml")).expect("parses")
    };
    let read = |rust: &mut Account, message: &EncryptedMessage| -> (String, bool) {
        let decrypted = rust.store.decrypt(PEER, message).expect("decrypts");
        let bytes = decrypted.plaintext.as_ref().expect("payload").to_vec();
        let text = match namespace {
            Namespace::Axolotl => String::from_utf8(bytes).expect("utf-8"),
            Namespace::Omemo2 => Envelope::from_xml(std::str::from_utf8(&bytes).expect("utf-8"))
                .expect("envelope")
                .body()
                .expect("body"),
        };
        (text, decrypted.new_session)
    };

    let k0 = from_python(&mut peer, "k0");
    let k1 = from_python(&mut peer, "k1");
    let k2 = from_python(&mut peer, "k2");
    assert!(k0.keys[0].key_exchange, "Python starts with a key exchange");
    // The second pre-key message first: the session starts there; the first is then a
    // skipped message of the same session.
    let (text, new_session) = read(&mut rust, &k1);
    assert_eq!(text, "k1");
    assert!(new_session);
    assert_eq!(read(&mut rust, &k2).0, "k2");
    assert_eq!(read(&mut rust, &k0).0, "k0");

    // Our answers, then Python's normal messages.
    for text in ["a0", "a1"] {
        let recipient = Recipient {
            jid: PEER,
            device_id: peer_device,
            bundle: Some(&peer_bundle),
        };
        let sent = rust
            .store
            .encrypt(namespace, &plaintext_for(namespace, text), &[recipient])
            .expect("encrypts");
        assert!(
            !sent.message.keys[0].key_exchange,
            "we answer in the session Python started"
        );
        let answer = ok(peer.request(
            json!({"cmd": "receive", "peer": "p2", "ns": ns, "from_jid": RUST,
            "xml": sent.message.to_xml(), "sender_bundle_xml": bundle_xml}),
        ));
        assert_eq!(text_from_peer(namespace, &answer), text);
    }
    let k3 = from_python(&mut peer, "k3");
    let k4 = from_python(&mut peer, "k4");
    assert!(!k3.keys[0].key_exchange, "Python's session is confirmed");
    assert_eq!(read(&mut rust, &k4).0, "k4");
    assert_eq!(read(&mut rust, &k3).0, "k3");
}

#[test]
fn axolotl_rust_starts() {
    rust_to_python_first(Namespace::Axolotl);
}

#[test]
fn omemo2_rust_starts() {
    rust_to_python_first(Namespace::Omemo2);
}

#[test]
fn axolotl_python_starts() {
    python_to_rust_first(Namespace::Axolotl);
}

#[test]
fn omemo2_python_starts() {
    python_to_rust_first(Namespace::Omemo2);
}
