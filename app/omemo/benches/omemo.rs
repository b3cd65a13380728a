//! Prints the time of a 1 KB message encrypted and decrypted for 1 and for 10 devices and of
//! a full X3DH session set-up, in both namespaces, next to python-omemo doing the same
//! backend operations in the same run (testdata/peer.py "time"), and the ratio.

#[path = "../tests/common/python.rs"]
mod python;

use std::time::Instant;

use messenger_omemo::{EncryptedMessage, Namespace, OmemoStore, OsSecrets, Recipient};
use serde_json::json;

const ROUNDS: usize = 200;
const SIZE: usize = 1024;

fn store(jid: &str) -> OmemoStore {
    OmemoStore::in_memory(jid, Box::new(OsSecrets)).expect("store")
}

fn rust_times(namespace: Namespace) -> (f64, f64, f64) {
    let text = vec![b'x'; SIZE];
    // X3DH set-up: verify the bundle, agree, first ratchet step, first message.
    let mut alice = store("alice@example.org");
    let bobs: Vec<OmemoStore> = (0..10)
        .map(|i| store(&format!("bob{i}@example.org")))
        .collect();
    let bundle = bobs[0].bundle(namespace);
    let start = Instant::now();
    for _ in 0..ROUNDS {
        alice
            .delete_session(namespace, "bob0@example.org", bobs[0].device_id())
            .expect("delete");
        let recipient = Recipient {
            jid: "bob0@example.org",
            device_id: bobs[0].device_id(),
            bundle: Some(&bundle),
        };
        alice
            .encrypt(namespace, &text, &[recipient])
            .expect("encrypt");
    }
    let setup = start.elapsed().as_secs_f64() / ROUNDS as f64;

    // Sessions with 10 devices, confirmed.
    let mut alice = store("alice@example.org");
    let mut bobs = bobs;
    let bundles: Vec<_> = bobs.iter().map(|b| b.bundle(namespace)).collect();
    let jids: Vec<String> = (0..10).map(|i| format!("bob{i}@example.org")).collect();
    for (index, bob) in bobs.iter_mut().enumerate() {
        let recipient = Recipient {
            jid: &jids[index],
            device_id: bob.device_id(),
            bundle: Some(&bundles[index]),
        };
        let first = alice
            .encrypt(namespace, &text, &[recipient])
            .expect("encrypt")
            .message;
        bob.decrypt("alice@example.org", &first).expect("decrypt");
    }
    let mut per_devices = Vec::new();
    for devices in [1usize, 10] {
        let recipients: Vec<Recipient<'_>> = (0..devices)
            .map(|i| Recipient {
                jid: &jids[i],
                device_id: bobs[i].device_id(),
                bundle: None,
            })
            .collect();
        let start = Instant::now();
        for _ in 0..ROUNDS {
            let message = alice
                .encrypt(namespace, &text, &recipients)
                .expect("encrypt")
                .message;
            let wire = EncryptedMessage::from_xml(&message.to_xml()).expect("parse");
            for bob in bobs.iter_mut().take(devices) {
                let decrypted = bob.decrypt("alice@example.org", &wire).expect("decrypt");
                assert_eq!(decrypted.plaintext.as_deref().map(Vec::len), Some(SIZE));
            }
        }
        per_devices.push(start.elapsed().as_secs_f64() / ROUNDS as f64);
    }
    (setup, per_devices[0], per_devices[1])
}

fn main() {
    let mut peer = python::Peer::start();
    println!(
        "OMEMO, {SIZE}-byte message, {ROUNDS} rounds; microseconds per operation (Python / Rust = ratio)"
    );
    for (namespace, name) in [
        (Namespace::Axolotl, "axolotl"),
        (Namespace::Omemo2, "omemo2"),
    ] {
        let (setup, one, ten) = rust_times(namespace);
        let py = peer.request(json!({"cmd": "time", "ns": name, "n": ROUNDS, "size": SIZE}));
        assert!(py.get("error").is_none(), "python: {}", py["error"]);
        for (label, rust, key) in [
            ("X3DH session set-up + first message", setup, "x3dh_setup"),
            ("encrypt+decrypt, 1 device", one, "encrypt_decrypt_1"),
            ("encrypt+decrypt, 10 devices", ten, "encrypt_decrypt_10"),
        ] {
            let python = py[key].as_f64().expect("seconds");
            println!(
                "{name:8} {label:38} rust {:9.1} us   python {:9.1} us   ratio {:5.1}x",
                rust * 1e6,
                python * 1e6,
                python / rust
            );
        }
    }
}
