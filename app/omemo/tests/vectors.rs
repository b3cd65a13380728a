//! Checks against values produced by the independent Python implementation (python-omemo
//! 2.1 with Oldmemo/Twomemo, X3DH, DoubleRatchet, libxeddsa): `testdata/vectors.json`, made
//! by `testdata/generate.py`. No Python is needed to run these.
//!
//! The Python run's randomness is replayed, so the Rust side must produce the very same
//! bytes: X3DH secrets, every message key, every ratchet message and key exchange, every
//! payload; and it must decrypt every Python message, in Python's (out-of-order) order.

use std::collections::VecDeque;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use messenger_omemo::keys::{IdentityKeyPair, PreKey, SignedPreKey, x25519_public};
use messenger_omemo::message::parse_key_element;
use messenger_omemo::session::Session;
use messenger_omemo::{
    EncryptedMessage, Namespace, OmemoError, Secret32, SecretSource, payload, x3dh, xeddsa, xml,
};
use serde_json::Value;

fn vectors() -> Value {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/testdata/vectors.json"
    ))
    .expect("testdata/vectors.json");
    serde_json::from_str(&text).expect("valid JSON")
}

fn bytes(value: &Value) -> Vec<u8> {
    STANDARD
        .decode(value.as_str().expect("a base64 string"))
        .expect("base64")
}

fn arr<const N: usize>(value: &Value) -> [u8; N] {
    bytes(value).try_into().expect("length")
}

/// Replays a fixed list of secrets in order.
#[derive(Clone, Default)]
struct Replay(VecDeque<Vec<u8>>);

impl SecretSource for Replay {
    fn fill(&mut self, out: &mut [u8]) -> Result<(), OmemoError> {
        let next = self
            .0
            .pop_front()
            .expect("the Python run drew another secret here");
        assert_eq!(
            next.len(),
            out.len(),
            "the Python run drew a secret of another length here"
        );
        out.copy_from_slice(&next);
        Ok(())
    }
}

#[test]
fn xeddsa_signatures_match_libxeddsa() {
    let v = vectors();
    for case in v["xeddsa"].as_array().expect("cases") {
        let private = arr::<32>(&case["private"]);
        let public = arr::<32>(&case["public"]);
        let message = bytes(&case["message"]);
        let nonce = arr::<64>(&case["nonce"]);
        let signature = arr::<64>(&case["signature"]);
        assert_eq!(
            x25519_public(&Secret32::from_bytes(private)),
            public,
            "public key"
        );
        assert_eq!(
            xeddsa::sign(&private, &message, &nonce),
            signature,
            "signature bytes"
        );
        assert!(xeddsa::verify(&public, &message, &signature));
        let mut forged = signature;
        forged[10] ^= 0x40;
        assert!(!xeddsa::verify(&public, &message, &forged));
        assert!(!xeddsa::verify(
            &public,
            &[&message[..], b"x"].concat(),
            &signature
        ));
    }
}

#[test]
fn legacy_sign_bit_signatures_verify() {
    let v = vectors();
    let mut saw_set_bit = false;
    for case in v["legacy_sign_bit"].as_array().expect("cases") {
        let public = arr::<32>(&case["public"]);
        let message = bytes(&case["message"]);
        let signature = arr::<64>(&case["signature"]);
        saw_set_bit |= case["sign_bit"].as_bool().expect("bool");
        assert!(xeddsa::verify(&public, &message, &signature));
        let mut flipped = signature;
        flipped[63] ^= 0x80;
        assert!(
            !xeddsa::verify(&public, &message, &flipped),
            "the sign bit matters"
        );
    }
    assert!(
        saw_set_bit,
        "the vectors cover a key whose Edwards form has the sign bit set"
    );
}

#[test]
fn identity_conversions_match() {
    let v = vectors();
    for case in v["identity"].as_array().expect("cases") {
        let identity = IdentityKeyPair::from_seed(Secret32::from_bytes(arr(&case["seed"])));
        assert_eq!(
            identity.x25519_private().expose(),
            &arr::<32>(&case["x25519_private"])
        );
        assert_eq!(
            identity.ed25519_public(),
            arr::<32>(&case["ed25519_public"])
        );
        assert_eq!(
            identity.curve25519_public(),
            arr::<32>(&case["curve25519_public"])
        );
        assert_eq!(
            messenger_omemo::keys::ed25519_to_curve25519(&identity.ed25519_public())
                .expect("valid"),
            identity.curve25519_public()
        );
        assert_eq!(
            identity.sign_ed25519(&bytes(&case["message"])),
            arr::<64>(&case["ed25519_signature"])
        );
    }
}

struct Party {
    identity: IdentityKeyPair,
    signed_pre_key: SignedPreKey,
    pre_keys: Vec<PreKey>,
    device: u32,
    /// Payload keys and IVs drawn by encrypt_plaintext, in order.
    payload_secrets: VecDeque<Vec<u8>>,
    /// Ephemeral and ratchet keys, in order.
    key_secrets: Replay,
    /// Message keys Python derived when sending and receiving, in order.
    send_keys: VecDeque<Vec<u8>>,
    receive_keys: VecDeque<Vec<u8>>,
    session: Option<Session>,
}

