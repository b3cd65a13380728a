//! Accounts: their connection state with Connect/Disconnect/Remove, the registration in
//! progress (drawn by the app's slot), and the form to add one. Nothing connects by itself.

use crate::account_form::{AccountForm, CertificateChoice};
use crate::action::Action;
use crate::i18n::Arg;
use crate::layout::{grid_scope, mirror, paragraph};
use crate::presets::{self, ServerPreset};
use crate::problems;
use crate::settings::AccountKind;
use crate::view_context::ViewContext;
use crate::widgets::{caution, good};
use messenger_chat::{AccountId, AccountState, Model};
use messenger_protocol::Command;
use messenger_protocol::accounts::SaslChoice;

/// A client certificate just made for an account: what the user must register with the
/// network (shown under the form until the next account is added).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CertificateNotice {
    /// The account's name in lists.
    pub account: String,
    /// SHA-512 fingerprint, hex.
    pub sha512: String,
    /// SHA-256 fingerprint, hex.
    pub sha256: String,
    /// The exact commands to send (while logged in with the password).
    pub commands: Vec<String>,
}

/// What the accounts screen asks of the rest of the UI in one frame.
#[derive(Debug, Default)]
pub(crate) struct AccountRequests {
    /// The user asked to remove this account (it waits for confirmation).
    pub(crate) remove: Option<AccountId>,
    /// A throwaway registration on this server was asked for.
    pub(crate) registering: Option<String>,
}

/// The accounts screen; it owns the add-account form.
#[derive(Debug, Default)]
pub(crate) struct Accounts {
    form: AccountForm,
    /// The last certificate made, or why the last account could not be added.
    notice: Option<Result<CertificateNotice, String>>,
}

impl Accounts {
    /// Draws the screen over `model`. `registration` draws the registration in progress
    /// between the list and the form; while `registration_running`, another cannot start.
    pub(crate) fn show(
        &mut self,
        ui: &mut egui::Ui,
        ctx: &mut ViewContext,
        model: &Model,
        registration_running: bool,
        registration: impl FnOnce(&mut egui::Ui, &mut ViewContext),
    ) -> AccountRequests {
        let mut requests = AccountRequests::default();
        let rtl = ctx.right_to_left();
        egui::CentralPanel::default().show(ui, |ui| {
            mirror(rtl, ui, |ui| {
                egui::ScrollArea::vertical().show(ui, |ui| {
                    ui.heading(ctx.tr().t("accounts-title"));
                    ui.add_space(6.0);
                    requests.remove = account_list(ui, ctx, model);
                    ui.add_space(8.0);
                    registration(ui, ctx);
                    ui.add_space(8.0);
                    ui.separator();
                    requests.registering = self.add_form(ui, ctx, registration_running);
                })
            });
        });
        requests
    }

    /// Shows a certificate just made (or why an account was not added) under the form.
    pub(crate) fn set_notice(&mut self, notice: Result<CertificateNotice, String>) {
        self.notice = Some(notice);
    }

    fn show_notice(&self, ui: &mut egui::Ui, ctx: &ViewContext) {
        let tr = ctx.tr();
        match &self.notice {
            None => {}
            Some(Err(reason)) => {
                ui.colored_label(
                    ui.visuals().error_fg_color,
                    tr.f(
                        "account-certificate-failed",
                        &[("reason", Arg::Text(reason))],
                    ),
                );
            }
            Some(Ok(notice)) => {
                ui.strong(tr.f(
                    "account-certificate-created",
                    &[("account", Arg::Text(&notice.account))],
                ));
                ui.label(tr.t("account-certificate-register"));
                for command in &notice.commands {
                    // Selectable, so it can be copied exactly.
                    let mut text = command.clone();
                    ui.add(egui::TextEdit::singleline(&mut text).desired_width(f32::INFINITY));
                }
                ui.label(tr.f(
                    "account-certificate-fingerprints",
                    &[
                        ("sha512", Arg::Text(&notice.sha512)),
                        ("sha256", Arg::Text(&notice.sha256)),
                    ],
                ));
            }
        }
    }

