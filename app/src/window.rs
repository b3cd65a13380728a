//! The eframe application: runs the UI over the model, hands the UI's actions to the
//! network side, and saves settings and accounts in the profile.

use crate::font_files;
use crate::network;
use crate::profile_store;
use crate::showcase::{self, Showcase};
use crate::tor_status::TorReport;
use crate::update_check::UpdateChecker;
use messenger_chat::{AccountId, Model, TorWarning};
use messenger_protocol::ProtocolKind;
use messenger_protocol::accounts::{AccountConfig, AccountsFile, Transport};
use messenger_session::client_certificates::{self, CertificateSource};
use messenger_session::{Outcome, Session};
use messenger_ui::{
    Action, CertificateNotice, CertificateRequest, MessengerUi, NewAccount, Script, SettingsFile,
    TorRequest,
};
use std::path::PathBuf;
use std::sync::mpsc::Receiver;
use tokio::sync::mpsc::UnboundedSender;

/// The running messenger window.
pub(crate) struct Messenger {
    ui: MessengerUi,
    model: Model,
    profile: SettingsFile,
    accounts: AccountsFile,
    /// The model's id of each entry of `accounts`, in the same order.
    account_ids: Vec<AccountId>,
    profile_dir: PathBuf,
    fonts_dir: PathBuf,
    fonts_for: Option<Vec<Script>>,
    tor_updates: Receiver<TorReport>,
    /// Where the person's choices of how tor connects go (the tor watcher).
    tor_requests: Option<UnboundedSender<TorRequest>>,
    network: Option<Session>,
    updates: UpdateChecker,
    /// Showcase screens never save anything.
    showcase: bool,
}

/// What the window needs at start.
pub(crate) struct Start {
    /// Settings from the profile.
    pub profile: SettingsFile,
    /// Accounts from the profile.
    pub accounts: AccountsFile,
    /// The profile folder.
    pub profile_dir: PathBuf,
    /// The bundle's fonts folder.
    pub fonts_dir: PathBuf,
    /// Tor's state and bootstrap warnings, from the control port watcher.
    pub tor_updates: Receiver<TorReport>,
    /// The watcher's side for the person's choices (None in showcase mode).
    pub tor_requests: Option<UnboundedSender<TorRequest>>,
    /// The network side (None in showcase mode).
    pub network: Option<Session>,
    /// Update checks.
    pub updates: UpdateChecker,
    /// Local time zone offset.
    pub utc_offset_seconds: i64,
}

/// The name an account is shown under (and per-contact settings are keyed by).
pub(crate) fn account_label(account: &AccountConfig) -> String {
    match account.protocol {
        ProtocolKind::Irc => format!("{}@{}", account.user, account.server),
        ProtocolKind::Xmpp => account.user.clone(),
    }
}

impl Messenger {
    /// The window's state.
    pub(crate) fn new(start: Start) -> Messenger {
        let mut model = Model::new();
        let mut network = start.network;
        let mut account_ids = Vec::new();
        for account in &start.accounts.accounts {
            let label = account_label(account);
            account_ids.push(match network.as_mut() {
                Some(network) => network.add_account(&mut model, account, &label),
                None => model.add_account(label, account.protocol),
            });
        }
        let mut ui = MessengerUi::new(start.profile.settings.clone());
        ui.set_utc_offset(start.utc_offset_seconds);
        ui.set_updates_configured(start.updates.is_configured());
        Messenger {
            ui,
            model,
            profile: start.profile,
            accounts: start.accounts,
            account_ids,
            profile_dir: start.profile_dir,
            fonts_dir: start.fonts_dir,
            fonts_for: None,
            tor_updates: start.tor_updates,
            tor_requests: start.tor_requests,
            network,
            updates: start.updates,
            showcase: false,
        }
    }

    /// Shows a sample screen instead of the profile's content.
    pub(crate) fn showcase(&mut self, which: Showcase) {
        self.showcase = true;
        // Times as in UTC whatever the machine's zone: the screenshots do not change.
        self.ui.set_utc_offset(0);
        self.model = Model::new();
        showcase::populate(which, &mut self.model, &mut self.ui);
    }

