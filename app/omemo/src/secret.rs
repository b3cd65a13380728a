//! Secret byte strings: zeroized on drop, never printed, stored as base64.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use zeroize::{Zeroize, ZeroizeOnDrop};

use crate::OmemoError;

/// 32 secret bytes (a private key, chain key, root key or message key).
///
/// Zeroized on drop; `Debug` prints no byte of it.
#[derive(Clone, Zeroize, ZeroizeOnDrop, PartialEq, Eq)]
pub struct Secret32(pub(crate) [u8; 32]);

impl Secret32 {
    /// Wraps 32 bytes.
    pub fn from_bytes(bytes: [u8; 32]) -> Self {
        Self(bytes)
    }

    /// Fresh bytes from the operating system's generator.
    pub fn random() -> Result<Self, OmemoError> {
        let mut bytes = [0u8; 32];
        getrandom::fill(&mut bytes).map_err(|_| OmemoError::Random)?;
        Ok(Self(bytes))
    }

    /// The bytes themselves.
    pub fn expose(&self) -> &[u8; 32] {
        &self.0
    }
}

impl fmt::Debug for Secret32 {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret32(..)")
    }
}

impl Serialize for Secret32 {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        b64::serialize(&self.0, serializer)
    }
}

impl<'de> Deserialize<'de> for Secret32 {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let mut bytes: Vec<u8> = b64::deserialize(deserializer)?;
        let result = <[u8; 32]>::try_from(bytes.as_slice())
            .map(Self)
            .map_err(|_| serde::de::Error::custom("a secret must be 32 bytes"));
        bytes.zeroize();
        result
    }
}

/// Where fresh secrets come from: the operating system in production, a fixed list in the
/// test-vector tests (so that the Rust side reproduces the Python side's bytes exactly).
pub trait SecretSource {
    /// Fills `out` with fresh secret bytes.
    fn fill(&mut self, out: &mut [u8]) -> Result<(), OmemoError>;

    /// 32 fresh secret bytes.
    fn secret32(&mut self) -> Result<Secret32, OmemoError> {
        let mut bytes = [0u8; 32];
        self.fill(&mut bytes)?;
        Ok(Secret32(bytes))
    }
}

/// The operating system's generator (`getrandom`).
#[derive(Debug, Default, Clone, Copy)]
pub struct OsSecrets;

impl SecretSource for OsSecrets {
    fn fill(&mut self, out: &mut [u8]) -> Result<(), OmemoError> {
        getrandom::fill(out).map_err(|_| OmemoError::Random)
    }
}

/// Base64 (standard, padded) for byte fields in the store file.
pub(crate) mod b64 {
    use base64::Engine as _;
    use base64::engine::general_purpose::STANDARD;
    use serde::{Deserialize, Deserializer, Serializer};

    pub(crate) fn serialize<S: Serializer, T: AsRef<[u8]>>(
        bytes: &T,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&STANDARD.encode(bytes.as_ref()))
    }

    pub(crate) fn deserialize<'de, D: Deserializer<'de>, T: TryFrom<Vec<u8>>>(
        deserializer: D,
    ) -> Result<T, D::Error> {
        let text = String::deserialize(deserializer)?;
        let bytes = STANDARD
            .decode(text.as_bytes())
            .map_err(|_| serde::de::Error::custom("invalid base64"))?;
        T::try_from(bytes).map_err(|_| serde::de::Error::custom("wrong length"))
    }
}
