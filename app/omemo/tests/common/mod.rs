//! Shared set-up for the store tests: two accounts with stores on disk.
#![allow(dead_code)]

use std::path::PathBuf;

use messenger_omemo::sce::Envelope;
use messenger_omemo::{Decrypted, EncryptedMessage, Namespace, OmemoStore, OsSecrets, Recipient};

pub(crate) const ALICE: &str = "alice@example.org";
pub(crate) const BOB: &str = "bob@example.org";

pub(crate) struct Account {
    pub jid: &'static str,
    pub path: PathBuf,
    pub store: OmemoStore,
}

impl Account {
    pub(crate) fn new(dir: &tempfile::TempDir, jid: &'static str) -> Self {
        let path = dir.path().join(format!("{jid}.omemo.json"));
        let store = OmemoStore::open(&path, jid).expect("store opens");
        Self { jid, path, store }
    }

    pub(crate) fn file(&self) -> Vec<u8> {
        std::fs::read(&self.path).expect("store file")
    }

    /// Encrypts `text` (inside an SCE envelope for OMEMO 2) to all devices of `to`.
    pub(crate) fn send(
        &mut self,
        namespace: Namespace,
        text: &str,
        to: &Account,
    ) -> EncryptedMessage {
        let bundle = to.store.bundle(namespace);
        let plaintext = match namespace {
            Namespace::Axolotl => text.as_bytes().to_vec(),
            Namespace::Omemo2 => Envelope::with_body(text, self.jid)
                .to_xml(&mut OsSecrets)
                .expect("envelope")
                .into_bytes(),
        };
        let recipient = Recipient {
            jid: to.jid,
            device_id: to.store.device_id(),
            bundle: Some(&bundle),
        };
        let encrypted = self
            .store
            .encrypt(namespace, &plaintext, &[recipient])
            .expect("encrypts");
        assert!(encrypted.refused.is_empty(), "{:?}", encrypted.refused);
        // Through XML text and back, as over the wire.
        EncryptedMessage::from_xml(&encrypted.message.to_xml()).expect("own XML parses")
    }

    pub(crate) fn receive_text(
        &mut self,
        from: &str,
        message: &EncryptedMessage,
    ) -> (String, Decrypted) {
        let decrypted = self.store.decrypt(from, message).expect("decrypts");
        let bytes = decrypted
            .plaintext
            .as_ref()
            .expect("has a payload")
            .to_vec();
        let text = match message.namespace {
            Namespace::Axolotl => String::from_utf8(bytes).expect("utf-8"),
            Namespace::Omemo2 => {
                let envelope = Envelope::from_xml(std::str::from_utf8(&bytes).expect("utf-8"))
                    .expect("envelope");
                envelope.check_from(from).expect("from affix matches");
                envelope.body().expect("body")
            }
        };
        (text, decrypted)
    }
}
