//! X3DH (Signal's "The X3DH Key Agreement Protocol", revision 1) as OMEMO uses it.
//!
//! The same four Diffie-Hellman values in the same order as libsignal's
//! `RatchetingSession`: DH(IK_A, SPK_B), DH(EK_A, IK_B), DH(EK_A, SPK_B), DH(EK_A, OPK_B),
//! prefixed by 32 bytes of 0xFF and fed to HKDF-SHA-256 with a zero salt and the namespace's
//! info string. Only the first 32 bytes are kept: libsignal derives 64 and uses the first 32
//! as the root key (its second half, a chain key, is replaced before it is ever used), and
//! HKDF's output is a prefix-stable stream, so both are the same root key.

use serde::{Deserialize, Serialize};
use zeroize::Zeroize;

use crate::keys::{
    IdentityKeyPair, PreKey, SignedPreKey, diffie_hellman, serialize_djb, x25519_public,
};
use crate::{Bundle, Namespace, OmemoError, Secret32};

/// What the initiator sends so that the responder can complete the agreement.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct KeyExchange {
    /// The one-time pre-key used.
    pub pre_key_id: u32,
    /// The signed pre-key used.
    pub signed_pre_key_id: u32,
    /// The initiator's identity key in the namespace's form.
    pub identity_key: [u8; 32],
    /// The initiator's ephemeral X25519 public key.
    pub ephemeral_key: [u8; 32],
}

/// The outcome of the agreement: the root key and the associated data.
#[derive(Debug)]
pub struct Agreement {
    /// The shared secret (the first root key of the Double Ratchet).
    pub shared_secret: Secret32,
    /// `encode(IK_initiator) || encode(IK_responder)`; `encode` is `0x05 || curve25519` for
    /// OMEMO 0.3 and the raw Ed25519 key for OMEMO 2.
    pub associated_data: Vec<u8>,
}

/// The identity key as encoded in the associated data.
pub(crate) fn encode_identity(namespace: Namespace, key: &[u8; 32]) -> Vec<u8> {
    match namespace {
        Namespace::Axolotl => serialize_djb(key).to_vec(),
        Namespace::Omemo2 => key.to_vec(),
    }
}

/// Length of one encoded identity key in the associated data.
pub(crate) fn encoded_identity_len(namespace: Namespace) -> usize {
    match namespace {
        Namespace::Axolotl => 33,
        Namespace::Omemo2 => 32,
    }
}

/// A peer's identity key (namespace form) in Curve25519 form, for Diffie-Hellman.
pub(crate) fn identity_for_dh(
    namespace: Namespace,
    key: &[u8; 32],
) -> Result<[u8; 32], OmemoError> {
    match namespace {
        Namespace::Axolotl => {
            if !crate::xeddsa::is_canonical_field_element(key) {
                return Err(OmemoError::InvalidKey);
            }
            Ok(*key)
        }
        Namespace::Omemo2 => crate::keys::ed25519_to_curve25519(key),
    }
}

fn derive(namespace: Namespace, dhs: &[&Secret32]) -> Secret32 {
    let mut input = Vec::with_capacity(32 * (dhs.len() + 1));
    input.extend_from_slice(&[0xFFu8; 32]);
    for dh in dhs {
        input.extend_from_slice(dh.expose());
    }
    let mut out = [0u8; 32];
    crate::kdf::hkdf_sha256(&[0u8; 32], &input, namespace.x3dh_info(), &mut out);
    input.zeroize();
    Secret32(out)
}

/// The initiator's side. The bundle must already be verified ([`Bundle::verify`]);
/// `pre_key_index` picks the one-time pre-key of the bundle to use.
pub fn initiate(
    own: &IdentityKeyPair,
    bundle: &Bundle,
    ephemeral: &Secret32,
    pre_key_index: usize,
) -> Result<(Agreement, KeyExchange), OmemoError> {
    let namespace = bundle.namespace;
    let (pre_key_id, pre_key) = *bundle
        .pre_keys
        .get(pre_key_index)
        .ok_or(OmemoError::NoPreKeys)?;
    let their_identity = identity_for_dh(namespace, &bundle.identity_key)?;
    let own_private = own.x25519_private();
    let dh1 = diffie_hellman(&own_private, &bundle.signed_pre_key)?;
    let dh2 = diffie_hellman(ephemeral, &their_identity)?;
    let dh3 = diffie_hellman(ephemeral, &bundle.signed_pre_key)?;
    let dh4 = diffie_hellman(ephemeral, &pre_key)?;
    let shared_secret = derive(namespace, &[&dh1, &dh2, &dh3, &dh4]);
    let own_public = own.public(namespace);
    let mut associated_data = encode_identity(namespace, &own_public);
    associated_data.extend(encode_identity(namespace, &bundle.identity_key));
    Ok((
        Agreement {
            shared_secret,
            associated_data,
        },
        KeyExchange {
            pre_key_id,
            signed_pre_key_id: bundle.signed_pre_key_id,
            identity_key: own_public,
            ephemeral_key: x25519_public(ephemeral),
        },
    ))
}

/// The responder's side, with the signed pre-key and one-time pre-key the exchange names.
pub fn respond(
    namespace: Namespace,
    own: &IdentityKeyPair,
    exchange: &KeyExchange,
    signed_pre_key: &SignedPreKey,
    pre_key: &PreKey,
) -> Result<Agreement, OmemoError> {
    let their_identity = identity_for_dh(namespace, &exchange.identity_key)?;
    let own_private = own.x25519_private();
    let dh1 = diffie_hellman(&signed_pre_key.private, &their_identity)?;
    let dh2 = diffie_hellman(&own_private, &exchange.ephemeral_key)?;
    let dh3 = diffie_hellman(&signed_pre_key.private, &exchange.ephemeral_key)?;
    let dh4 = diffie_hellman(&pre_key.private, &exchange.ephemeral_key)?;
    let shared_secret = derive(namespace, &[&dh1, &dh2, &dh3, &dh4]);
    let mut associated_data = encode_identity(namespace, &exchange.identity_key);
    associated_data.extend(encode_identity(namespace, &own.public(namespace)));
    Ok(Agreement {
        shared_secret,
        associated_data,
    })
}
