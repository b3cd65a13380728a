//! The per-account OMEMO state and the operations the XMPP layer calls.
//!
//! One JSON file per account holds: our device id, identity key, signed pre-key (and the
//! previous one, kept one rotation period for late key exchanges), the one-time pre-keys
//! (refilled to [`PRE_KEY_COUNT`] after each use), the sessions per (namespace, bare JID,
//! device), the device lists we know and the trust decision per device identity. It holds
//! key material only: never message text. Every change is written before the operation
//! returns (atomically, mode 0600); a file that cannot be understood is reported as
//! [`OmemoError::CorruptStore`] and left as it is.
//!
//! Operations are transactional: encryption and decryption work on copies of the sessions
//! and commit them only when the whole operation succeeded, so a forged, replayed or broken
//! message changes nothing in memory or on disk.

use std::fmt;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use zeroize::Zeroizing;

use crate::keys::{IdentityKeyPair, PreKey, SignedPreKey};
use crate::message::parse_key_element;
use crate::secret::{OsSecrets, SecretSource, b64};
use crate::session::Session;
use crate::x3dh::{self, KeyExchange};
use crate::xml::{EncryptedMessage, KeyEntry};
use crate::{Bundle, Namespace, OmemoError, fingerprint_of, payload, persist};

/// How many one-time pre-keys we keep published.
pub const PRE_KEY_COUNT: usize = 100;

/// The store file's format version.
const FORMAT: u32 = 1;

/// What the user decided about one device's identity key.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Trust {
    /// Not compared yet.
    Undecided,
    /// The user compared the fingerprint and marked it verified.
    Verified,
    /// The user distrusted it: nothing is ever encrypted to it.
    Distrusted,
}

/// Which devices we encrypt to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum TrustPolicy {
    /// Undecided and verified devices (Conversations' "blind trust before verification").
    #[default]
    BlindTrustBeforeVerification,
    /// Verified devices only.
    VerifiedOnly,
}

/// One device to encrypt to, with its bundle when we may have no session with it yet.
#[derive(Clone, Copy, Debug)]
pub struct Recipient<'a> {
    /// The bare JID.
    pub jid: &'a str,
    /// The device id.
    pub device_id: u32,
    /// Its bundle (used only when there is no session yet).
    pub bundle: Option<&'a Bundle>,
}

/// A recipient device we did not encrypt to, and why.
#[derive(Debug)]
pub struct Refused {
    /// The bare JID.
    pub jid: String,
    /// The device id.
    pub device_id: u32,
    /// Why: [`OmemoError::Untrusted`], [`OmemoError::BadSignature`],
    /// [`OmemoError::NoSession`] (no session and no bundle)...
    pub error: OmemoError,
}

/// The result of [`OmemoStore::encrypt`].
#[derive(Debug)]
pub struct Encrypted {
    /// The message to put into the stanza.
    pub message: EncryptedMessage,
    /// Devices left out.
    pub refused: Vec<Refused>,
}

/// A decrypted message.
pub struct Decrypted {
    /// The namespace it came in.
    pub namespace: Namespace,
    /// The sender's device id.
    pub sender_device: u32,
    /// The plaintext: the body (OMEMO 0.3) or the XEP-0420 envelope (OMEMO 2, see
    /// [`crate::sce::Envelope::from_xml`]); `None` for an empty message (heartbeat).
    pub plaintext: Option<Zeroizing<Vec<u8>>>,
    /// The sender device's fingerprint.
    pub fingerprint: String,
    /// Our trust in the sender device.
    pub trust: Trust,
    /// Whether this message started a new session (a key exchange).
    pub new_session: bool,
    /// Whether our bundle changed (a one-time pre-key was used and replaced): republish it.
    pub bundle_changed: bool,
}