fn party(conversation: &Value, who: &str) -> Party {
    let keys = &conversation[who];
    let identity = IdentityKeyPair::from_seed(Secret32::from_bytes(arr(&keys["seed"])));
    let signed_pre_key = SignedPreKey::sign(
        &identity,
        keys["signed_pre_key_id"].as_u64().expect("id") as u32,
        Secret32::from_bytes(arr(&keys["signed_pre_key"])),
        0,
        &[0u8; 64],
    );
    let pre_keys = keys["pre_keys"]
        .as_array()
        .expect("pre keys")
        .iter()
        .map(|k| PreKey {
            id: k["id"].as_u64().expect("id") as u32,
            private: Secret32::from_bytes(arr(&k["private"])),
        })
        .collect();
    let drawn = conversation["randomness"].as_array().expect("log");
    let mine = |purposes: &[&str]| -> VecDeque<Vec<u8>> {
        drawn
            .iter()
            .filter(|d| {
                d["actor"] == who && purposes.contains(&d["purpose"].as_str().expect("purpose"))
            })
            .map(|d| bytes(&d["value"]))
            .collect()
    };
    let captured = conversation["message_keys"].as_array().expect("keys");
    let message_keys = |kind: &str| -> VecDeque<Vec<u8>> {
        captured
            .iter()
            .filter(|c| c["actor"] == who && c["kind"] == kind)
            .map(|c| bytes(&c["message_key"]))
            .collect()
    };
    Party {
        identity,
        signed_pre_key,
        pre_keys,
        device: keys["device"].as_u64().expect("device") as u32,
        payload_secrets: mine(&["encrypt_plaintext"]),
        key_secrets: Replay(mine(&["get_shared_secret_active", "ratchet"])),
        send_keys: message_keys("send"),
        receive_keys: message_keys("receive"),
        session: None,
    }
}

