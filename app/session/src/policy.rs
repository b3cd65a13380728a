//! The user's OTR choices, as the session takes them (the UI's settings map onto this).

use messenger_otr::{OtrSettings, PeerId};
use std::collections::BTreeMap;
use std::time::Duration;

/// OTR policy for the whole profile.
#[derive(Debug, Clone, PartialEq)]
pub struct OtrPolicy {
    /// Never send plaintext to anyone unless a contact is exempted.
    pub require_encryption: bool,
    /// Per contact, keyed "account label/contact": `true` requires, `false` relaxes.
    pub require_encryption_for: BTreeMap<String, bool>,
    /// Offer OTR protocol version 3 besides version 2.
    pub allow_v3: bool,
    /// How long a message held by "require encryption" waits for a private conversation
    /// before it is marked unsent.
    pub queue_timeout: Duration,
}

impl Default for OtrPolicy {
    fn default() -> OtrPolicy {
        let otr = OtrSettings::default();
        OtrPolicy {
            require_encryption: otr.require_encryption,
            require_encryption_for: BTreeMap::new(),
            allow_v3: otr.allow_v3,
            queue_timeout: otr.queue_timeout,
        }
    }
}

impl OtrPolicy {
    /// The engine's settings; `accounts` maps account labels to OTR accounts so per-contact
    /// keys can be resolved (keys of unknown accounts are skipped).
    pub(crate) fn otr_settings(
        &self,
        accounts: &[(String, messenger_otr::OtrAccount)],
    ) -> OtrSettings {
        let mut otr = OtrSettings {
            require_encryption: self.require_encryption,
            allow_v3: self.allow_v3,
            queue_timeout: self.queue_timeout,
            ..OtrSettings::default()
        };
        for (key, required) in &self.require_encryption_for {
            let Some((label, contact)) = key.split_once('/') else {
                continue;
            };
            if let Some((_, account)) = accounts.iter().find(|(l, _)| l == label) {
                otr.require_encryption_for
                    .insert(PeerId::new(account.clone(), contact), *required);
            }
        }
        otr
    }
}

#[cfg(test)]
mod tests;
