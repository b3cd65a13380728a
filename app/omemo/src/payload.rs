//! Payload encryption: the message body is encrypted once with a fresh key, and that key
//! (with the authentication tag) is what each device's ratchet message transports.
//!
//! OMEMO 0.3: AES-128-GCM with a 12-byte IV carried in `<iv>`; the key material is the
//! 16-byte key followed by the 16-byte GCM tag (Conversations' format since 2018; reading
//! also accepts 16-byte IVs and the older 16-byte key material with the tag appended to the
//! payload).
//!
//! OMEMO 2: a 32-byte key, HKDF-SHA-256(salt = 32 zero bytes, info = "OMEMO Payload") to 80
//! bytes = AES-256 key | HMAC key | CBC IV; AES-256-CBC with PKCS#7 padding; the key material
//! is the 32-byte key followed by HMAC-SHA-256(ciphertext) truncated to 16 bytes.

use aes::{Aes128, Aes256};
use aes_gcm::AesGcm;
use aes_gcm::aead::consts::{U12, U16};
use aes_gcm::aead::{Aead as _, KeyInit as _};
use cbc::cipher::block_padding::Pkcs7;
use cbc::cipher::{BlockModeDecrypt as _, BlockModeEncrypt as _, KeyIvInit as _};
use subtle::ConstantTimeEq as _;
use zeroize::Zeroizing;

use crate::OmemoError;
use crate::kdf::{expand_80, hmac_sha256};

/// At most this many bytes of payload are accepted (XMPP servers cap stanzas far lower).
pub const MAX_PAYLOAD_BYTES: usize = 256 * 1024;

const WHAT: &str = "payload";

/// An encrypted payload and the key material to transport.
pub struct SealedPayload {
    /// The ciphertext (`<payload>`).
    pub ciphertext: Vec<u8>,
    /// The IV (`<iv>`, OMEMO 0.3 only).
    pub iv: Option<[u8; 12]>,
    /// Key and tag, to be encrypted for every recipient device.
    pub key_material: Zeroizing<Vec<u8>>,
}

/// OMEMO 0.3: AES-128-GCM with the given key and IV.
pub fn seal_axolotl(
    plaintext: &[u8],
    key: &[u8; 16],
    iv: &[u8; 12],
) -> Result<SealedPayload, OmemoError> {
    let cipher = AesGcm::<Aes128, U12>::new(key.into());
    let mut sealed = cipher
        .encrypt(iv.into(), plaintext)
        .map_err(|_| OmemoError::TooLarge {
            what: WHAT,
            size: plaintext.len(),
            max: MAX_PAYLOAD_BYTES,
        })?;
    let tag = sealed.split_off(sealed.len() - 16);
    let mut key_material = Zeroizing::new(key.to_vec());
    key_material.extend_from_slice(&tag);
    Ok(SealedPayload {
        ciphertext: sealed,
        iv: Some(*iv),
        key_material,
    })
}

/// OMEMO 0.3: decrypts with transported key material and the `<iv>`.
pub fn open_axolotl(
    ciphertext: &[u8],
    iv: &[u8],
    key_material: &[u8],
) -> Result<Vec<u8>, OmemoError> {
    if ciphertext.len() > MAX_PAYLOAD_BYTES {
        return Err(OmemoError::TooLarge {
            what: WHAT,
            size: ciphertext.len(),
            max: MAX_PAYLOAD_BYTES,
        });
    }
    // 32 bytes: key || tag. 16 bytes: the legacy format with the tag after the ciphertext.
    let (key, combined) = match key_material.len() {
        32 => {
            let mut combined = ciphertext.to_vec();
            combined.extend_from_slice(&key_material[16..]);
            (&key_material[..16], combined)
        }
        16 if ciphertext.len() >= 16 => (key_material, ciphertext.to_vec()),
        _ => return Err(OmemoError::malformed("key material", "wrong length")),
    };
    let result = match iv.len() {
        12 => AesGcm::<Aes128, U12>::new_from_slice(key)
            .map_err(|_| OmemoError::malformed("key material", "wrong key length"))?
            .decrypt(
                iv.try_into()
                    .map_err(|_| OmemoError::malformed("iv", "wrong length"))?,
                combined.as_slice(),
            ),
        16 => AesGcm::<Aes128, U16>::new_from_slice(key)
            .map_err(|_| OmemoError::malformed("key material", "wrong key length"))?
            .decrypt(
                iv.try_into()
                    .map_err(|_| OmemoError::malformed("iv", "wrong length"))?,
                combined.as_slice(),
            ),
        _ => return Err(OmemoError::malformed("iv", "must be 12 or 16 bytes")),
    };
    result.map_err(|_| OmemoError::BadPayload)
}

/// OMEMO 2: AES-256-CBC + HMAC-SHA-256 under keys derived from `key`.
pub fn seal_omemo2(plaintext: &[u8], key: &[u8; 32]) -> SealedPayload {
    let keys = expand_80(key, b"OMEMO Payload");
    let ciphertext = cbc::Encryptor::<Aes256>::new(&keys.cipher_key.into(), &keys.iv.into())
        .encrypt_padded_vec::<Pkcs7>(plaintext);
    let tag = hmac_sha256(&keys.mac_key, &[&ciphertext]);
    let mut key_material = Zeroizing::new(key.to_vec());
    key_material.extend_from_slice(&tag[..16]);
    SealedPayload {
        ciphertext,
        iv: None,
        key_material,
    }
}

/// OMEMO 2: checks the tag and decrypts.
pub fn open_omemo2(ciphertext: &[u8], key_material: &[u8]) -> Result<Vec<u8>, OmemoError> {
    if ciphertext.len() > MAX_PAYLOAD_BYTES {
        return Err(OmemoError::TooLarge {
            what: WHAT,
            size: ciphertext.len(),
            max: MAX_PAYLOAD_BYTES,
        });
    }
    if key_material.len() != 48 {
        return Err(OmemoError::malformed("key material", "wrong length"));
    }
    let keys = expand_80(&key_material[..32], b"OMEMO Payload");
    let tag = hmac_sha256(&keys.mac_key, &[ciphertext]);
    if !bool::from(tag[..16].ct_eq(&key_material[32..])) {
        return Err(OmemoError::BadPayload);
    }
    cbc::Decryptor::<Aes256>::new(&keys.cipher_key.into(), &keys.iv.into())
        .decrypt_padded_vec::<Pkcs7>(ciphertext)
        .map_err(|_| OmemoError::BadPayload)
}
