//! Our long-term and medium-term key pairs: the identity key, the signed pre-key and the
//! one-time pre-keys.
//!
//! One identity serves both namespaces, as in python-omemo: an Ed25519 seed. OMEMO 2 uses its
//! Ed25519 form directly; OMEMO 0.3 uses its X25519 form (the clamped first half of
//! SHA-512(seed), i.e. libsodium's `crypto_sign_ed25519_sk_to_curve25519`) and signs with
//! XEdDSA. So a device has one fingerprint in both namespaces.

use std::fmt;

use ed25519_dalek::{Signer as _, SigningKey};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha512};
use x25519_dalek::{PublicKey, StaticSecret};
use zeroize::Zeroize;

use crate::secret::{SecretSource, b64};
use crate::{Namespace, OmemoError, Secret32, xeddsa};

/// The 0x05 type byte that libsignal puts before every Curve25519 public key.
pub const DJB_TYPE: u8 = 0x05;

/// The X25519 public key of a private key.
pub fn x25519_public(private: &Secret32) -> [u8; 32] {
    PublicKey::from(&StaticSecret::from(*private.expose())).to_bytes()
}

/// X25519, refusing a result of all zeros (a small-order public key).
pub(crate) fn diffie_hellman(
    private: &Secret32,
    public: &[u8; 32],
) -> Result<Secret32, OmemoError> {
    let shared = StaticSecret::from(*private.expose()).diffie_hellman(&PublicKey::from(*public));
    if !shared.was_contributory() {
        return Err(OmemoError::InvalidKey);
    }
    Ok(Secret32(shared.to_bytes()))
}

/// `0x05 || key`: the libsignal serialisation of a Curve25519 public key.
pub fn serialize_djb(public: &[u8; 32]) -> [u8; 33] {
    let mut out = [0u8; 33];
    out[0] = DJB_TYPE;
    out[1..].copy_from_slice(public);
    out
}

/// Parses `0x05 || key`.
pub fn parse_djb(bytes: &[u8]) -> Result<[u8; 32], OmemoError> {
    match bytes.split_first() {
        Some((&DJB_TYPE, key)) => <[u8; 32]>::try_from(key).map_err(|_| OmemoError::InvalidKey),
        _ => Err(OmemoError::InvalidKey),
    }
}

/// The Curve25519 (Montgomery) form of an Ed25519 public key, refusing weak keys.
pub fn ed25519_to_curve25519(ed25519: &[u8; 32]) -> Result<[u8; 32], OmemoError> {
    let point = xeddsa::edwards_point(ed25519).ok_or(OmemoError::InvalidKey)?;
    Ok(point.to_montgomery().0)
}

/// Our identity key pair.
#[derive(Clone, Serialize, Deserialize)]
pub struct IdentityKeyPair {
    seed: Secret32,
}

impl fmt::Debug for IdentityKeyPair {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("IdentityKeyPair")
            .field(
                "fingerprint",
                &crate::fingerprint(&self.curve25519_public()),
            )
            .finish()
    }
}

impl IdentityKeyPair {
    /// An identity from a 32-byte Ed25519 seed.
    pub fn from_seed(seed: Secret32) -> Self {
        Self { seed }
    }

    /// A fresh identity.
    pub fn generate(rng: &mut dyn SecretSource) -> Result<Self, OmemoError> {
        Ok(Self {
            seed: rng.secret32()?,
        })
    }

    fn signing_key(&self) -> SigningKey {
        SigningKey::from_bytes(self.seed.expose())
    }

    /// The Ed25519 public key (OMEMO 2's identity key).
    pub fn ed25519_public(&self) -> [u8; 32] {
        self.signing_key().verifying_key().to_bytes()
    }