    /// The add-account form. Returns the server of a throwaway registration just asked for.
    fn add_form(
        &mut self,
        ui: &mut egui::Ui,
        ctx: &mut ViewContext,
        registration_running: bool,
    ) -> Option<String> {
        ui.heading(ctx.tr().t("account-add-title"));
        ui.add_space(6.0);
        self.show_notice(ui, ctx);
        let form = &mut self.form;
        form_fields(ui, ctx, form);
        let tr = ctx.tr();
        if let Some(problem) = form.problem {
            ui.colored_label(ui.visuals().error_fg_color, tr.t(problem));
        }
        let mut added = None;
        let mut registering = None;
        ui.horizontal(|ui| {
            if ui.button(tr.t("account-add")).clicked() {
                match form.build() {
                    Ok(config) => {
                        added = Some(config);
                        *form = AccountForm::default();
                    }
                    Err(problem) => form.problem = Some(problem),
                }
            }
            if form.kind == AccountKind::Xmpp {
                let server = form.host();
                let button = ui
                    .add_enabled(
                        !server.is_empty() && !registration_running,
                        egui::Button::new(tr.t("account-register-throwaway")),
                    )
                    .on_hover_text(tr.t("account-register-hint"));
                if button.clicked() {
                    let port = form.port.trim().parse().unwrap_or(5222);
                    registering = Some((server, port));
                }
            }
        });
        if let Some(config) = added {
            ctx.push(Action::AddAccount(config));
        }
        let (server, port) = registering?;
        ctx.push(Action::RegisterThrowaway {
            server: server.clone(),
            port,
        });
        Some(server)
    }
}

/// The accounts with their state and buttons. Returns the account the user asked to remove.
fn account_list(ui: &mut egui::Ui, ctx: &mut ViewContext, model: &Model) -> Option<AccountId> {
    let rtl = ctx.right_to_left();
    if model.accounts().next().is_none() {
        ui.label(ctx.tr().t("accounts-empty"));
        return None;
    }
    let tor_ready = model.tor.is_ready();
    let mut remove = None;
    grid_scope(ui, |ui| {
        egui::Grid::new("accounts")
            .num_columns(3)
            .spacing([16.0, 8.0])
            .show(ui, |ui| {
                for (id, account) in model.accounts() {
                    ui.strong(crate::bidi::visual(&account.label));
                    state(ui, ctx, &account.state);
                    ui.horizontal(|ui| {
                        let connected = !matches!(
                            account.state,
                            AccountState::Offline | AccountState::Failed { .. }
                        );
                        if connected {
                            if ui.button(ctx.tr().t("account-disconnect")).clicked() {
                                ctx.push(Action::Account {
                                    account: id,
                                    command: Command::Disconnect,
                                });
                            }
                        } else {
                            let button = ui.add_enabled(
                                tor_ready,
                                egui::Button::new(ctx.tr().t("account-connect")),
                            );
                            if !tor_ready {
                                button
                                    .on_disabled_hover_text(ctx.tr().t("account-waiting-for-tor"));
                            } else if button.clicked() {
                                ctx.push(Action::Account {
                                    account: id,
                                    command: Command::Connect,
                                });
                            }
                        }
                        if ui.button(ctx.tr().t("account-remove")).clicked() {
                            remove = Some(id);
                        }
                    });
                    ui.end_row();
                    let problem = match &account.state {
                        AccountState::Failed { reason }
                        | AccountState::Reconnecting { reason, .. } => {
                            Some(problems::explain(reason, ctx.tr()))
                        }
                        _ => account
                            .last_error
                            .as_deref()
                            .map(|detail| problems::server_says(detail, ctx.tr())),
                    };
                    if let Some(problem) = problem {
                        ui.label("");
                        let colour = ui.visuals().error_fg_color;
                        paragraph(ui, rtl, &problem, |text| {
                            egui::RichText::new(text).color(colour)
                        });
                        ui.end_row();
                    }
                }
            });
    });
    remove
}

/// An account's connection state in words and colour.
fn state(ui: &mut egui::Ui, ctx: &ViewContext, state: &AccountState) {
    let tr = ctx.tr();
    let (text, colour) = match state {
        AccountState::Offline => (tr.t("account-state-offline"), None),
        AccountState::Connecting => (tr.t("account-state-connecting"), Some(caution(ui))),
        AccountState::Online { own_name } => (
            tr.f("account-state-online", &[("name", Arg::Text(own_name))]),
            Some(good(ui)),
        ),
        AccountState::Reconnecting { retry_in, .. } => (
            tr.f(
                "account-state-reconnecting",
                &[("seconds", Arg::Number(retry_in.as_secs_f64().ceil()))],
            ),
            Some(caution(ui)),
        ),
        AccountState::Failed { .. } => (
            tr.t("account-state-failed"),
            Some(ui.visuals().error_fg_color),
        ),
    };
    match colour {
        Some(colour) => ui.colored_label(colour, text),
        None => ui.label(text),
    };
}