impl fmt::Debug for Decrypted {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Decrypted")
            .field("namespace", &self.namespace)
            .field("sender_device", &self.sender_device)
            .field(
                "plaintext",
                &self
                    .plaintext
                    .as_ref()
                    .map(|p| format!("<{} bytes>", p.len())),
            )
            .field("fingerprint", &self.fingerprint)
            .field("trust", &self.trust)
            .field("new_session", &self.new_session)
            .field("bundle_changed", &self.bundle_changed)
            .finish()
    }
}

#[derive(Clone, Serialize, Deserialize)]
struct StoredSession {
    jid: String,
    device_id: u32,
    session: Session,
}

#[derive(Clone, Serialize, Deserialize)]
struct DeviceList {
    namespace: Namespace,
    jid: String,
    devices: Vec<u32>,
}

#[derive(Clone, Serialize, Deserialize)]
struct TrustEntry {
    jid: String,
    device_id: u32,
    /// The identity key in Curve25519 form (the same in both namespaces).
    #[serde(with = "b64")]
    identity: [u8; 32],
    trust: Trust,
}

#[derive(Clone, Serialize, Deserialize)]
struct State {
    format: u32,
    own_jid: String,
    device_id: u32,
    identity: IdentityKeyPair,
    signed_pre_key: SignedPreKey,
    old_signed_pre_key: Option<SignedPreKey>,
    pre_keys: Vec<PreKey>,
    next_pre_key_id: u32,
    sessions: Vec<StoredSession>,
    device_lists: Vec<DeviceList>,
    trust: Vec<TrustEntry>,
    trust_policy: TrustPolicy,
}

/// The OMEMO state of one account.
pub struct OmemoStore {
    path: Option<PathBuf>,
    state: State,
    rng: Box<dyn SecretSource + Send>,
}

impl fmt::Debug for OmemoStore {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("OmemoStore")
            .field("device_id", &self.state.device_id)
            .field("identity", &self.state.identity)
            .field("pre_keys", &self.state.pre_keys.len())
            .field("sessions", &self.state.sessions.len())
            .finish_non_exhaustive()
    }
}

fn now() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0)
}

fn random_u32(rng: &mut dyn SecretSource) -> Result<u32, OmemoError> {
    let mut bytes = [0u8; 4];
    rng.fill(&mut bytes)?;
    Ok(u32::from_le_bytes(bytes))
}

fn random_index(rng: &mut dyn SecretSource, len: usize) -> Result<usize, OmemoError> {
    // A modulo bias of at most 200 / 2^32 is irrelevant for picking a pre-key.
    Ok(random_u32(rng)? as usize % len.max(1))
}

impl OmemoStore {
    /// Opens the account's store file, or creates it with fresh keys when it does not exist.
    /// A file that exists but cannot be understood is an error and is not touched.
    pub fn open(path: &Path, own_bare_jid: &str) -> Result<Self, OmemoError> {
        Self::open_with(path, own_bare_jid, Box::new(OsSecrets))
    }

    /// [`Self::open`] with another source of randomness (tests, benchmarks).
    pub fn open_with(
        path: &Path,
        own_bare_jid: &str,
        mut rng: Box<dyn SecretSource + Send>,
    ) -> Result<Self, OmemoError> {
        let bytes = persist::read_bounded(path).map_err(|source| OmemoError::Io {
            action: "read",
            source,
        })?;
        match bytes {
            Some(bytes) => {
                let bytes = Zeroizing::new(bytes);
                if bytes.len() as u64 > persist::MAX_STORE_BYTES {
                    return Err(OmemoError::CorruptStore {
                        reason: "larger than any store can be".into(),
                    });
                }
                let state: State =
                    serde_json::from_slice(&bytes).map_err(|error| OmemoError::CorruptStore {
                        reason: format!("unreadable at line {}", error.line()),
                    })?;
                if state.format != FORMAT {
                    return Err(OmemoError::CorruptStore {
                        reason: format!("unknown format {}", state.format),
                    });
                }
                if state.own_jid != own_bare_jid {
                    return Err(OmemoError::CorruptStore {
                        reason: "it belongs to another account".into(),
                    });
                }
                Ok(Self {
                    path: Some(path.to_owned()),
                    state,
                    rng,
                })
            }
            None => {
                let state = Self::fresh_state(own_bare_jid, rng.as_mut())?;
                let store = Self {
                    path: Some(path.to_owned()),
                    state,
                    rng,
                };
                store.save()?;
                Ok(store)
            }
        }
    }

