//! The key derivations: HKDF-SHA-256 and the HMAC-SHA-256 chain step.

use hkdf::Hkdf;
use hmac::{Hmac, KeyInit as _, Mac as _};
use sha2::Sha256;

use crate::Secret32;

type HmacSha256 = Hmac<Sha256>;

/// HKDF-SHA-256 (RFC 5869) into `out`. `out` is at most 80 bytes everywhere in OMEMO, far
/// below HKDF's limit of 255 * 32 bytes.
pub(crate) fn hkdf_sha256(salt: &[u8], ikm: &[u8], info: &[u8], out: &mut [u8]) {
    let hkdf = Hkdf::<Sha256>::new(Some(salt), ikm);
    // The only error is an output longer than 255 * 32 bytes; callers ask for at most 80.
    #[allow(clippy::expect_used)]
    hkdf.expand(info, out)
        .expect("HKDF output of at most 80 bytes");
}

/// HMAC-SHA-256.
pub(crate) fn hmac_sha256(key: &[u8], parts: &[&[u8]]) -> [u8; 32] {
    // HMAC accepts keys of any length: new_from_slice cannot fail.
    #[allow(clippy::expect_used)]
    let mut mac = HmacSha256::new_from_slice(key).expect("HMAC takes any key length");
    for part in parts {
        mac.update(part);
    }
    mac.finalize().into_bytes().into()
}

/// One step of a sending or receiving chain (libsignal `ChainKey`):
/// message key = HMAC(ck, 0x01), next chain key = HMAC(ck, 0x02).
pub(crate) fn chain_step(chain_key: &Secret32) -> (Secret32, Secret32) {
    let message_key = hmac_sha256(chain_key.expose(), &[&[0x01]]);
    let next = hmac_sha256(chain_key.expose(), &[&[0x02]]);
    (Secret32(message_key), Secret32(next))
}

/// The root chain step (libsignal `RootKey.createChain`):
/// HKDF(salt = root key, ikm = DH output, info) -> (new root key, chain key).
pub(crate) fn root_step(root: &Secret32, dh: &Secret32, info: &[u8]) -> (Secret32, Secret32) {
    let mut out = [0u8; 64];
    hkdf_sha256(root.expose(), dh.expose(), info, &mut out);
    let mut new_root = [0u8; 32];
    let mut chain = [0u8; 32];
    new_root.copy_from_slice(&out[..32]);
    chain.copy_from_slice(&out[32..]);
    zeroize::Zeroize::zeroize(&mut out);
    (Secret32(new_root), Secret32(chain))
}

/// The three keys a message key expands to: AES-256 key, HMAC key, CBC IV.
pub(crate) struct ExpandedKey {
    pub(crate) cipher_key: [u8; 32],
    pub(crate) mac_key: [u8; 32],
    pub(crate) iv: [u8; 16],
}

impl Drop for ExpandedKey {
    fn drop(&mut self) {
        zeroize::Zeroize::zeroize(&mut self.cipher_key);
        zeroize::Zeroize::zeroize(&mut self.mac_key);
        zeroize::Zeroize::zeroize(&mut self.iv);
    }
}

/// HKDF(salt = 32 zero bytes, ikm = key, info) -> 80 bytes -> (32 | 32 | 16).
pub(crate) fn expand_80(key: &[u8], info: &[u8]) -> ExpandedKey {
    let mut out = [0u8; 80];
    hkdf_sha256(&[0u8; 32], key, info, &mut out);
    let mut expanded = ExpandedKey {
        cipher_key: [0; 32],
        mac_key: [0; 32],
        iv: [0; 16],
    };
    expanded.cipher_key.copy_from_slice(&out[..32]);
    expanded.mac_key.copy_from_slice(&out[32..64]);
    expanded.iv.copy_from_slice(&out[64..]);
    zeroize::Zeroize::zeroize(&mut out);
    expanded
}