    /// The X25519 private key: the clamped first half of SHA-512(seed).
    pub fn x25519_private(&self) -> Secret32 {
        let mut digest = [0u8; 64];
        digest.copy_from_slice(&Sha512::digest(self.seed.expose()));
        let mut first = [0u8; 32];
        first.copy_from_slice(&digest[..32]);
        digest.zeroize();
        let clamped = curve25519_dalek::scalar::clamp_integer(first);
        first.zeroize();
        Secret32(clamped)
    }

    /// The Curve25519 public key (OMEMO 0.3's identity key).
    pub fn curve25519_public(&self) -> [u8; 32] {
        x25519_public(&self.x25519_private())
    }

    /// The identity key as carried in a namespace's bundles and key exchanges.
    pub fn public(&self, namespace: Namespace) -> [u8; 32] {
        match namespace {
            Namespace::Axolotl => self.curve25519_public(),
            Namespace::Omemo2 => self.ed25519_public(),
        }
    }

    /// XEdDSA signature (OMEMO 0.3) with the 64-byte nonce `nonce`.
    pub fn sign_xeddsa(&self, message: &[u8], nonce: &[u8; 64]) -> [u8; 64] {
        xeddsa::sign(self.x25519_private().expose(), message, nonce)
    }

    /// Ed25519 signature (OMEMO 2).
    pub fn sign_ed25519(&self, message: &[u8]) -> [u8; 64] {
        self.signing_key().sign(message).to_bytes()
    }
}

/// A one-time pre-key.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct PreKey {
    /// Its id in the bundle.
    pub id: u32,
    /// The X25519 private key.
    pub private: Secret32,
}

impl PreKey {
    /// The X25519 public key.
    pub fn public(&self) -> [u8; 32] {
        x25519_public(&self.private)
    }
}

/// A signed pre-key with its signature in each namespace.
#[derive(Clone, Serialize, Deserialize)]
pub struct SignedPreKey {
    /// Its id in the bundle.
    pub id: u32,
    /// The X25519 private key.
    pub private: Secret32,
    /// XEdDSA signature of `0x05 || public` (OMEMO 0.3).
    #[serde(with = "b64")]
    pub signature_axolotl: Vec<u8>,
    /// Ed25519 signature of `public` (OMEMO 2).
    #[serde(with = "b64")]
    pub signature_omemo2: Vec<u8>,
    /// When it was made (seconds since the Unix epoch), for rotation.
    pub created: u64,
}

impl fmt::Debug for SignedPreKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SignedPreKey")
            .field("id", &self.id)
            .field("created", &self.created)
            .finish_non_exhaustive()
    }
}

impl SignedPreKey {
    /// Makes and signs a signed pre-key.
    pub fn generate(
        identity: &IdentityKeyPair,
        id: u32,
        created: u64,
        rng: &mut dyn SecretSource,
    ) -> Result<Self, OmemoError> {
        let private = rng.secret32()?;
        let mut nonce = [0u8; 64];
        rng.fill(&mut nonce)?;
        let key = Self::sign(identity, id, private, created, &nonce);
        nonce.zeroize();
        Ok(key)
    }

    /// Signs the given private key's public half (deterministic given the nonce).
    pub fn sign(
        identity: &IdentityKeyPair,
        id: u32,
        private: Secret32,
        created: u64,
        nonce: &[u8; 64],
    ) -> Self {
        let public = x25519_public(&private);
        Self {
            id,
            signature_axolotl: identity
                .sign_xeddsa(&serialize_djb(&public), nonce)
                .to_vec(),
            signature_omemo2: identity.sign_ed25519(&public).to_vec(),
            private,
            created,
        }
    }

    /// The X25519 public key.
    pub fn public(&self) -> [u8; 32] {
        x25519_public(&self.private)
    }

    /// The signature published in a namespace's bundle.
    pub fn signature(&self, namespace: Namespace) -> &[u8] {
        match namespace {
            Namespace::Axolotl => &self.signature_axolotl,
            Namespace::Omemo2 => &self.signature_omemo2,
        }
    }
}