    /// A store that lives in memory only (tests, benchmarks).
    pub fn in_memory(
        own_bare_jid: &str,
        mut rng: Box<dyn SecretSource + Send>,
    ) -> Result<Self, OmemoError> {
        let state = Self::fresh_state(own_bare_jid, rng.as_mut())?;
        Ok(Self {
            path: None,
            state,
            rng,
        })
    }

    fn fresh_state(own_jid: &str, rng: &mut dyn SecretSource) -> Result<State, OmemoError> {
        let identity = IdentityKeyPair::generate(rng)?;
        // 1 ..= 2^31 - 1: libsignal registration ids and OMEMO 0.3 device ids are positive
        // 31-bit integers in Java clients.
        let device_id = (random_u32(rng)? & 0x7FFF_FFFF).max(1);
        let signed_pre_key = SignedPreKey::generate(&identity, 1, now(), rng)?;
        let mut state = State {
            format: FORMAT,
            own_jid: own_jid.to_owned(),
            device_id,
            identity,
            signed_pre_key,
            old_signed_pre_key: None,
            pre_keys: Vec::new(),
            next_pre_key_id: 1,
            sessions: Vec::new(),
            device_lists: Vec::new(),
            trust: Vec::new(),
            trust_policy: TrustPolicy::default(),
        };
        refill_pre_keys(&mut state, rng)?;
        Ok(state)
    }

    fn save(&self) -> Result<(), OmemoError> {
        let Some(path) = &self.path else {
            return Ok(());
        };
        let bytes =
            Zeroizing::new(
                serde_json::to_vec(&self.state).map_err(|error| OmemoError::Io {
                    action: "written",
                    source: std::io::Error::other(error),
                })?,
            );
        persist::write_atomic(path, &bytes).map_err(|source| OmemoError::Io {
            action: "written",
            source,
        })
    }

    /// Our device id.
    pub fn device_id(&self) -> u32 {
        self.state.device_id
    }

    /// Our bare JID.
    pub fn own_jid(&self) -> &str {
        &self.state.own_jid
    }

    /// Our fingerprint (the same in both namespaces).
    pub fn fingerprint(&self) -> String {
        crate::fingerprint(&self.state.identity.curve25519_public())
    }

    /// Our bundle for a namespace, to publish.
    pub fn bundle(&self, namespace: Namespace) -> Bundle {
        let spk = &self.state.signed_pre_key;
        let mut signature = [0u8; 64];
        signature.copy_from_slice(spk.signature(namespace));
        Bundle {
            namespace,
            identity_key: self.state.identity.public(namespace),
            signed_pre_key_id: spk.id,
            signed_pre_key: spk.public(),
            signature,
            pre_keys: self
                .state
                .pre_keys
                .iter()
                .map(|k| (k.id, k.public()))
                .collect(),
        }
    }

    /// Our own device list to publish: the list last seen on our account with this device
    /// added.
    pub fn device_list(&self, namespace: Namespace) -> Vec<u32> {
        let own_jid = self.state.own_jid.clone();
        let mut devices = self.devices_of(namespace, &own_jid);
        if !devices.contains(&self.state.device_id) {
            devices.push(self.state.device_id);
        }
        devices
    }

    /// The devices last seen in `jid`'s device list.
    pub fn devices_of(&self, namespace: Namespace, jid: &str) -> Vec<u32> {
        self.state
            .device_lists
            .iter()
            .find(|l| l.namespace == namespace && l.jid == jid)
            .map(|l| l.devices.clone())
            .unwrap_or_default()
    }

