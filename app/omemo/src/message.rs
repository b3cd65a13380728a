//! Ratchet messages on the wire, per namespace.
//!
//! OMEMO 0.3 (libsignal): `0x33 || SignalMessage || mac[8]`, where
//! `mac = HMAC-SHA-256(mac_key, IK_sender || IK_receiver || 0x33 || SignalMessage)` with the
//! identity keys as `0x05 || key`; a key exchange is `0x33 || PreKeySignalMessage`.
//!
//! OMEMO 2: `OMEMOAuthenticatedMessage { mac[16], OMEMOMessage }` with
//! `mac = HMAC-SHA-256(mac_key, IK_initiator || IK_responder || OMEMOMessage)`; a key
//! exchange is `OMEMOKeyExchange`.
//!
//! The ratchet message's ciphertext is AES-256-CBC (PKCS#7) of the transported key material
//! under the key and IV that HKDF expands the message key to.

use aes::Aes256;
use cbc::cipher::block_padding::Pkcs7;
use cbc::cipher::{BlockModeDecrypt as _, BlockModeEncrypt as _, KeyIvInit as _};
use prost::Message as _;
use subtle::ConstantTimeEq as _;

use crate::kdf::{ExpandedKey, expand_80, hmac_sha256};
use crate::keys::{parse_djb, serialize_djb};
use crate::proto;
use crate::ratchet::Header;
use crate::x3dh::KeyExchange;
use crate::{Namespace, OmemoError, Secret32};

/// libsignal's version byte: (3 << 4) | 3.
pub const VERSION_BYTE: u8 = 0x33;

/// At most this many bytes are accepted for one key element's content (a key exchange
/// carrying a ratchet message of 48 bytes of key material is about 200 bytes).
pub const MAX_KEY_ELEMENT_BYTES: usize = 4096;

/// A parsed ratchet message.
#[derive(Debug, Clone)]
pub struct RatchetMessage {
    /// Its header.
    pub header: Header,
    /// AES-256-CBC ciphertext of the key material.
    pub ciphertext: Vec<u8>,
    /// The bytes the MAC covers after the identity keys.
    mac_input: Vec<u8>,
    /// The received MAC.
    mac: Vec<u8>,
}

/// A parsed key element: a ratchet message, possibly inside a key exchange.
#[derive(Debug, Clone)]
pub struct KeyElement {
    /// The key exchange, for a pre-key message.
    pub key_exchange: Option<KeyExchange>,
    /// The ratchet message.
    pub message: RatchetMessage,
}

fn field<T>(value: Option<T>, what: &'static str, reason: &'static str) -> Result<T, OmemoError> {
    value.ok_or(OmemoError::malformed(what, reason))
}

fn key32(bytes: &[u8]) -> Result<[u8; 32], OmemoError> {
    <[u8; 32]>::try_from(bytes).map_err(|_| OmemoError::InvalidKey)
}

/// Encrypts key material with a message key and frames it with its header and MAC.
/// `mac_associated_data` is the identity-key prefix of the MAC input (see module docs).
pub fn seal(
    namespace: Namespace,
    message_key: &Secret32,
    header: &Header,
    plaintext: &[u8],
    mac_associated_data: &[u8],
) -> Vec<u8> {
    let keys = expand_80(message_key.expose(), namespace.message_key_info());
    let ciphertext = cbc::Encryptor::<Aes256>::new(&keys.cipher_key.into(), &keys.iv.into())
        .encrypt_padded_vec::<Pkcs7>(plaintext);
    match namespace {
        Namespace::Axolotl => {
            let body = proto::SignalMessage {
                ratchet_key: Some(serialize_djb(&header.ratchet_key).to_vec()),
                counter: Some(header.n),
                previous_counter: Some(header.pn),
                ciphertext: Some(ciphertext),
            };
            let mut out = vec![VERSION_BYTE];
            out.extend(body.encode_to_vec());
            let mac = hmac_sha256(&keys.mac_key, &[mac_associated_data, &out]);
            out.extend_from_slice(&mac[..namespace.mac_len()]);
            out
        }
        Namespace::Omemo2 => {
            let body = proto::OmemoMessage {
                n: Some(header.n),
                pn: Some(header.pn),
                dh_pub: Some(header.ratchet_key.to_vec()),
                ciphertext: Some(ciphertext),
            }
            .encode_to_vec();
            let mac = hmac_sha256(&keys.mac_key, &[mac_associated_data, &body]);
            proto::OmemoAuthenticatedMessage {
                mac: Some(mac[..namespace.mac_len()].to_vec()),
                message: Some(body),
            }
            .encode_to_vec()
        }
    }
}

