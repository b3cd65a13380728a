//! The two OMEMO versions and the constants that differ between them.

use serde::{Deserialize, Serialize};

/// An OMEMO version, named by its XML namespace.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Namespace {
    /// OMEMO 0.3, `eu.siacs.conversations.axolotl`: the libsignal wire format that every
    /// deployed client (Conversations, Gajim, Dino, Monal...) speaks.
    Axolotl,
    /// OMEMO 2, `urn:xmpp:omemo:2` (XEP-0384 0.8 and later).
    Omemo2,
}

impl Namespace {
    /// Both namespaces, the legacy one first.
    pub const ALL: [Namespace; 2] = [Namespace::Axolotl, Namespace::Omemo2];

    /// The XML namespace of the `<encrypted>` element, the bundle and the device list.
    pub fn xmlns(self) -> &'static str {
        match self {
            Namespace::Axolotl => "eu.siacs.conversations.axolotl",
            Namespace::Omemo2 => "urn:xmpp:omemo:2",
        }
    }

    /// HKDF info of the X3DH shared secret (libsignal `RatchetingSession`: "WhisperText").
    pub(crate) fn x3dh_info(self) -> &'static [u8] {
        match self {
            Namespace::Axolotl => b"WhisperText",
            Namespace::Omemo2 => b"OMEMO X3DH",
        }
    }

    /// HKDF info of the root chain (libsignal `RootKey`: "WhisperRatchet").
    pub(crate) fn root_info(self) -> &'static [u8] {
        match self {
            Namespace::Axolotl => b"WhisperRatchet",
            Namespace::Omemo2 => b"OMEMO Root Chain",
        }
    }

    /// HKDF info that expands a message key (libsignal `ChainKey`: "WhisperMessageKeys").
    pub(crate) fn message_key_info(self) -> &'static [u8] {
        match self {
            Namespace::Axolotl => b"WhisperMessageKeys",
            Namespace::Omemo2 => b"OMEMO Message Key Material",
        }
    }

    /// Length of the truncated HMAC-SHA-256 on a ratchet message.
    pub(crate) fn mac_len(self) -> usize {
        match self {
            Namespace::Axolotl => 8,
            Namespace::Omemo2 => 16,
        }
    }
}