    /// Records a device list received through PEP (already bounded by the parser).
    pub fn set_device_list(
        &mut self,
        namespace: Namespace,
        jid: &str,
        devices: &[u32],
    ) -> Result<(), OmemoError> {
        if devices.len() > crate::xml::MAX_DEVICES {
            return Err(OmemoError::TooMany {
                what: "devices",
                count: devices.len(),
                max: crate::xml::MAX_DEVICES,
            });
        }
        let lists = &mut self.state.device_lists;
        match lists
            .iter_mut()
            .find(|l| l.namespace == namespace && l.jid == jid)
        {
            Some(list) => list.devices = devices.to_vec(),
            None => lists.push(DeviceList {
                namespace,
                jid: jid.to_owned(),
                devices: devices.to_vec(),
            }),
        }
        self.save()
    }

    /// The trust policy.
    pub fn trust_policy(&self) -> TrustPolicy {
        self.state.trust_policy
    }

    /// Sets the trust policy.
    pub fn set_trust_policy(&mut self, policy: TrustPolicy) -> Result<(), OmemoError> {
        self.state.trust_policy = policy;
        self.save()
    }

    /// Our trust in a device's identity key (given in Curve25519 form).
    pub fn trust(&self, jid: &str, device_id: u32, identity_curve25519: &[u8; 32]) -> Trust {
        trust_of(&self.state, jid, device_id, identity_curve25519)
    }

    /// Records the user's decision about a device's identity key (Curve25519 form).
    pub fn set_trust(
        &mut self,
        jid: &str,
        device_id: u32,
        identity_curve25519: &[u8; 32],
        trust: Trust,
    ) -> Result<(), OmemoError> {
        set_trust_entry(&mut self.state, jid, device_id, identity_curve25519, trust);
        self.save()
    }

    /// The identity key (Curve25519 form) of the device we have a session with.
    pub fn session_identity(
        &self,
        namespace: Namespace,
        jid: &str,
        device_id: u32,
    ) -> Option<[u8; 32]> {
        find_session(&self.state, namespace, jid, device_id)
            .and_then(|s| identity_curve(namespace, &s.session.their_identity).ok())
    }

    /// Whether there is a session with a device.
    pub fn has_session(&self, namespace: Namespace, jid: &str, device_id: u32) -> bool {
        find_session(&self.state, namespace, jid, device_id).is_some()
    }

    /// Forgets a session (to rebuild a broken one from a fresh bundle).
    pub fn delete_session(
        &mut self,
        namespace: Namespace,
        jid: &str,
        device_id: u32,
    ) -> Result<(), OmemoError> {
        self.state.sessions.retain(|s| {
            !(s.session.namespace == namespace && s.jid == jid && s.device_id == device_id)
        });
        self.save()
    }

    /// Seconds since the signed pre-key was made.
    pub fn signed_pre_key_age(&self, now_seconds: u64) -> u64 {
        now_seconds.saturating_sub(self.state.signed_pre_key.created)
    }

    /// Replaces the signed pre-key, keeping the previous one for late key exchanges (until
    /// the next rotation). Republish the bundle afterwards.
    pub fn rotate_signed_pre_key(&mut self, now_seconds: u64) -> Result<(), OmemoError> {
        let id = self.state.signed_pre_key.id.wrapping_add(1).max(1);
        let fresh =
            SignedPreKey::generate(&self.state.identity, id, now_seconds, self.rng.as_mut())?;
        let old = std::mem::replace(&mut self.state.signed_pre_key, fresh);
        self.state.old_signed_pre_key = Some(old);
        self.save()
    }

    /// How many one-time pre-keys are left.
    pub fn pre_key_count(&self) -> usize {
        self.state.pre_keys.len()
    }