/// Parses a ratchet message (no cryptography yet).
pub fn parse_ratchet_message(
    namespace: Namespace,
    bytes: &[u8],
) -> Result<RatchetMessage, OmemoError> {
    const WHAT: &str = "ratchet message";
    if bytes.len() > MAX_KEY_ELEMENT_BYTES {
        return Err(OmemoError::TooLarge {
            what: WHAT,
            size: bytes.len(),
            max: MAX_KEY_ELEMENT_BYTES,
        });
    }
    match namespace {
        Namespace::Axolotl => {
            let mac_len = namespace.mac_len();
            if bytes.len() < 1 + mac_len {
                return Err(OmemoError::malformed(WHAT, "too short"));
            }
            if bytes[0] >> 4 != VERSION_BYTE >> 4 {
                return Err(OmemoError::malformed(WHAT, "unsupported version byte"));
            }
            let (body, mac) = bytes.split_at(bytes.len() - mac_len);
            let parsed = proto::SignalMessage::decode(&body[1..])
                .map_err(|_| OmemoError::malformed(WHAT, "invalid protobuf"))?;
            let ratchet_key = parse_djb(&field(parsed.ratchet_key, WHAT, "no ratchet key")?)?;
            Ok(RatchetMessage {
                header: Header {
                    ratchet_key,
                    n: field(parsed.counter, WHAT, "no counter")?,
                    pn: field(parsed.previous_counter, WHAT, "no previous counter")?,
                },
                ciphertext: field(parsed.ciphertext, WHAT, "no ciphertext")?,
                mac_input: body.to_vec(),
                mac: mac.to_vec(),
            })
        }
        Namespace::Omemo2 => {
            let outer = proto::OmemoAuthenticatedMessage::decode(bytes)
                .map_err(|_| OmemoError::malformed(WHAT, "invalid protobuf"))?;
            from_authenticated(outer)
        }
    }
}

fn from_authenticated(
    outer: proto::OmemoAuthenticatedMessage,
) -> Result<RatchetMessage, OmemoError> {
    const WHAT: &str = "ratchet message";
    let mac = field(outer.mac, WHAT, "no mac")?;
    if mac.len() != Namespace::Omemo2.mac_len() {
        return Err(OmemoError::malformed(WHAT, "wrong mac length"));
    }
    let body = field(outer.message, WHAT, "no message")?;
    let parsed = proto::OmemoMessage::decode(body.as_slice())
        .map_err(|_| OmemoError::malformed(WHAT, "invalid protobuf"))?;
    Ok(RatchetMessage {
        header: Header {
            ratchet_key: key32(&field(parsed.dh_pub, WHAT, "no ratchet key")?)?,
            n: field(parsed.n, WHAT, "no n")?,
            pn: field(parsed.pn, WHAT, "no pn")?,
        },
        ciphertext: field(parsed.ciphertext, WHAT, "no ciphertext")?,
        mac_input: body,
        mac,
    })
}

/// Checks the MAC and decrypts the key material.
pub fn open(
    namespace: Namespace,
    message_key: &Secret32,
    message: &RatchetMessage,
    mac_associated_data: &[u8],
) -> Result<Vec<u8>, OmemoError> {
    let keys: ExpandedKey = expand_80(message_key.expose(), namespace.message_key_info());
    let mac = hmac_sha256(&keys.mac_key, &[mac_associated_data, &message.mac_input]);
    if !bool::from(mac[..namespace.mac_len()].ct_eq(&message.mac)) {
        return Err(OmemoError::BadMac);
    }
    cbc::Decryptor::<Aes256>::new(&keys.cipher_key.into(), &keys.iv.into())
        .decrypt_padded_vec::<Pkcs7>(&message.ciphertext)
        .map_err(|_| OmemoError::malformed("ratchet message", "bad padding"))
}

