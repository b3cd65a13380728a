//! One OMEMO session with one device: the Double Ratchet plus what OMEMO adds around it
//! (who initiated, the key exchange to repeat until the peer answers, the associated data).

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::message::{self, RatchetMessage};
use crate::ratchet::Ratchet;
use crate::secret::{SecretSource, b64};
use crate::x3dh::{self, Agreement, KeyExchange};
use crate::{Namespace, OmemoError};

/// A session with one device of a peer (or of our own account).
#[derive(Clone, Serialize, Deserialize)]
pub struct Session {
    /// The namespace it belongs to.
    pub namespace: Namespace,
    /// The peer device's identity key, in the namespace's form.
    #[serde(with = "b64")]
    pub their_identity: [u8; 32],
    /// Whether we started it (sent the key exchange).
    pub initiator: bool,
    /// The key exchange that built it: sent with every message until the peer answers when
    /// we initiated; recognised in repeated pre-key messages when the peer initiated.
    pub key_exchange: KeyExchange,
    /// Whether the peer has answered (a message of theirs decrypted in this session).
    pub confirmed: bool,
    /// `encode(IK_initiator) || encode(IK_responder)`.
    #[serde(with = "b64")]
    associated_data: Vec<u8>,
    ratchet: Ratchet,
}

impl fmt::Debug for Session {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Session")
            .field("namespace", &self.namespace)
            .field(
                "peer",
                &crate::fingerprint_of(self.namespace, &self.their_identity),
            )
            .field("initiator", &self.initiator)
            .field("confirmed", &self.confirmed)
            .field("ratchet", &self.ratchet)
            .finish()
    }
}

impl Session {
    /// The initiator's session after X3DH; `own_ratchet_private` is its first ratchet key.
    pub fn initiate(
        namespace: Namespace,
        agreement: Agreement,
        exchange: KeyExchange,
        their_identity: [u8; 32],
        their_signed_pre_key: &[u8; 32],
        own_ratchet_private: crate::Secret32,
    ) -> Result<Self, OmemoError> {
        let ratchet = Ratchet::initiate(
            namespace,
            &agreement.shared_secret,
            their_signed_pre_key,
            own_ratchet_private,
        )?;
        Ok(Self {
            namespace,
            their_identity,
            initiator: true,
            key_exchange: exchange,
            confirmed: false,
            associated_data: agreement.associated_data,
            ratchet,
        })
    }

    /// The responder's session from the first message of a key exchange. Returns the session
    /// and the decrypted key material; nothing is kept when the message does not decrypt.
    pub fn respond(
        namespace: Namespace,
        agreement: Agreement,
        exchange: KeyExchange,
        own_signed_pre_key: &crate::Secret32,
        first: &RatchetMessage,
        rng: &mut dyn SecretSource,
    ) -> Result<(Self, Vec<u8>), OmemoError> {
        let ratchet = Ratchet::respond(
            namespace,
            &agreement.shared_secret,
            own_signed_pre_key,
            &first.header.ratchet_key,
            rng,
        )?;
        let session = Self {
            namespace,
            their_identity: exchange.identity_key,
            initiator: false,
            key_exchange: exchange,
            confirmed: true,
            associated_data: agreement.associated_data,
            ratchet,
        };
        session.decrypt(first, rng)
    }

    /// The identity-key prefix of the MAC input: sender then receiver in OMEMO 0.3
    /// (libsignal), initiator then responder in OMEMO 2.
    fn mac_associated_data(&self, we_send: bool) -> Vec<u8> {
        match self.namespace {
            Namespace::Omemo2 => self.associated_data.clone(),
            Namespace::Axolotl => {
                let half = x3dh::encoded_identity_len(self.namespace);
                // Stored as initiator || responder; swap when the responder is the sender.
                let sender_is_initiator = we_send == self.initiator;
                if sender_is_initiator {
                    self.associated_data.clone()
                } else {
                    let (first, second) = self
                        .associated_data
                        .split_at(half.min(self.associated_data.len()));
                    [second, first].concat()
                }
            }
        }
    }

    /// Encrypts key material: the key element's bytes and whether it is a key exchange.
    pub fn encrypt(&mut self, key_material: &[u8]) -> Result<(Vec<u8>, bool), OmemoError> {
        let (message_key, header) = self.ratchet.next_sending_key();
        let sealed = message::seal(
            self.namespace,
            &message_key,
            &header,
            key_material,
            &self.mac_associated_data(true),
        );
        if self.initiator && !self.confirmed {
            let wrapped = message::wrap_key_exchange(self.namespace, &self.key_exchange, &sealed)?;
            Ok((wrapped, true))
        } else {
            Ok((sealed, false))
        }
    }

    /// Decrypts a ratchet message. Returns the updated session (to store in place of this
    /// one) and the key material; `self` is unchanged, so a failure changes nothing.
    pub fn decrypt(
        &self,
        message: &RatchetMessage,
        rng: &mut dyn SecretSource,
    ) -> Result<(Self, Vec<u8>), OmemoError> {
        let (message_key, ratchet) =
            self.ratchet
                .receiving_key(self.namespace, &message.header, rng)?;
        let plaintext = message::open(
            self.namespace,
            &message_key,
            message,
            &self.mac_associated_data(false),
        )?;
        let mut next = self.clone();
        next.ratchet = ratchet;
        next.confirmed = true;
        Ok((next, plaintext))
    }

    /// The ratchet, for inspection.
    pub fn ratchet(&self) -> &Ratchet {
        &self.ratchet
    }
}