    /// Encrypts `plaintext` for the recipient devices (an empty plaintext makes an empty
    /// message: key material only, no payload). For OMEMO 2 the plaintext must be an
    /// XEP-0420 envelope ([`crate::sce::Envelope::to_xml`]). Our own device is skipped.
    /// Devices that cannot be encrypted to are listed in [`Encrypted::refused`]; when none is
    /// left the result is [`OmemoError::NoRecipients`] and nothing changes.
    pub fn encrypt(
        &mut self,
        namespace: Namespace,
        plaintext: &[u8],
        recipients: &[Recipient<'_>],
    ) -> Result<Encrypted, OmemoError> {
        let rng = self.rng.as_mut();
        let (ciphertext, iv, key_material) = if plaintext.is_empty() {
            // An empty OMEMO message: a key nobody uses, no payload (python-omemo's format).
            let (key, iv) = match namespace {
                Namespace::Axolotl => {
                    let mut key = Zeroizing::new(vec![0u8; 16]);
                    rng.fill(&mut key)?;
                    let mut iv = [0u8; 12];
                    rng.fill(&mut iv)?;
                    (key, Some(iv))
                }
                Namespace::Omemo2 => (Zeroizing::new(vec![0u8; 32]), None),
            };
            (None, iv, key)
        } else {
            if plaintext.len() > payload::MAX_PAYLOAD_BYTES {
                return Err(OmemoError::TooLarge {
                    what: "plaintext",
                    size: plaintext.len(),
                    max: payload::MAX_PAYLOAD_BYTES,
                });
            }
            let sealed = match namespace {
                Namespace::Axolotl => {
                    let mut key = Zeroizing::new([0u8; 16]);
                    rng.fill(key.as_mut())?;
                    let mut iv = [0u8; 12];
                    rng.fill(&mut iv)?;
                    payload::seal_axolotl(plaintext, &key, &iv)?
                }
                Namespace::Omemo2 => {
                    let mut key = Zeroizing::new([0u8; 32]);
                    rng.fill(key.as_mut())?;
                    payload::seal_omemo2(plaintext, &key)
                }
            };
            (Some(sealed.ciphertext), sealed.iv, sealed.key_material)
        };

        let mut state = self.state.clone();
        let mut keys = Vec::new();
        let mut refused = Vec::new();
        for recipient in recipients {
            if recipient.jid == state.own_jid && recipient.device_id == state.device_id {
                continue;
            }
            match encrypt_for(&mut state, namespace, recipient, &key_material, rng) {
                Ok((data, key_exchange)) => keys.push(KeyEntry {
                    jid: match namespace {
                        Namespace::Axolotl => None,
                        Namespace::Omemo2 => Some(recipient.jid.to_owned()),
                    },
                    rid: recipient.device_id,
                    key_exchange,
                    data,
                }),
                Err(error) => refused.push(Refused {
                    jid: recipient.jid.to_owned(),
                    device_id: recipient.device_id,
                    error,
                }),
            }
        }
        if keys.is_empty() {
            return Err(OmemoError::NoRecipients);
        }
        self.state = state;
        self.save()?;
        Ok(Encrypted {
            message: EncryptedMessage {
                namespace,
                sid: self.state.device_id,
                iv: iv.map(|iv| iv.to_vec()),
                keys,
                payload: ciphertext,
            },
            refused,
        })
    }

    /// Decrypts a message from `from_jid` (the bare JID of the stanza's sender). Distinct
    /// errors: [`OmemoError::NotForThisDevice`], [`OmemoError::NoSession`],
    /// [`OmemoError::BadMac`], [`OmemoError::UnknownPreKey`] (replayed key exchange),
    /// [`OmemoError::Duplicate`], [`OmemoError::TooManySkipped`], [`OmemoError::BadPayload`],
    /// [`OmemoError::Malformed`]... On any error nothing is stored.
    pub fn decrypt(
        &mut self,
        from_jid: &str,
        message: &EncryptedMessage,
    ) -> Result<Decrypted, OmemoError> {
        let namespace = message.namespace;
        if from_jid == self.state.own_jid && message.sid == self.state.device_id {
            return Err(OmemoError::FromOwnDevice);
        }
        let own_jid = self.state.own_jid.clone();
        let entry = message
            .keys
            .iter()
            .find(|k| {
                k.rid == self.state.device_id && k.jid.as_deref().is_none_or(|jid| jid == own_jid)
            })
            .ok_or(OmemoError::NotForThisDevice)?;
        let element = parse_key_element(namespace, &entry.data, entry.key_exchange)?;
        let rng = self.rng.as_mut();
        let mut state = self.state.clone();
        let existing = find_session(&state, namespace, from_jid, message.sid);
        let mut new_session = false;
        let mut bundle_changed = false;
        let (session, key_material) = match (&element.key_exchange, existing) {
            (Some(exchange), Some(stored)) if stored.session.key_exchange == *exchange => {
                // The peer repeats its key exchange until we answer: same session.
                stored.session.decrypt(&element.message, rng)?
            }
            (Some(exchange), _) => {
                let signed_pre_key = [
                    Some(&state.signed_pre_key),
                    state.old_signed_pre_key.as_ref(),
                ]
                .into_iter()
                .flatten()
                .find(|k| k.id == exchange.signed_pre_key_id)
                .ok_or(OmemoError::UnknownSignedPreKey(exchange.signed_pre_key_id))?
                .clone();
                let pre_key = state
                    .pre_keys
                    .iter()
                    .find(|k| k.id == exchange.pre_key_id)
                    .ok_or(OmemoError::UnknownPreKey(exchange.pre_key_id))?
                    .clone();
                let agreement = x3dh::respond(
                    namespace,
                    &state.identity,
                    exchange,
                    &signed_pre_key,
                    &pre_key,
                )?;
                let result = Session::respond(
                    namespace,
                    agreement,
                    exchange.clone(),
                    &signed_pre_key.private,
                    &element.message,
                    rng,
                )?;
                state.pre_keys.retain(|k| k.id != pre_key.id);
                refill_pre_keys(&mut state, rng)?;
                new_session = true;
                bundle_changed = true;
                result
            }
            (None, Some(stored)) => stored.session.decrypt(&element.message, rng)?,
            (None, None) => return Err(OmemoError::NoSession),
        };

        let plaintext = match &message.payload {
            None => None,
            Some(ciphertext) => Some(Zeroizing::new(match namespace {
                Namespace::Axolotl => payload::open_axolotl(
                    ciphertext,
                    message
                        .iv
                        .as_deref()
                        .ok_or(OmemoError::malformed("encrypted element", "no <iv>"))?,
                    &key_material,
                )?,
                Namespace::Omemo2 => payload::open_omemo2(ciphertext, &key_material)?,
            })),
        };
        drop(Zeroizing::new(key_material));

        let identity = identity_curve(namespace, &session.their_identity)?;
        let trust = trust_of(&state, from_jid, message.sid, &identity);
        if !state
            .trust
            .iter()
            .any(|t| t.jid == from_jid && t.device_id == message.sid && t.identity == identity)
        {
            set_trust_entry(
                &mut state,
                from_jid,
                message.sid,
                &identity,
                Trust::Undecided,
            );
        }
        store_session(&mut state, from_jid, message.sid, session);
        self.state = state;
        self.save()?;
        Ok(Decrypted {
            namespace,
            sender_device: message.sid,
            plaintext,
            fingerprint: crate::fingerprint(&identity),
            trust,
            new_session,
            bundle_changed,
        })
    }
}

fn identity_curve(namespace: Namespace, identity: &[u8; 32]) -> Result<[u8; 32], OmemoError> {
    match namespace {
        Namespace::Axolotl => Ok(*identity),
        Namespace::Omemo2 => crate::keys::ed25519_to_curve25519(identity),
    }
}

fn find_session<'a>(
    state: &'a State,
    namespace: Namespace,
    jid: &str,
    device_id: u32,
) -> Option<&'a StoredSession> {
    state
        .sessions
        .iter()
        .find(|s| s.session.namespace == namespace && s.jid == jid && s.device_id == device_id)
}

