//! ECDSA-NIST256P-CHALLENGE (Atheme's mechanism, offered by Libera.Chat): the client sends its
//! account name, the server a random 32-byte challenge, and the client the DER ECDSA signature
//! of those 32 bytes *as the digest* (Atheme verifies with OpenSSL's `ECDSA_verify` on the raw
//! challenge). ring only signs messages it hashes itself, so the `p256` crate signs here.
//!
//! The key is the P-256 key of the account's client certificate (the one the messenger
//! generates); its public half is registered with `/msg NickServ SET PUBKEY <base64>`, the
//! compressed point in base64 as Atheme's `ecdsatool pubkey` prints it.

use std::fmt;

use base64::Engine;
use p256::ecdsa::signature::hazmat::PrehashSigner;
use p256::ecdsa::{Signature, SigningKey};
use p256::pkcs8::DecodePrivateKey;
use rustls_pki_types::PrivateKeyDer;
use rustls_pki_types::pem::PemObject;

/// The length of the server's challenge.
pub(crate) const CHALLENGE_LEN: usize = 32;

/// A P-256 private key that answers the challenge.
#[derive(Clone)]
pub struct EcdsaKey {
    key: SigningKey,
}

impl fmt::Debug for EcdsaKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("EcdsaKey([hidden])")
    }
}

impl EcdsaKey {
    /// The P-256 key in a PEM file (PKCS#8 or SEC1), or `None` when the file's key is of
    /// another type (RSA, Ed25519): then only EXTERNAL can use the certificate.
    pub fn from_pem(pem: &[u8]) -> Option<EcdsaKey> {
        let key = match PrivateKeyDer::from_pem_slice(pem).ok()? {
            PrivateKeyDer::Pkcs8(der) => SigningKey::from_pkcs8_der(der.secret_pkcs8_der()).ok()?,
            PrivateKeyDer::Sec1(der) => {
                let secret = p256::SecretKey::from_sec1_der(der.secret_sec1_der()).ok()?;
                SigningKey::from(secret)
            }
            _ => return None,
        };
        Some(EcdsaKey { key })
    }

    /// The public key as `NickServ SET PUBKEY` takes it: the compressed point, base64.
    pub fn public_key_base64(&self) -> String {
        let point = self.key.verifying_key().to_encoded_point(true);
        base64::engine::general_purpose::STANDARD.encode(point.as_bytes())
    }

    /// The DER signature of the challenge, or why it cannot be signed.
    pub(crate) fn sign_challenge(&self, challenge: &[u8]) -> Result<Vec<u8>, String> {
        if challenge.len() != CHALLENGE_LEN {
            return Err(format!(
                "the server's ECDSA challenge has {} bytes instead of {CHALLENGE_LEN}",
                challenge.len()
            ));
        }
        let signature: Signature = self
            .key
            .sign_prehash(challenge)
            .map_err(|_| "the ECDSA challenge could not be signed".to_owned())?;
        Ok(signature.to_der().as_bytes().to_vec())
    }
}

#[cfg(test)]
mod tests;
