//! The add-account form's fields and what they make: an [`NewAccount`], or the key of
//! what is missing. The accounts view draws the fields; a preset is never preselected.

use crate::presets::ServerPreset;
use crate::settings::{AccountKind, CertificateRequest, NewAccount};
use messenger_protocol::accounts::SaslChoice;

/// What the form does about a client certificate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) enum CertificateChoice {
    /// None.
    #[default]
    None,
    /// Generate one for this account.
    Generate,
    /// Import PEM files.
    Import,
}

/// The add-account form's fields, bound to the widgets that edit them.
#[derive(Debug, Clone)]
pub(crate) struct AccountForm {
    /// IRC or XMPP.
    pub(crate) kind: AccountKind,
    /// The chosen server preset, `None` for a server the user types.
    pub(crate) preset: Option<&'static ServerPreset>,
    /// The account's name in lists (the server's when empty).
    pub(crate) label: String,
    /// The server's host name.
    pub(crate) server: String,
    /// The port as typed.
    pub(crate) port: String,
    /// Connect to the preset's onion address instead.
    pub(crate) use_onion: bool,
    /// Use TLS.
    pub(crate) tls: bool,
    /// The nickname (IRC) or address (XMPP).
    pub(crate) user: String,
    /// The password.
    pub(crate) password: String,
    /// Keep the password in the profile.
    pub(crate) remember_password: bool,
    /// IRC: the SASL login.
    pub(crate) sasl: SaslChoice,
    /// IRC: the client certificate.
    pub(crate) certificate: CertificateChoice,
    /// The certificate file to import.
    pub(crate) certificate_path: String,
    /// The key file to import, when separate.
    pub(crate) key_path: String,
    /// The key of what was missing at the last "add".
    pub(crate) problem: Option<&'static str>,
}

impl Default for AccountForm {
    fn default() -> AccountForm {
        AccountForm {
            kind: AccountKind::Irc,
            preset: None,
            label: String::new(),
            server: String::new(),
            port: "6697".into(),
            use_onion: false,
            tls: true,
            user: String::new(),
            password: String::new(),
            remember_password: false,
            sasl: SaslChoice::Automatic,
            certificate: CertificateChoice::None,
            certificate_path: String::new(),
            key_path: String::new(),
            problem: None,
        }
    }
}

impl AccountForm {
    /// Switches to `kind`: no preset, and that protocol's usual TLS port.
    pub(crate) fn choose_kind(&mut self, kind: AccountKind) {
        self.kind = kind;
        self.choose_preset(None);
        self.port = match kind {
            AccountKind::Irc => "6697".into(),
            AccountKind::Xmpp => "5222".into(),
        };
    }

    /// Chooses `preset` (or none) and fills the fields it names.
    pub(crate) fn choose_preset(&mut self, preset: Option<&'static ServerPreset>) {
        self.preset = preset;
        if let Some(preset) = preset {
            self.label = preset.name.to_owned();
            self.server = preset.host.to_owned();
            self.port = preset.port.to_string();
            self.tls = true;
            self.use_onion = false;
            self.sasl = preset.sasl;
            if matches!(
                preset.sasl,
                SaslChoice::External | SaslChoice::EcdsaNist256pChallenge
            ) && self.certificate == CertificateChoice::None
            {
                self.certificate = CertificateChoice::Generate;
            }
        }
    }

    /// The host to connect to: the preset's onion address when chosen, else the server.
    pub(crate) fn host(&self) -> String {
        match self.preset {
            Some(ServerPreset {
                onion: Some(onion), ..
            }) if self.use_onion => (*onion).to_owned(),
            _ => self.server.trim().to_owned(),
        }
    }

    /// The name the server's certificate must carry when it is not the host: the preset's,
    /// for its onion address.
    pub(crate) fn tls_name(&self) -> Option<String> {
        match self.preset {
            Some(ServerPreset {
                onion: Some(_),
                onion_tls_name: Some(name),
                ..
            }) if self.use_onion && self.tls => Some((*name).to_owned()),
            _ => None,
        }
    }

    /// The account described, or the key of what is missing.
    pub(crate) fn build(&self) -> Result<NewAccount, &'static str> {
        let server = self.host();
        if server.is_empty() {
            return Err("account-missing-server");
        }
        if self.user.trim().is_empty() {
            return Err("account-missing-user");
        }
        let port = match self.port.trim().parse::<u16>() {
            Ok(port) if port > 0 => port,
            _ => return Err("account-bad-port"),
        };
        let label = if self.label.trim().is_empty() {
            server.clone()
        } else {
            self.label.trim().to_owned()
        };
        let certificate = match (self.kind, self.certificate) {
            (AccountKind::Xmpp, _) | (_, CertificateChoice::None) => None,
            (AccountKind::Irc, CertificateChoice::Generate) => Some(CertificateRequest::Generate),
            (AccountKind::Irc, CertificateChoice::Import) => {
                if self.certificate_path.trim().is_empty() {
                    return Err("account-missing-certificate");
                }
                Some(CertificateRequest::Import {
                    certificate_path: self.certificate_path.trim().to_owned(),
                    key_path: Some(self.key_path.trim().to_owned()).filter(|p| !p.is_empty()),
                })
            }
        };
        Ok(NewAccount {
            label,
            kind: self.kind,
            server,
            port,
            tls: self.tls,
            user: self.user.trim().to_owned(),
            password: (self.remember_password && !self.password.is_empty())
                .then(|| self.password.clone()),
            rooms: Vec::new(),
            sasl: match self.kind {
                AccountKind::Irc => self.sasl,
                AccountKind::Xmpp => SaslChoice::Automatic,
            },
            certificate,
            tls_name: self.tls_name(),
        })
    }
}
