//! What the portable profile keeps: settings and account configurations, as TOML.
//! Never chat content. Reading and writing the file is the binary's job; this is the format.

use crate::i18n::Language;
use messenger_chat::EncryptionPolicy;
use messenger_protocol::ProtocolKind;
use messenger_protocol::accounts::SaslChoice;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Light or dark colours.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Theme {
    /// Dark text on light background.
    #[default]
    Light,
    /// Light text on dark background.
    Dark,
}

/// The user's choices.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// The first-run explanation was read.
    pub first_run_done: bool,
    /// UI language.
    pub language: Language,
    /// Colours.
    pub theme: Theme,
    /// Body text size in points.
    pub font_size: f32,
    /// Never send plaintext to anyone unless a contact is exempted.
    pub require_encryption: bool,
    /// Per contact ("account label/contact"): `true` requires, `false` relaxes.
    pub require_encryption_for: BTreeMap<String, bool>,
    /// Offer OTR protocol version 3 besides version 2.
    pub otr_v3: bool,
    /// Check for a newer release at most once a day while running (only a notice; nothing
    /// is downloaded). Off unless the user turns it on.
    pub check_updates_periodically: bool,
}

impl Default for Settings {
    fn default() -> Settings {
        Settings {
            first_run_done: false,
            language: Language::English,
            theme: Theme::Light,
            font_size: 14.0,
            require_encryption: false,
            require_encryption_for: BTreeMap::new(),
            otr_v3: false,
            check_updates_periodically: false,
        }
    }
}

impl Settings {
    /// Smallest and largest text size offered.
    pub const FONT_SIZES: std::ops::RangeInclusive<f32> = 10.0..=24.0;

    /// The encryption policy these settings describe.
    pub fn policy(&self) -> EncryptionPolicy {
        EncryptionPolicy {
            require_globally: self.require_encryption,
            per_contact: self.require_encryption_for.clone(),
        }
    }
}

/// IRC or XMPP, as stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum AccountKind {
    /// IRC.
    Irc,
    /// XMPP.
    Xmpp,
}

impl From<AccountKind> for ProtocolKind {
    fn from(kind: AccountKind) -> ProtocolKind {
        match kind {
            AccountKind::Irc => ProtocolKind::Irc,
            AccountKind::Xmpp => ProtocolKind::Xmpp,
        }
    }
}

/// An account as the add-account form describes it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewAccount {
    /// The name shown in the UI.
    pub label: String,
    /// IRC or XMPP.
    pub kind: AccountKind,
    /// Host name (resolved by tor, never locally); may be a `.onion`.
    pub server: String,
    /// TCP port.
    pub port: u16,
    /// TLS to the server (direct TLS for IRC, STARTTLS for XMPP).
    pub tls: bool,
    /// IRC nickname or XMPP address.
    pub user: String,
    /// Kept only when the user asked for it (the profile file is 0600).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub password: Option<String>,
    /// Rooms to offer to join.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rooms: Vec<String>,
    /// IRC: how to log in with SASL.
    #[serde(default)]
    pub sasl: SaslChoice,
    /// IRC: a client certificate to generate or import for this account.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub certificate: Option<CertificateRequest>,
    /// The name the server's certificate carries when it is not the server's address (an
    /// onion presenting its clearnet certificate).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tls_name: Option<String>,
}

/// Where a new IRC account's client certificate comes from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum CertificateRequest {
    /// Generate a new certificate and key for this account only.
    Generate,
    /// Import PEM files the user has: the certificate (with the key, or the key apart).
    Import {
        /// The certificate file (may hold the key too).
        certificate_path: String,
        /// The key file, when separate.
        key_path: Option<String>,
    },
}

/// Everything in `settings.toml`. Accounts live in the protocol crate's `accounts.toml`
/// (with their circuit-isolation credentials); this file holds only the user's choices.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct SettingsFile {
    /// Choices.
    pub settings: Settings,
}

/// Why a profile file could not be read.
#[derive(Debug, thiserror::Error)]
pub enum SettingsFileError {
    /// The file is not valid TOML for a profile; the message names the line, never values.
    #[error("the settings file is damaged ({0}); move it away to start with fresh settings")]
    Damaged(String),
    /// Writing TOML failed (cannot happen for these types; kept typed rather than unwrapped).
    #[error("the settings could not be written as TOML")]
    Encode,
}

impl SettingsFile {
    /// Parses `settings.toml`.
    pub fn from_toml(text: &str) -> Result<SettingsFile, SettingsFileError> {
        toml::from_str(text).map_err(|error| {
            // Only the position: the message could quote a password from the file.
            let at = error
                .span()
                .map(|span| format!("at byte {}", span.start))
                .unwrap_or_else(|| "position unknown".into());
            SettingsFileError::Damaged(at)
        })
    }

    /// Writes `settings.toml`.
    pub fn to_toml(&self) -> Result<String, SettingsFileError> {
        toml::to_string_pretty(self).map_err(|_| SettingsFileError::Encode)
    }
}

#[cfg(test)]
mod tests;