fn store_session(state: &mut State, jid: &str, device_id: u32, session: Session) {
    let namespace = session.namespace;
    match state
        .sessions
        .iter_mut()
        .find(|s| s.session.namespace == namespace && s.jid == jid && s.device_id == device_id)
    {
        Some(stored) => stored.session = session,
        None => state.sessions.push(StoredSession {
            jid: jid.to_owned(),
            device_id,
            session,
        }),
    }
}

fn trust_of(state: &State, jid: &str, device_id: u32, identity: &[u8; 32]) -> Trust {
    state
        .trust
        .iter()
        .find(|t| t.jid == jid && t.device_id == device_id && t.identity == *identity)
        .map(|t| t.trust)
        .unwrap_or(Trust::Undecided)
}

fn set_trust_entry(
    state: &mut State,
    jid: &str,
    device_id: u32,
    identity: &[u8; 32],
    trust: Trust,
) {
    match state
        .trust
        .iter_mut()
        .find(|t| t.jid == jid && t.device_id == device_id && t.identity == *identity)
    {
        Some(entry) => entry.trust = trust,
        None => state.trust.push(TrustEntry {
            jid: jid.to_owned(),
            device_id,
            identity: *identity,
            trust,
        }),
    }
}

fn refill_pre_keys(state: &mut State, rng: &mut dyn SecretSource) -> Result<(), OmemoError> {
    while state.pre_keys.len() < PRE_KEY_COUNT {
        let mut id = state.next_pre_key_id.max(1);
        while state.pre_keys.iter().any(|k| k.id == id) {
            id = id.wrapping_add(1).max(1);
        }
        state.next_pre_key_id = id.wrapping_add(1).max(1);
        state.pre_keys.push(PreKey {
            id,
            private: rng.secret32()?,
        });
    }
    Ok(())
}