    /// Loads fonts when the language's needs changed. Arabic script is always loaded: it is
    /// small (240 KB) and Persian names or messages can arrive whatever the UI language;
    /// the CJK font (4 MB) only for Chinese.
    fn ensure_fonts(&mut self, ctx: &egui::Context) {
        let mut scripts = vec![Script::Arabic];
        if let Some(Script::Han) = self.ui.needed_script() {
            scripts.push(Script::Han);
        }
        if self.fonts_for.as_ref() == Some(&scripts) {
            return;
        }
        let fonts = font_files::load(&self.fonts_dir, &scripts);
        self.ui.install_fonts(ctx, &fonts);
        self.fonts_for = Some(scripts);
    }

    fn save_settings(&self) {
        if self.showcase {
            return;
        }
        if let Err(error) = profile_store::save(&self.profile_dir, &self.profile) {
            // The error names the folder problem, never the settings' content.
            eprintln!("tor-messenger: settings not saved: {error:#}");
        }
    }

    fn add_account(&mut self, config: NewAccount) {
        let protocol = config.kind.into();
        let mut saved =
            match AccountConfig::new(protocol, &config.user, &config.server, config.port) {
                Ok(saved) => saved,
                Err(error) => {
                    eprintln!("tor-messenger: account not added: {error}");
                    return;
                }
            };
        saved.transport = if config.tls {
            Transport::Tls
        } else {
            Transport::Plaintext
        };
        saved.remember_password = config.password.is_some();
        saved.password = config.password;
        saved.rooms = config.rooms;
        saved.sasl = config.sasl;
        saved.tls_name = config.tls_name;
        if let Some(request) = &config.certificate {
            match self.make_certificate(&mut saved, request) {
                Ok(notice) => self.ui.certificate_notice(Ok(notice)),
                Err(reason) => {
                    // Nothing is saved: the user fixes the file and adds the account again.
                    self.ui.certificate_notice(Err(reason));
                    return;
                }
            }
        }
        self.add_saved_account(saved);
    }

    /// Generates or imports the client certificate of a new IRC account into the profile.
    fn make_certificate(
        &self,
        saved: &mut AccountConfig,
        request: &CertificateRequest,
    ) -> Result<CertificateNotice, String> {
        let source = match request {
            CertificateRequest::Generate => CertificateSource::Generate,
            CertificateRequest::Import {
                certificate_path,
                key_path,
            } => {
                let read = |path: &str| {
                    std::fs::read(path)
                        .map_err(|error| format!("the file could not be read ({})", error.kind()))
                };
                CertificateSource::Import {
                    pem: read(certificate_path.as_str())?,
                    key_pem: key_path.as_deref().map(read).transpose()?,
                }
            }
        };
        let fingerprints = client_certificates::create(&self.profile_dir, saved, &source)?;
        Ok(CertificateNotice {
            account: account_label(saved),
            commands: fingerprints.registration_commands(),
            sha512: fingerprints.sha512,
            sha256: fingerprints.sha256,
        })
    }

    /// Shows, starts and saves a new account.
    fn add_saved_account(&mut self, saved: AccountConfig) {
        let label = account_label(&saved);
        let id = match self.network.as_mut() {
            Some(network) => network.add_account(&mut self.model, &saved, &label),
            None => self.model.add_account(label, saved.protocol),
        };
        self.accounts.accounts.push(saved);
        self.account_ids.push(id);
        self.save_accounts();
    }

    fn save_accounts(&self) {
        if !self.showcase
            && let Err(error) =
                messenger_protocol::accounts::save_accounts(&self.profile_dir, &self.accounts)
        {
            eprintln!("tor-messenger: accounts not saved: {error}");
        }
    }

