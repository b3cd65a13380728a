//! Whether a contact requires encryption: the global switch and per-contact choices.

use std::collections::BTreeMap;

/// The "require encryption" settings: global, with per-contact exceptions either way.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EncryptionPolicy {
    /// Require encryption for every contact unless a contact says otherwise.
    pub require_globally: bool,
    /// Per contact (account-qualified name): `true` requires, `false` relaxes.
    pub per_contact: BTreeMap<String, bool>,
}

impl EncryptionPolicy {
    /// Whether plaintext must never be sent to `contact`.
    pub fn requires_encryption(&self, contact: &str) -> bool {
        self.per_contact
            .get(contact)
            .copied()
            .unwrap_or(self.require_globally)
    }
}

#[cfg(test)]
mod tests;
