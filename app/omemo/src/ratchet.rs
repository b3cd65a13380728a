//! The Double Ratchet (Signal's "The Double Ratchet Algorithm", revision 1) with bounded
//! skipped-message keys.
//!
//! Key derivations follow libsignal: the root step is HKDF-SHA-256 with the root key as salt
//! and the DH output as input (info per namespace); the chain step is HMAC-SHA-256 with 0x01
//! (message key) and 0x02 (next chain key).
//!
//! Bounds: a message may ask to skip at most [`MAX_SKIP_PER_CHAIN`] keys in one chain, and a
//! session keeps at most [`MAX_SKIPPED_KEYS_PER_SESSION`] skipped keys (the oldest go
//! first). A skipped key is deleted once it has decrypted its message. Decryption works on
//! a copy of the state that replaces the state only when the message authenticates, so a
//! forged or broken message changes nothing.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::kdf::{chain_step, root_step};
use crate::keys::{diffie_hellman, x25519_public};
use crate::secret::{SecretSource, b64};
use crate::{Namespace, OmemoError, Secret32};

/// How many message keys one message may make us derive and keep in a single chain.
pub const MAX_SKIP_PER_CHAIN: u32 = 1000;

/// How many skipped-message keys a session keeps at most; the oldest are dropped first.
pub const MAX_SKIPPED_KEYS_PER_SESSION: usize = 1000;

/// The cleartext header of a ratchet message.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Header {
    /// The sender's current ratchet public key.
    pub ratchet_key: [u8; 32],
    /// The message number in the current sending chain.
    pub n: u32,
    /// The length of the sender's previous sending chain.
    pub pn: u32,
}

#[derive(Clone, Serialize, Deserialize)]
struct Chain {
    key: Secret32,
    length: u32,
}

#[derive(Clone, Serialize, Deserialize)]
struct SkippedKey {
    #[serde(with = "b64")]
    ratchet_key: [u8; 32],
    n: u32,
    key: Secret32,
}

/// The state of one Double Ratchet.
#[derive(Clone, Serialize, Deserialize)]
pub struct Ratchet {
    root_key: Secret32,
    own_ratchet_private: Secret32,
    #[serde(with = "b64")]
    other_ratchet_public: [u8; 32],
    sending: Chain,
    receiving: Option<Chain>,
    previous_sending_length: u32,
    skipped: Vec<SkippedKey>,
}

impl fmt::Debug for Ratchet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Ratchet")
            .field("sent", &self.sending.length)
            .field(
                "received",
                &self.receiving.as_ref().map(|chain| chain.length),
            )
            .field("skipped_keys", &self.skipped.len())
            .finish_non_exhaustive()
    }
}

impl Ratchet {
    /// The initiator's ratchet: its first sending chain comes from DH(own, their SPK).
    pub fn initiate(
        namespace: Namespace,
        shared_secret: &Secret32,
        their_signed_pre_key: &[u8; 32],
        own_ratchet_private: Secret32,
    ) -> Result<Self, OmemoError> {
        let dh = diffie_hellman(&own_ratchet_private, their_signed_pre_key)?;
        let (root_key, chain_key) = root_step(shared_secret, &dh, namespace.root_info());
        Ok(Self {
            root_key,
            own_ratchet_private,
            other_ratchet_public: *their_signed_pre_key,
            sending: Chain {
                key: chain_key,
                length: 0,
            },
            receiving: None,
            previous_sending_length: 0,
            skipped: Vec::new(),
        })
    }

    /// The responder's ratchet, from its signed pre-key and the initiator's first ratchet
    /// key: a receiving chain, then a fresh ratchet key pair and a sending chain.
    pub fn respond(
        namespace: Namespace,
        shared_secret: &Secret32,
        own_signed_pre_key: &Secret32,
        their_ratchet_key: &[u8; 32],
        rng: &mut dyn SecretSource,
    ) -> Result<Self, OmemoError> {
        let dh = diffie_hellman(own_signed_pre_key, their_ratchet_key)?;
        let (root_key, receiving_key) = root_step(shared_secret, &dh, namespace.root_info());
        let own_ratchet_private = rng.secret32()?;
        let dh = diffie_hellman(&own_ratchet_private, their_ratchet_key)?;
        let (root_key, sending_key) = root_step(&root_key, &dh, namespace.root_info());
        Ok(Self {
            root_key,
            own_ratchet_private,
            other_ratchet_public: *their_ratchet_key,
            sending: Chain {
                key: sending_key,
                length: 0,
            },
            receiving: Some(Chain {
                key: receiving_key,
                length: 0,
            }),
            previous_sending_length: 0,
            skipped: Vec::new(),
        })
    }

