//! A device's published bundle (identity key, signed pre-key, one-time pre-keys).

use std::fmt;

use ed25519_dalek::{Signature, VerifyingKey};

use crate::keys::serialize_djb;
use crate::{Namespace, OmemoError, xeddsa};

/// At most this many one-time pre-keys are read from a bundle (XEP-0384 asks for 100).
pub const MAX_BUNDLE_PRE_KEYS: usize = 200;

/// A bundle as published in PEP, parsed. The identity key is in the namespace's form:
/// Curve25519 for OMEMO 0.3, Ed25519 for OMEMO 2.
#[derive(Clone, PartialEq, Eq)]
pub struct Bundle {
    /// The namespace it was published in.
    pub namespace: Namespace,
    /// The identity public key.
    pub identity_key: [u8; 32],
    /// Id of the signed pre-key.
    pub signed_pre_key_id: u32,
    /// The signed pre-key (X25519 public key).
    pub signed_pre_key: [u8; 32],
    /// The identity key's signature over the signed pre-key.
    pub signature: [u8; 64],
    /// The one-time pre-keys: (id, X25519 public key).
    pub pre_keys: Vec<(u32, [u8; 32])>,
}

impl fmt::Debug for Bundle {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Bundle")
            .field("namespace", &self.namespace)
            .field(
                "identity",
                &crate::fingerprint_of(self.namespace, &self.identity_key),
            )
            .field("signed_pre_key_id", &self.signed_pre_key_id)
            .field("pre_keys", &self.pre_keys.len())
            .finish()
    }
}

impl Bundle {
    /// Checks the signature on the signed pre-key: XEdDSA over `0x05 || spk` for OMEMO 0.3,
    /// Ed25519 over `spk` for OMEMO 2.
    pub fn verify(&self) -> Result<(), OmemoError> {
        let valid = match self.namespace {
            Namespace::Axolotl => xeddsa::verify(
                &self.identity_key,
                &serialize_djb(&self.signed_pre_key),
                &self.signature,
            ),
            Namespace::Omemo2 => {
                let key = VerifyingKey::from_bytes(&self.identity_key)
                    .map_err(|_| OmemoError::InvalidKey)?;
                if key.is_weak() {
                    return Err(OmemoError::InvalidKey);
                }
                key.verify_strict(
                    &self.signed_pre_key,
                    &Signature::from_bytes(&self.signature),
                )
                .is_ok()
            }
        };
        if valid {
            Ok(())
        } else {
            Err(OmemoError::BadSignature)
        }
    }

    /// The identity key in Curve25519 form (for fingerprints and Diffie-Hellman).
    pub fn identity_curve25519(&self) -> Result<[u8; 32], OmemoError> {
        match self.namespace {
            Namespace::Axolotl => Ok(self.identity_key),
            Namespace::Omemo2 => crate::keys::ed25519_to_curve25519(&self.identity_key),
        }
    }
}
