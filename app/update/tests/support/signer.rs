//! A throwaway release key made in memory with the `minisign` crate (an implementation apart
//! from the `minisign-verify` code under test), signing prehashed like `minisign -S`.
//!
//! One copy for both kinds of tests: the integration tests declare it as a module, and the
//! unit tests of `check` include it with `#[path]`. Its includer must have `TrustedKeys` in
//! scope (`messenger_update::TrustedKeys` or the crate's own).

use super::TrustedKeys;

/// A key pair that signs test manifests and bundles.
pub(super) struct Signer {
    /// The public half.
    pub public: minisign::PublicKey,
    secret: minisign::SecretKey,
}

impl Signer {
    /// A fresh key pair.
    pub(super) fn new() -> Signer {
        let pair = minisign::KeyPair::generate_unencrypted_keypair().unwrap();
        Signer {
            public: pair.pk,
            secret: pair.sk,
        }
    }

    /// The public key as a `minisign.pub` file's text.
    pub(super) fn pub_text(&self) -> String {
        self.public.to_box().unwrap().into_string()
    }

    /// The public key's base64 line (what a manifest's `keys.add` carries).
    pub(super) fn base64(&self) -> String {
        self.public.to_base64()
    }

    /// Only this key, as trusted keys.
    pub(super) fn keys(&self) -> TrustedKeys {
        let mut keys = TrustedKeys::empty();
        keys.add_minisign_pub(&self.pub_text()).unwrap();
        keys
    }

    /// The `.minisig` text of a prehashed signature of `bytes`.
    pub(super) fn sign(&self, bytes: &[u8]) -> String {
        minisign::sign(Some(&self.public), &self.secret, bytes, None, None)
            .unwrap()
            .into_string()
    }
}