/// Encrypts the key material for one recipient, building a session from its bundle if
/// needed. Changes `state` only on success.
fn encrypt_for(
    state: &mut State,
    namespace: Namespace,
    recipient: &Recipient<'_>,
    key_material: &[u8],
    rng: &mut dyn SecretSource,
) -> Result<(Vec<u8>, bool), OmemoError> {
    let (jid, device_id) = (recipient.jid, recipient.device_id);
    let mut session = match find_session(state, namespace, jid, device_id) {
        Some(stored) => stored.session.clone(),
        None => {
            let bundle = recipient.bundle.ok_or(OmemoError::NoSession)?;
            if bundle.namespace != namespace {
                return Err(OmemoError::malformed("bundle", "from the other namespace"));
            }
            bundle.verify()?;
            if bundle.pre_keys.is_empty() {
                return Err(OmemoError::NoPreKeys);
            }
            let index = random_index(rng, bundle.pre_keys.len())?;
            let ephemeral = rng.secret32()?;
            let (agreement, exchange): (_, KeyExchange) =
                x3dh::initiate(&state.identity, bundle, &ephemeral, index)?;
            Session::initiate(
                namespace,
                agreement,
                exchange,
                bundle.identity_key,
                &bundle.signed_pre_key,
                rng.secret32()?,
            )?
        }
    };
    let identity = identity_curve(namespace, &session.their_identity)?;
    let trust = trust_of(state, jid, device_id, &identity);
    let allowed = match (trust, state.trust_policy) {
        (Trust::Distrusted, _) => false,
        (Trust::Verified, _) => true,
        (Trust::Undecided, TrustPolicy::BlindTrustBeforeVerification) => true,
        (Trust::Undecided, TrustPolicy::VerifiedOnly) => false,
    };
    if !allowed {
        return Err(OmemoError::Untrusted);
    }
    let result = session.encrypt(key_material)?;
    if !state
        .trust
        .iter()
        .any(|t| t.jid == jid && t.device_id == device_id && t.identity == identity)
    {
        set_trust_entry(state, jid, device_id, &identity, Trust::Undecided);
    }
    store_session(state, jid, device_id, session);
    let _ = fingerprint_of;
    Ok(result)
}