    /// Stops `account` (its task ends; an IRC account says QUIT), drops it from the model and
    /// deletes it from `accounts.toml`. With `forget_otr`, its OTR key, instance tag and its
    /// contacts' fingerprints are deleted from the profile too.
    fn remove_account(&mut self, account: AccountId, forget_otr: bool) {
        match self.network.as_mut() {
            Some(network) => {
                if let Err(error) = network.remove_account(&mut self.model, account, forget_otr) {
                    // Only the OTR part can fail: the user must know the key is still there.
                    self.ui.account_removal_failed(error.to_string());
                }
            }
            None => self.model.remove_account(account),
        }
        if let Some(index) = self.account_ids.iter().position(|id| *id == account) {
            self.account_ids.remove(index);
            if index < self.accounts.accounts.len() {
                self.accounts.accounts.remove(index);
            }
            self.save_accounts();
        }
    }

    fn carry_out(&mut self, action: Action, ctx: &egui::Context) {
        match action {
            Action::FirstRunDone => {}
            Action::SettingsChanged(settings) => {
                if let Some(network) = self.network.as_mut() {
                    network.set_policy(network::policy(&settings));
                }
                self.profile.settings = settings;
                self.save_settings();
            }
            Action::AddAccount(config) => self.add_account(config),
            Action::RemoveAccount {
                account,
                forget_otr,
            } => self.remove_account(account, forget_otr),
            Action::Tor(request) => {
                if let Some(requests) = &self.tor_requests {
                    // The watcher ended only with the window; nothing to do then.
                    let _ = requests.send(request);
                }
            }
            Action::CheckForUpdates => {
                let ctx = ctx.clone();
                self.updates.start(true, move || ctx.request_repaint());
            }
            Action::RegisterThrowaway { server, port } => {
                if let Some(network) = &self.network {
                    network.register_throwaway(&server, port);
                }
            }
            Action::Account { account, command } => {
                if let Some(network) = &self.network {
                    network.command(&mut self.model, account, command);
                }
            }
            Action::Send {
                conversation,
                text,
                kind,
            } => {
                if let Some(network) = self.network.as_mut() {
                    network.send(&mut self.model, conversation, text, kind);
                }
            }
            Action::Otr {
                conversation,
                request,
            } => {
                if let Some(network) = self.network.as_mut() {
                    network.otr_request(&mut self.model, conversation, request);
                }
            }
        }
    }
}

impl eframe::App for Messenger {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        if !self.showcase {
            while let Ok(report) = self.tor_updates.try_recv() {
                match report {
                    TorReport::State(state) => self.model.tor = state,
                    TorReport::Warning(warning) => report_tor_warning(&warning),
                    TorReport::Connection(connection) => self.ui.set_tor_connection(connection),
                }
            }
        }
        let outcomes = match self.network.as_mut() {
            Some(network) => network.drain(&mut self.model),
            None => Vec::new(),
        };
        for outcome in outcomes {
            match outcome {
                Outcome::Registered(account) => {
                    let address = account.user.clone();
                    self.add_saved_account(account);
                    self.ui.registration_finished(Ok(address));
                }
                Outcome::RegistrationFailed(reason) => self.ui.registration_finished(Err(reason)),
                _ => {}
            }
        }
        for (status, asked) in self.updates.results() {
            self.ui.set_update_status(status, asked);
        }
        if !self.showcase {
            let due = self.updates.tick(
                self.profile.settings.check_updates_periodically,
                self.model.tor.is_ready(),
                std::time::Instant::now(),
                {
                    let ctx = ui.ctx().clone();
                    move || ctx.request_repaint()
                },
            );
            if let Some(due) = due {
                // One wake-up when the next check is due; no repaint loop meanwhile.
                ui.ctx().request_repaint_after(due);
            }
        }
        self.ensure_fonts(ui.ctx());
        let actions = self.ui.show(ui, &mut self.model);
        for action in actions {
            self.carry_out(action, ui.ctx());
        }
    }
}

/// Tells the person running the messenger from a terminal why tor does not connect (the
/// window shows it on its connection screen). Never the address tor was reaching: it may be a
/// private bridge.
fn report_tor_warning(warning: &TorWarning) {
    eprintln!(
        "tor-messenger: tor cannot connect yet (at {} %, {}): {} [{}], {} time(s)",
        warning.progress, warning.summary, warning.warning, warning.reason, warning.count
    );
}

#[cfg(test)]
mod tests;