    /// The next message key of the sending chain and the header to send with it.
    pub fn next_sending_key(&mut self) -> (Secret32, Header) {
        let header = Header {
            ratchet_key: x25519_public(&self.own_ratchet_private),
            n: self.sending.length,
            pn: self.previous_sending_length,
        };
        let (message_key, next) = chain_step(&self.sending.key);
        self.sending.key = next;
        self.sending.length = self.sending.length.wrapping_add(1);
        (message_key, header)
    }

    /// The message key for a received header, and the state to keep if (and only if) that
    /// key authenticates the message. `self` is not changed.
    pub fn receiving_key(
        &self,
        namespace: Namespace,
        header: &Header,
        rng: &mut dyn SecretSource,
    ) -> Result<(Secret32, Ratchet), OmemoError> {
        let mut next = self.clone();
        if let Some(index) = next
            .skipped
            .iter()
            .position(|k| k.ratchet_key == header.ratchet_key && k.n == header.n)
        {
            let key = next.skipped.remove(index).key;
            return Ok((key, next));
        }

        let mut new_skipped = Vec::new();
        if header.ratchet_key != next.other_ratchet_public {
            if let Some(receiving) = next.receiving.as_mut() {
                // libsignal sends pn = (messages in the previous chain) - 1, python-omemo and
                // the Double Ratchet specification send the count: for OMEMO 0.3 peers we
                // derive one key more, so that the last message of a libsignal peer's previous
                // chain can still be read when it arrives late. An unused extra key is
                // harmless (no ciphertext exists for it) and ages out with the others.
                let lenient = u64::from(namespace == Namespace::Axolotl);
                let target = u64::from(header.pn) + lenient;
                let count = target.saturating_sub(u64::from(receiving.length));
                // Beyond the bound the old chain's late messages are given up, not the
                // session (as python-omemo does): the ratchet must still be able to move on.
                if count <= u64::from(MAX_SKIP_PER_CHAIN) {
                    skip(
                        &next.other_ratchet_public,
                        receiving,
                        count,
                        &mut new_skipped,
                    );
                }
            }
            next.other_ratchet_public = header.ratchet_key;
            let dh = diffie_hellman(&next.own_ratchet_private, &header.ratchet_key)?;
            let (root_key, receiving_key) = root_step(&next.root_key, &dh, namespace.root_info());
            next.receiving = Some(Chain {
                key: receiving_key,
                length: 0,
            });
            next.own_ratchet_private = rng.secret32()?;
            let dh = diffie_hellman(&next.own_ratchet_private, &header.ratchet_key)?;
            let (root_key, sending_key) = root_step(&root_key, &dh, namespace.root_info());
            next.root_key = root_key;
            next.previous_sending_length = next.sending.length;
            next.sending = Chain {
                key: sending_key,
                length: 0,
            };
        }

        let other = next.other_ratchet_public;
        let receiving = next.receiving.as_mut().ok_or(OmemoError::malformed(
            "ratchet message",
            "it uses our own first ratchet key as the sender's",
        ))?;
        if header.n < receiving.length {
            return Err(OmemoError::Duplicate);
        }
        let count = u64::from(header.n - receiving.length);
        if count > u64::from(MAX_SKIP_PER_CHAIN) {
            return Err(OmemoError::TooManySkipped {
                requested: count,
                max: MAX_SKIP_PER_CHAIN,
            });
        }
        skip(&other, receiving, count, &mut new_skipped);
        let (message_key, next_key) = chain_step(&receiving.key);
        receiving.key = next_key;
        receiving.length = receiving.length.saturating_add(1);

        next.skipped.extend(new_skipped);
        let excess = next
            .skipped
            .len()
            .saturating_sub(MAX_SKIPPED_KEYS_PER_SESSION);
        next.skipped.drain(..excess);
        Ok((message_key, next))
    }

    /// How many skipped-message keys this session holds.
    pub fn skipped_keys(&self) -> usize {
        self.skipped.len()
    }

    /// How many messages were sent in the current sending chain.
    pub fn sending_length(&self) -> u32 {
        self.sending.length
    }
}

fn skip(ratchet_key: &[u8; 32], chain: &mut Chain, count: u64, out: &mut Vec<SkippedKey>) {
    for _ in 0..count {
        let (key, next) = chain_step(&chain.key);
        out.push(SkippedKey {
            ratchet_key: *ratchet_key,
            n: chain.length,
            key,
        });
        chain.key = next;
        chain.length += 1;
    }
}