fn conversation(name: &str, namespace: Namespace) {
    let v = vectors();
    let c = &v[name];
    assert_eq!(c["namespace"], namespace.xmlns());
    let mut alice = party(c, "alice");
    let mut bob = party(c, "bob");

    // Bob's bundle as python-omemo publishes it parses and verifies, and holds Bob's keys.
    let bundle =
        xml::parse_bundle_xml(c["bob_bundle_xml"].as_str().expect("xml")).expect("bundle parses");
    bundle.verify().expect("python-omemo's signature verifies");
    assert_eq!(bundle.namespace, namespace);
    assert_eq!(bundle.identity_key, bob.identity.public(namespace));
    assert_eq!(bundle.signed_pre_key_id, bob.signed_pre_key.id);
    assert_eq!(bundle.signed_pre_key, bob.signed_pre_key.public());
    for key in &bob.pre_keys {
        assert!(
            bundle.pre_keys.contains(&(key.id, key.public())),
            "pre-key {} published",
            key.id
        );
    }
    let mut forged = bundle.clone();
    forged.signed_pre_key[0] ^= 1;
    assert!(matches!(forged.verify(), Err(OmemoError::BadSignature)));

    let mut sent: std::collections::HashMap<String, Value> = Default::default();
    for step in c["steps"].as_array().expect("steps") {
        let actor = step["actor"].as_str().expect("actor");
        let name = step["name"].as_str().expect("name").to_owned();
        let (me, peer) = if actor == "alice" {
            (&mut alice, &mut bob)
        } else {
            (&mut bob, &mut alice)
        };
        if step["action"] == "send" {
            // The payload, with the key (and IV) Python drew.
            let plaintext = step["plaintext"].as_str().expect("text").as_bytes();
            let python = EncryptedMessage::from_xml(step["xml"].as_str().expect("xml"))
                .expect("python's XML parses");
            let sealed = match namespace {
                Namespace::Axolotl => {
                    let key: [u8; 16] = me
                        .payload_secrets
                        .pop_front()
                        .expect("key")
                        .try_into()
                        .expect("16");
                    let iv: [u8; 12] = me
                        .payload_secrets
                        .pop_front()
                        .expect("iv")
                        .try_into()
                        .expect("12");
                    assert_eq!(python.iv.as_deref(), Some(&iv[..]));
                    payload::seal_axolotl(plaintext, &key, &iv).expect("seal")
                }
                Namespace::Omemo2 => {
                    let key: [u8; 32] = me
                        .payload_secrets
                        .pop_front()
                        .expect("key")
                        .try_into()
                        .expect("32");
                    payload::seal_omemo2(plaintext, &key)
                }
            };
            assert_eq!(
                python.payload.as_deref(),
                Some(&sealed.ciphertext[..]),
                "{name}: payload bytes"
            );
            assert_eq!(
                &sealed.key_material[..],
                &[bytes(&step["payload_key"]), bytes(&step["payload_tag"])].concat()[..],
                "{name}: key material"
            );
            if me.session.is_none() {
                // Alice's first message: X3DH with the pre-key Python chose.
                let ephemeral = me.key_secrets.secret32().expect("ephemeral");
                let index = bundle
                    .pre_keys
                    .iter()
                    .position(|(id, _)| {
                        u64::from(*id) == c["chosen_pre_key_id"].as_u64().expect("id")
                    })
                    .expect("chosen pre-key in bundle");
                let (agreement, exchange) =
                    x3dh::initiate(&me.identity, &bundle, &ephemeral, index).expect("x3dh");
                assert_eq!(
                    agreement.shared_secret.expose()[..],
                    bytes(&c["x3dh"]["initiator"]["shared_secret"])[..]
                );
                assert_eq!(
                    agreement.associated_data,
                    bytes(&c["x3dh"]["initiator"]["associated_data"])
                );
                let ratchet_key = me.key_secrets.secret32().expect("ratchet");
                me.session = Some(
                    Session::initiate(
                        namespace,
                        agreement,
                        exchange,
                        bundle.identity_key,
                        &bundle.signed_pre_key,
                        ratchet_key,
                    )
                    .expect("session"),
                );
            }
            let session = me.session.as_mut().expect("session");
            let (expected_key, _) = session.ratchet().clone().next_sending_key();
            assert_eq!(
                expected_key.expose()[..],
                me.send_keys.pop_front().expect("send key")[..],
                "{name}: message key"
            );
            let (data, key_exchange) = session.encrypt(&sealed.key_material).expect("encrypt");
            let entry = python
                .keys
                .iter()
                .find(|k| k.rid == peer.device)
                .expect("key for peer");
            assert_eq!(
                key_exchange, entry.key_exchange,
                "{name}: key exchange flag"
            );
            assert_eq!(data, entry.data, "{name}: key element bytes");
            sent.insert(name, step.clone());
        } else {
            let step = &sent[&name];
            let message =
                EncryptedMessage::from_xml(step["xml"].as_str().expect("xml")).expect("parses");
            let entry = message
                .keys
                .iter()
                .find(|k| k.rid == me.device)
                .expect("key for me");
            let element = parse_key_element(namespace, &entry.data, entry.key_exchange)
                .expect("key element parses");
            let key_material = match (&me.session, &element.key_exchange) {
                (None, Some(exchange)) => {
                    let pre_key = me
                        .pre_keys
                        .iter()
                        .find(|k| k.id == exchange.pre_key_id)
                        .expect("pre-key")
                        .clone();
                    let agreement = x3dh::respond(
                        namespace,
                        &me.identity,
                        exchange,
                        &me.signed_pre_key,
                        &pre_key,
                    )
                    .expect("x3dh");
                    assert_eq!(
                        agreement.shared_secret.expose()[..],
                        bytes(&c["x3dh"]["responder"]["shared_secret"])[..]
                    );
                    assert_eq!(
                        agreement.associated_data,
                        bytes(&c["x3dh"]["responder"]["associated_data"])
                    );
                    let (session, key_material) = Session::respond(
                        namespace,
                        agreement,
                        exchange.clone(),
                        &me.signed_pre_key.private,
                        &element.message,
                        &mut me.key_secrets,
                    )
                    .expect("first message decrypts");
                    me.receive_keys.pop_front();
                    me.session = Some(session);
                    key_material
                }
                (Some(session), _) => {
                    let (key, _) = session
                        .ratchet()
                        .receiving_key(
                            namespace,
                            &element.message.header,
                            &mut me.key_secrets.clone(),
                        )
                        .expect("key");
                    assert_eq!(
                        key.expose()[..],
                        me.receive_keys.pop_front().expect("receive key")[..],
                        "{name}: message key"
                    );
                    let (next, key_material) = session
                        .decrypt(&element.message, &mut me.key_secrets)
                        .expect("decrypts");
                    me.session = Some(next);
                    key_material
                }
                (None, None) => panic!("{name}: no session and no key exchange"),
            };
            let ciphertext = message.payload.as_deref().expect("payload");
            let plaintext = match namespace {
                Namespace::Axolotl => payload::open_axolotl(
                    ciphertext,
                    message.iv.as_deref().expect("iv"),
                    &key_material,
                ),
                Namespace::Omemo2 => payload::open_omemo2(ciphertext, &key_material),
            }
            .expect("payload decrypts");
            assert_eq!(
                String::from_utf8(plaintext).expect("utf-8"),
                step["plaintext"].as_str().expect("text")
            );
        }
    }
    for party in [&alice, &bob] {
        assert!(
            party.payload_secrets.is_empty() && party.key_secrets.0.is_empty(),
            "all of Python's randomness replayed"
        );
        assert!(
            party.send_keys.is_empty() && party.receive_keys.is_empty(),
            "all message keys compared"
        );
    }
}

#[test]
fn axolotl_conversation_matches_python_byte_for_byte() {
    conversation("axolotl", Namespace::Axolotl);
}

#[test]
fn omemo2_conversation_matches_python_byte_for_byte() {
    conversation("omemo2", Namespace::Omemo2);
}
