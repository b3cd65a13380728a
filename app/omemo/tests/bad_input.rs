//! Bad input: a typed error, no panic, nothing stored (the store file is byte-for-byte the
//! same afterwards, and the next genuine message still decrypts).

mod common;

use common::{ALICE, Account, BOB};
use messenger_omemo::proto::{OmemoAuthenticatedMessage, OmemoMessage, SignalMessage};
use messenger_omemo::{EncryptedMessage, Namespace, OmemoError, Recipient, xml};
use prost::Message as _;

/// Bob, with a session with Alice already confirmed in both directions.
fn set_up(namespace: Namespace) -> (tempfile::TempDir, Account, Account) {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut alice = Account::new(&dir, ALICE);
    let mut bob = Account::new(&dir, BOB);
    let m0 = alice.send(namespace, "m0", &bob);
    bob.receive_text(ALICE, &m0);
    let r0 = bob.send(namespace, "r0", &alice);
    alice.receive_text(BOB, &r0);
    (dir, alice, bob)
}

/// Feeds `bad` to Bob: it must fail with an error `check` accepts and store nothing.
fn refused(
    bob: &mut Account,
    alice: &mut Account,
    bad: &EncryptedMessage,
    check: impl Fn(&OmemoError) -> bool,
) {
    let before = bob.file();
    let error = bob
        .store
        .decrypt(ALICE, bad)
        .expect_err("bad input refused");
    assert!(check(&error), "unexpected error: {error:?}");
    assert_eq!(bob.file(), before, "nothing stored after {error:?}");
    let namespace = bad.namespace;
    let next = alice.send(namespace, "still fine", bob);
    assert_eq!(bob.receive_text(ALICE, &next).0, "still fine");
}

fn with_data(message: &EncryptedMessage, data: Vec<u8>) -> EncryptedMessage {
    let mut bad = message.clone();
    bad.keys[0].data = data;
    bad
}

#[test]
fn truncated_and_forged_protobufs() {
    for namespace in Namespace::ALL {
        let (_dir, mut alice, mut bob) = set_up(namespace);
        let good = alice.send(namespace, "to be mangled", &bob);
        let data = good.keys[0].data.clone();
        for cut in [0, 1, 5, data.len() / 2, data.len() - 1] {
            let bad = with_data(&good, data[..cut].to_vec());
            refused(&mut bob, &mut alice, &bad, |e| {
                matches!(
                    e,
                    OmemoError::Malformed { .. } | OmemoError::BadMac | OmemoError::InvalidKey
                )
            });
        }
        let mut garbage = vec![0x33u8];
        garbage.extend((0..60u8).map(|i| i.wrapping_mul(37)));
        refused(&mut bob, &mut alice, &with_data(&good, garbage), |e| {
            matches!(e, OmemoError::Malformed { .. } | OmemoError::InvalidKey)
        });
        // A pre-key flag on a normal message, and bytes that are not a key exchange.
        let mut flagged = good.clone();
        flagged.keys[0].key_exchange = true;
        refused(&mut bob, &mut alice, &flagged, |e| {
            matches!(
                e,
                OmemoError::Malformed { .. } | OmemoError::InvalidKey | OmemoError::MissingPreKey
            )
        });
    }
}

#[test]
fn wrong_mac_is_refused() {
    for namespace in Namespace::ALL {
        let (_dir, mut alice, mut bob) = set_up(namespace);
        let good = alice.send(namespace, "mac", &bob);
        let mut data = good.keys[0].data.clone();
        match namespace {
            // The MAC is the last 8 bytes.
            Namespace::Axolotl => *data.last_mut().expect("bytes") ^= 1,
            Namespace::Omemo2 => {
                let mut outer = OmemoAuthenticatedMessage::decode(data.as_slice()).expect("parses");
                outer.mac.as_mut().expect("mac")[0] ^= 1;
                data = outer.encode_to_vec();
            }
        }
        refused(&mut bob, &mut alice, &with_data(&good, data), |e| {
            matches!(e, OmemoError::BadMac)
        });
        // The payload tampered with: the transported tag catches it.
        let mut bad = good.clone();
        bad.payload.as_mut().expect("payload")[0] ^= 1;
        refused(&mut bob, &mut alice, &bad, |e| {
            matches!(e, OmemoError::BadPayload)
        });
        // Finally the untouched message still decrypts.
        assert_eq!(bob.receive_text(ALICE, &good).0, "mac");
    }
}

#[test]
fn huge_skipped_message_counters_are_refused() {
    for namespace in Namespace::ALL {
        let (_dir, mut alice, mut bob) = set_up(namespace);
        let good = alice.send(namespace, "counter", &bob);
        for counter in [u32::MAX, 1_000_000, messenger_omemo::MAX_SKIP_PER_CHAIN + 5] {
            let data = match namespace {
                Namespace::Axolotl => {
                    let body = &good.keys[0].data[1..good.keys[0].data.len() - 8];
                    let mut parsed = SignalMessage::decode(body).expect("parses");
                    parsed.counter = Some(counter);
                    let mut out = vec![0x33];
                    out.extend(parsed.encode_to_vec());
                    out.extend_from_slice(&[0u8; 8]);
                    out
                }
                Namespace::Omemo2 => {
                    let mut outer = OmemoAuthenticatedMessage::decode(good.keys[0].data.as_slice())
                        .expect("parses");
                    let mut inner =
                        OmemoMessage::decode(outer.message.as_deref().expect("message"))
                            .expect("parses");
                    inner.n = Some(counter);
                    outer.message = Some(inner.encode_to_vec());
                    outer.encode_to_vec()
                }
            };
            refused(&mut bob, &mut alice, &with_data(&good, data), |e| {
                matches!(e, OmemoError::TooManySkipped { .. })
            });
        }
    }
}