/// IRC's login rows: the SASL mechanism, the client certificate, the preset's note.
fn irc_login_fields(ui: &mut egui::Ui, ctx: &ViewContext, form: &mut AccountForm) {
    let tr = ctx.tr();
    let label = ui.label(tr.t("account-sasl"));
    egui::ComboBox::from_id_salt("sasl")
        .selected_text(tr.t(sasl_key(form.sasl)))
        .show_ui(ui, |ui| {
            for choice in SaslChoice::ALL {
                ui.selectable_value(&mut form.sasl, choice, tr.t(sasl_key(choice)));
            }
        })
        .response
        .labelled_by(label.id);
    ui.end_row();
    ui.label(tr.t("account-certificate"));
    ui.horizontal_wrapped(|ui| {
        for (choice, key) in [
            (CertificateChoice::None, "account-certificate-none"),
            (CertificateChoice::Generate, "account-certificate-generate"),
            (CertificateChoice::Import, "account-certificate-import"),
        ] {
            ui.radio_value(&mut form.certificate, choice, tr.t(key));
        }
    });
    ui.end_row();
    if form.certificate == CertificateChoice::Import {
        let label = ui.label(tr.t("account-certificate-file"));
        ui.text_edit_singleline(&mut form.certificate_path)
            .labelled_by(label.id);
        ui.end_row();
        let label = ui.label(tr.t("account-certificate-key-file"));
        ui.text_edit_singleline(&mut form.key_path)
            .labelled_by(label.id);
        ui.end_row();
    }
    if let Some(name) = form.tls_name() {
        ui.label(tr.t("account-tls-name"));
        ui.label(name);
        ui.end_row();
    }
    if let Some(note) = form.preset.and_then(|preset| preset.note) {
        ui.label("");
        ui.label(tr.t(note));
        ui.end_row();
    }
}

fn sasl_key(choice: SaslChoice) -> &'static str {
    match choice {
        SaslChoice::Automatic => "account-sasl-automatic",
        SaslChoice::Plain => "account-sasl-plain",
        SaslChoice::ScramSha256 => "account-sasl-scram",
        SaslChoice::External => "account-sasl-external",
        SaslChoice::EcdsaNist256pChallenge => "account-sasl-ecdsa",
        SaslChoice::Off => "account-sasl-off",
    }
}

/// The form's fields: protocol, preset, server, onion, port, TLS, user, password.
fn form_fields(ui: &mut egui::Ui, ctx: &ViewContext, form: &mut AccountForm) {
    let tr = ctx.tr();
    ui.horizontal(|ui| {
        ui.label(tr.t("account-protocol"));
        for (kind, key) in [
            (AccountKind::Irc, "account-protocol-irc"),
            (AccountKind::Xmpp, "account-protocol-xmpp"),
        ] {
            if ui.radio(form.kind == kind, tr.t(key)).clicked() && form.kind != kind {
                form.choose_kind(kind);
            }
        }
    });
    grid_scope(ui, |ui| {
        egui::Grid::new("account_form")
            .num_columns(2)
            .spacing([12.0, 6.0])
            .show(ui, |ui| {
                let preset_label = ui.label(tr.t("account-preset"));
                let preset_name = |preset: &ServerPreset| {
                    if preset.recommended {
                        format!("{} ({})", preset.name, tr.t("account-preset-recommended"))
                    } else {
                        preset.name.to_owned()
                    }
                };
                let selected = form
                    .preset
                    .map(preset_name)
                    .unwrap_or_else(|| tr.t("account-preset-custom"));
                let mut choice = form.preset;
                egui::ComboBox::from_id_salt("preset")
                    .selected_text(selected)
                    .show_ui(ui, |ui| {
                        ui.selectable_value(&mut choice, None, tr.t("account-preset-custom"));
                        for preset in presets::for_kind(form.kind) {
                            ui.selectable_value(&mut choice, Some(preset), preset_name(preset));
                        }
                    })
                    .response
                    .labelled_by(preset_label.id);
                if choice != form.preset {
                    form.choose_preset(choice);
                }
                ui.end_row();
                let label = ui.label(tr.t("account-server"));
                ui.text_edit_singleline(&mut form.server)
                    .labelled_by(label.id);
                ui.end_row();
                if form.preset.is_some_and(|p| p.onion.is_some()) {
                    ui.label("");
                    ui.checkbox(&mut form.use_onion, tr.t("account-use-onion"));
                    ui.end_row();
                }
                let label = ui.label(tr.t("account-port"));
                ui.add(egui::TextEdit::singleline(&mut form.port).desired_width(80.0))
                    .labelled_by(label.id);
                ui.end_row();
                ui.label("");
                ui.checkbox(&mut form.tls, tr.t("account-tls"));
                ui.end_row();
                let label = ui.label(tr.t(match form.kind {
                    AccountKind::Irc => "account-nick",
                    AccountKind::Xmpp => "account-jid",
                }));
                ui.text_edit_singleline(&mut form.user)
                    .labelled_by(label.id);
                ui.end_row();
                let label = ui.label(tr.t("account-password"));
                ui.add(egui::TextEdit::singleline(&mut form.password).password(true))
                    .labelled_by(label.id);
                ui.end_row();
                ui.label("");
                ui.checkbox(
                    &mut form.remember_password,
                    tr.t("account-remember-password"),
                );
                ui.end_row();
                if form.kind == AccountKind::Irc {
                    irc_login_fields(ui, ctx, form);
                }
            });
    });
}
