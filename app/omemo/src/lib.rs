//! OMEMO end-to-end encryption (XEP-0384) for Tor Messenger: the cryptographic core and the
//! stanza XML, without any XMPP transport.
//!
//! Two namespaces ([`Namespace`]):
//! - OMEMO 0.3, `eu.siacs.conversations.axolotl`, the libsignal wire format every deployed
//!   client speaks: Curve25519 identity keys, XEdDSA-signed pre-keys, `0x33`-versioned
//!   `SignalMessage`/`PreKeySignalMessage` with an 8-byte MAC, AES-128-GCM payloads;
//! - OMEMO 2, `urn:xmpp:omemo:2`: Ed25519 identity keys, `OMEMOAuthenticatedMessage` and
//!   `OMEMOKeyExchange`, AES-256-CBC + HMAC-SHA-256 payloads, XEP-0420 envelopes ([`sce`]).
//!
//! [`OmemoStore`] is the per-account state (identity, pre-keys, sessions, device lists,
//! trust) with the operations the XMPP layer needs: [`OmemoStore::bundle`],
//! [`OmemoStore::encrypt`], [`OmemoStore::decrypt`]; [`xml`] parses and builds the elements.
//! The building blocks ([`x3dh`], [`ratchet`], [`message`], [`payload`], [`xeddsa`]) are
//! public for the test vectors and for review.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

mod error;
mod kdf;
mod namespace;
mod persist;
mod secret;

pub mod bundle;
pub mod keys;
pub mod message;
pub mod payload;
pub mod proto;
pub mod ratchet;
pub mod sce;
pub mod session;
pub mod store;
pub mod x3dh;
pub mod xeddsa;
pub mod xml;

pub use bundle::Bundle;
pub use error::OmemoError;
pub use namespace::Namespace;
pub use ratchet::{MAX_SKIP_PER_CHAIN, MAX_SKIPPED_KEYS_PER_SESSION};
pub use secret::{OsSecrets, Secret32, SecretSource};
pub use store::{Decrypted, Encrypted, OmemoStore, Recipient, Refused, Trust, TrustPolicy};
pub use xml::{EncryptedMessage, KeyEntry};

/// A fingerprint as clients show it: the Curve25519 form of the identity key in lowercase
/// hex, in groups of eight (Conversations, Dino and Gajim show the same 64 digits).
pub fn fingerprint(curve25519_identity: &[u8; 32]) -> String {
    let hex: Vec<String> = curve25519_identity
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    hex.chunks(4)
        .map(|group| group.concat())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The fingerprint of an identity key given in a namespace's form ("invalid key" when an
/// Ed25519 key has no Curve25519 form).
pub fn fingerprint_of(namespace: Namespace, identity: &[u8; 32]) -> String {
    match namespace {
        Namespace::Axolotl => fingerprint(identity),
        Namespace::Omemo2 => keys::ed25519_to_curve25519(identity)
            .map(|curve| fingerprint(&curve))
            .unwrap_or_else(|_| "invalid key".to_owned()),
    }
}