#[test]
fn bundle_with_bad_signature_is_refused() {
    for namespace in Namespace::ALL {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut alice = Account::new(&dir, ALICE);
        let bob = Account::new(&dir, BOB);
        let mut bundle = bob.store.bundle(namespace);
        bundle.signature[3] ^= 0x10;
        // Through XML, as from PEP.
        let bundle = xml::parse_bundle_xml(&xml::bundle_xml(&bundle)).expect("parses");
        let before = alice.file();
        let recipient = Recipient {
            jid: BOB,
            device_id: bob.store.device_id(),
            bundle: Some(&bundle),
        };
        assert!(matches!(
            alice.store.encrypt(namespace, b"x", &[recipient]),
            Err(OmemoError::NoRecipients)
        ));
        assert_eq!(alice.file(), before);
        // With another, good recipient the bad one is listed as refused.
        let carol = Account::new(&dir, "carol@example.org");
        let carol_bundle = carol.store.bundle(namespace);
        let good = Recipient {
            jid: carol.jid,
            device_id: carol.store.device_id(),
            bundle: Some(&carol_bundle),
        };
        let sent = alice
            .store
            .encrypt(namespace, b"x", &[recipient, good])
            .expect("carol gets it");
        assert_eq!(sent.refused.len(), 1);
        assert!(matches!(sent.refused[0].error, OmemoError::BadSignature));
        assert!(
            !alice
                .store
                .has_session(namespace, BOB, bob.store.device_id())
        );
    }
}

#[test]
fn replayed_key_exchange_is_refused() {
    for namespace in Namespace::ALL {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut alice = Account::new(&dir, ALICE);
        let mut bob = Account::new(&dir, BOB);
        let first = alice.send(namespace, "first", &bob);
        bob.receive_text(ALICE, &first);
        // The same message again: its key was used.
        let before = bob.file();
        assert!(matches!(
            bob.store.decrypt(ALICE, &first),
            Err(OmemoError::Duplicate)
        ));
        assert_eq!(bob.file(), before);
        // With the session gone, the key exchange's one-time pre-key is gone too.
        bob.store
            .delete_session(namespace, ALICE, alice.store.device_id())
            .expect("delete");
        let before = bob.file();
        assert!(matches!(
            bob.store.decrypt(ALICE, &first),
            Err(OmemoError::UnknownPreKey(_))
        ));
        assert_eq!(bob.file(), before);
    }
}

#[test]
fn not_for_this_device_and_no_session() {
    for namespace in Namespace::ALL {
        let (_dir, mut alice, mut bob) = set_up(namespace);
        let good = alice.send(namespace, "x", &bob);
        let mut other = good.clone();
        other.keys[0].rid = bob.store.device_id().wrapping_add(1);
        refused(&mut bob, &mut alice, &other, |e| {
            matches!(e, OmemoError::NotForThisDevice)
        });
        let mut unknown = good.clone();
        unknown.sid = alice.store.device_id().wrapping_add(1);
        refused(&mut bob, &mut alice, &unknown, |e| {
            matches!(e, OmemoError::NoSession)
        });
        let mut own = good.clone();
        own.sid = bob.store.device_id();
        let before = bob.file();
        assert!(matches!(
            bob.store.decrypt(BOB, &own),
            Err(OmemoError::FromOwnDevice)
        ));
        assert_eq!(bob.file(), before);
    }
}

#[test]
fn oversized_xml_is_bounded() {
    // A device list of 10,000 devices.
    for (namespace, root) in [(Namespace::Axolotl, "list"), (Namespace::Omemo2, "devices")] {
        let devices: String = (1..=10_000)
            .map(|i| format!("<device id='{i}'/>"))
            .collect();
        let list = format!("<{root} xmlns='{}'>{devices}</{root}>", namespace.xmlns());
        let error = xml::parse_device_list_xml(&list).expect_err("bounded");
        assert!(
            matches!(
                error,
                OmemoError::TooMany {
                    what: "devices",
                    count: 10_000,
                    ..
                }
            ),
            "{error:?}"
        );
    }
    // A message with 10,000 key elements.
    let keys: String = (1..=10_000)
        .map(|i| format!("<key rid='{i}'>AAAA</key>"))
        .collect();
    let message = format!(
        "<encrypted xmlns='eu.siacs.conversations.axolotl'><header sid='1'>{keys}<iv>AAAAAAAAAAAAAAAA</iv></header></encrypted>"
    );
    assert!(matches!(
        EncryptedMessage::from_xml(&message),
        Err(OmemoError::TooMany { .. })
    ));
    // More than a megabyte of XML.
    let huge = format!(
        "<list xmlns='eu.siacs.conversations.axolotl'>{}</list>",
        " ".repeat(2 * 1024 * 1024)
    );
    assert!(matches!(
        xml::parse_device_list_xml(&huge),
        Err(OmemoError::TooLarge { .. })
    ));
    // Malformed XML, a wrong element, bad base64, a bad id.
    for bad in [
        "<list xmlns='eu.siacs.conversations.axolotl'><device id='x'/></list>",
        "<list xmlns='urn:xmpp:omemo:2'/>",
        "<list",
        "<list xmlns='eu.siacs.conversations.axolotl'><device id='0'/></list>",
    ] {
        assert!(
            matches!(
                xml::parse_device_list_xml(bad),
                Err(OmemoError::Malformed { .. })
            ),
            "{bad}"
        );
    }
    assert!(matches!(
        EncryptedMessage::from_xml(
            "<encrypted xmlns='urn:xmpp:omemo:2'><header sid='1'><keys jid='a@b'><key rid='2'>!!</key></keys></header></encrypted>"
        ),
        Err(OmemoError::Malformed { .. })
    ));
}
