//! Feeds arbitrary input into OMEMO's receive path: as `<encrypted>` XML text (first byte
//! even), or as the bytes of the key element of an otherwise genuine message in a live
//! session (first byte odd), in either namespace. Any outcome but a panic is fine; a
//! successful decryption of random bytes would be a finding.
//!
//! `cd app/omemo/fuzz && cargo +nightly fuzz run receive corpus/receive seeds/receive`
#![no_main]

use std::cell::RefCell;

use libfuzzer_sys::fuzz_target;
use messenger_omemo::{EncryptedMessage, Namespace, OmemoStore, OsSecrets, Recipient};

struct Fixture {
    bob: OmemoStore,
    templates: Vec<EncryptedMessage>,
}

fn fixture() -> Fixture {
    let mut alice = OmemoStore::in_memory("alice@example.org", Box::new(OsSecrets)).expect("store");
    let mut bob = OmemoStore::in_memory("bob@example.org", Box::new(OsSecrets)).expect("store");
    let mut templates = Vec::new();
    for namespace in Namespace::ALL {
        let bundle = bob.bundle(namespace);
        let to_bob = Recipient { jid: "bob@example.org", device_id: bob.device_id(), bundle: Some(&bundle) };
        let first = alice.encrypt(namespace, b"hello", &[to_bob]).expect("encrypt").message;
        bob.decrypt("alice@example.org", &first).expect("decrypt");
        let to_alice = Recipient { jid: "alice@example.org", device_id: alice.device_id(), bundle: None };
        let answer = bob.encrypt(namespace, b"hi", &[to_alice]).expect("encrypt").message;
        alice.decrypt("bob@example.org", &answer).expect("decrypt");
        templates.push(alice.encrypt(namespace, b"next", &[to_bob]).expect("encrypt").message);
    }
    Fixture { bob, templates }
}

thread_local! {
    static FIXTURE: RefCell<Fixture> = RefCell::new(fixture());
}

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else { return };
    FIXTURE.with(|fixture| {
        let mut fixture = fixture.borrow_mut();
        let message = if mode & 1 == 0 {
            let Ok(text) = std::str::from_utf8(rest) else { return };
            match EncryptedMessage::from_xml(text) {
                Ok(message) => {
                    let _ = message.to_xml();
                    message
                }
                Err(_) => return,
            }
        } else {
            let mut message = fixture.templates[usize::from(mode >> 1) % 2].clone();
            message.keys[0].data = rest.to_vec();
            message.keys[0].key_exchange = mode & 2 != 0;
            message
        };
        if let Ok(decrypted) = fixture.bob.decrypt("alice@example.org", &message) {
            // Only the genuine templates may decrypt.
            assert!(decrypted.plaintext.as_deref().is_some_and(|p| p == b"next"));
        }
    });
});
