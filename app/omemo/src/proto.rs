//! The protobuf messages of both namespaces.
//!
//! OMEMO 0.3 uses libsignal's `WhisperTextProtocol.proto` (`SignalMessage`,
//! `PreKeySignalMessage`); OMEMO 2 uses the `OMEMOMessage`, `OMEMOAuthenticatedMessage` and
//! `OMEMOKeyExchange` of XEP-0384 section 5. All fields are `required` in the schemas; they
//! are `Option`s here so that a missing field is a typed error rather than a silent zero.
//! Fields are declared in tag order, which is the order protobuf (and python-protobuf)
//! writes them in, so that our bytes equal other implementations' bytes.

/// libsignal `SignalMessage` (after the version byte, before the 8-byte MAC).
#[derive(Clone, PartialEq, prost::Message)]
pub struct SignalMessage {
    /// The sender's current ratchet public key, `0x05 || key`.
    #[prost(bytes = "vec", optional, tag = "1")]
    pub ratchet_key: Option<Vec<u8>>,
    /// The message number in the sending chain (`n`).
    #[prost(uint32, optional, tag = "2")]
    pub counter: Option<u32>,
    /// The length of the previous sending chain (`pn`).
    #[prost(uint32, optional, tag = "3")]
    pub previous_counter: Option<u32>,
    /// AES-256-CBC ciphertext of the transported key material.
    #[prost(bytes = "vec", optional, tag = "4")]
    pub ciphertext: Option<Vec<u8>>,
}

/// libsignal `PreKeySignalMessage` (after the version byte).
#[derive(Clone, PartialEq, prost::Message)]
pub struct PreKeySignalMessage {
    /// The one-time pre-key used.
    #[prost(uint32, optional, tag = "1")]
    pub pre_key_id: Option<u32>,
    /// The initiator's ephemeral ("base") key, `0x05 || key`.
    #[prost(bytes = "vec", optional, tag = "2")]
    pub base_key: Option<Vec<u8>>,
    /// The initiator's identity key, `0x05 || key`.
    #[prost(bytes = "vec", optional, tag = "3")]
    pub identity_key: Option<Vec<u8>>,
    /// The whole first `SignalMessage`: version byte, protobuf and MAC.
    #[prost(bytes = "vec", optional, tag = "4")]
    pub message: Option<Vec<u8>>,
    /// libsignal's registration id; OMEMO does not use it (read and ignored).
    #[prost(uint32, optional, tag = "5")]
    pub registration_id: Option<u32>,
    /// The signed pre-key used.
    #[prost(uint32, optional, tag = "6")]
    pub signed_pre_key_id: Option<u32>,
}

/// OMEMO 2 `OMEMOMessage`.
#[derive(Clone, PartialEq, prost::Message)]
pub struct OmemoMessage {
    /// Message number in the sending chain.
    #[prost(uint32, optional, tag = "1")]
    pub n: Option<u32>,
    /// Length of the previous sending chain.
    #[prost(uint32, optional, tag = "2")]
    pub pn: Option<u32>,
    /// The sender's ratchet public key (32 bytes, no type byte).
    #[prost(bytes = "vec", optional, tag = "3")]
    pub dh_pub: Option<Vec<u8>>,
    /// AES-256-CBC ciphertext of the transported key material.
    #[prost(bytes = "vec", optional, tag = "4")]
    pub ciphertext: Option<Vec<u8>>,
}

/// OMEMO 2 `OMEMOAuthenticatedMessage`.
#[derive(Clone, PartialEq, prost::Message)]
pub struct OmemoAuthenticatedMessage {
    /// The 16-byte truncated HMAC-SHA-256.
    #[prost(bytes = "vec", optional, tag = "1")]
    pub mac: Option<Vec<u8>>,
    /// The serialised `OMEMOMessage`.
    #[prost(bytes = "vec", optional, tag = "2")]
    pub message: Option<Vec<u8>>,
}

/// OMEMO 2 `OMEMOKeyExchange`.
#[derive(Clone, PartialEq, prost::Message)]
pub struct OmemoKeyExchange {
    /// The one-time pre-key used.
    #[prost(uint32, optional, tag = "1")]
    pub pk_id: Option<u32>,
    /// The signed pre-key used.
    #[prost(uint32, optional, tag = "2")]
    pub spk_id: Option<u32>,
    /// The initiator's Ed25519 identity key.
    #[prost(bytes = "vec", optional, tag = "3")]
    pub ik: Option<Vec<u8>>,
    /// The initiator's ephemeral X25519 key.
    #[prost(bytes = "vec", optional, tag = "4")]
    pub ek: Option<Vec<u8>>,
    /// The first authenticated message.
    #[prost(message, optional, tag = "5")]
    pub message: Option<OmemoAuthenticatedMessage>,
}