/// Wraps a sealed ratchet message into a key exchange.
pub fn wrap_key_exchange(
    namespace: Namespace,
    exchange: &KeyExchange,
    sealed: &[u8],
) -> Result<Vec<u8>, OmemoError> {
    match namespace {
        Namespace::Axolotl => {
            let body = proto::PreKeySignalMessage {
                pre_key_id: Some(exchange.pre_key_id),
                base_key: Some(serialize_djb(&exchange.ephemeral_key).to_vec()),
                identity_key: Some(serialize_djb(&exchange.identity_key).to_vec()),
                message: Some(sealed.to_vec()),
                registration_id: None,
                signed_pre_key_id: Some(exchange.signed_pre_key_id),
            };
            let mut out = vec![VERSION_BYTE];
            out.extend(body.encode_to_vec());
            Ok(out)
        }
        Namespace::Omemo2 => {
            let inner = proto::OmemoAuthenticatedMessage::decode(sealed)
                .map_err(|_| OmemoError::malformed("ratchet message", "invalid protobuf"))?;
            Ok(proto::OmemoKeyExchange {
                pk_id: Some(exchange.pre_key_id),
                spk_id: Some(exchange.signed_pre_key_id),
                ik: Some(exchange.identity_key.to_vec()),
                ek: Some(exchange.ephemeral_key.to_vec()),
                message: Some(inner),
            }
            .encode_to_vec())
        }
    }
}

/// Parses a key element's bytes; `key_exchange` is the `prekey` (0.3) or `kex` (2) flag.
pub fn parse_key_element(
    namespace: Namespace,
    bytes: &[u8],
    key_exchange: bool,
) -> Result<KeyElement, OmemoError> {
    const WHAT: &str = "key exchange";
    if bytes.len() > MAX_KEY_ELEMENT_BYTES {
        return Err(OmemoError::TooLarge {
            what: WHAT,
            size: bytes.len(),
            max: MAX_KEY_ELEMENT_BYTES,
        });
    }
    if !key_exchange {
        return Ok(KeyElement {
            key_exchange: None,
            message: parse_ratchet_message(namespace, bytes)?,
        });
    }
    match namespace {
        Namespace::Axolotl => {
            let Some((&version, body)) = bytes.split_first() else {
                return Err(OmemoError::malformed(WHAT, "empty"));
            };
            if version >> 4 != VERSION_BYTE >> 4 {
                return Err(OmemoError::malformed(WHAT, "unsupported version byte"));
            }
            let parsed = proto::PreKeySignalMessage::decode(body)
                .map_err(|_| OmemoError::malformed(WHAT, "invalid protobuf"))?;
            let exchange = KeyExchange {
                pre_key_id: parsed.pre_key_id.ok_or(OmemoError::MissingPreKey)?,
                signed_pre_key_id: field(parsed.signed_pre_key_id, WHAT, "no signed pre-key id")?,
                identity_key: parse_djb(&field(parsed.identity_key, WHAT, "no identity key")?)?,
                ephemeral_key: parse_djb(&field(parsed.base_key, WHAT, "no base key")?)?,
            };
            let message =
                parse_ratchet_message(namespace, &field(parsed.message, WHAT, "no message")?)?;
            Ok(KeyElement {
                key_exchange: Some(exchange),
                message,
            })
        }
        Namespace::Omemo2 => {
            let parsed = proto::OmemoKeyExchange::decode(bytes)
                .map_err(|_| OmemoError::malformed(WHAT, "invalid protobuf"))?;
            let exchange = KeyExchange {
                pre_key_id: field(parsed.pk_id, WHAT, "no pre-key id")?,
                signed_pre_key_id: field(parsed.spk_id, WHAT, "no signed pre-key id")?,
                identity_key: key32(&field(parsed.ik, WHAT, "no identity key")?)?,
                ephemeral_key: key32(&field(parsed.ek, WHAT, "no ephemeral key")?)?,
            };
            let message = from_authenticated(field(parsed.message, WHAT, "no message")?)?;
            Ok(KeyElement {
                key_exchange: Some(exchange),
                message,
            })
        }
    }
}
