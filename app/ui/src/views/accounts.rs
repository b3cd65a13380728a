//! Accounts: their connection state with Connect/Disconnect, and the form to add one.
//! Nothing connects by itself; a preset is never preselected.

use crate::action::Action;
use crate::app::MessengerUi;
use crate::i18n::Arg;
use crate::presets::{self, ServerPreset};
use crate::problems;
use crate::settings::{AccountConfig, AccountKind};
use crate::views::top_bar::{caution, good};
use messenger_chat::{AccountState, Model};
use messenger_protocol::Command;

/// The add-account form's fields.
#[derive(Debug, Clone)]
pub(crate) struct AccountForm {
    kind: AccountKind,
    preset: Option<&'static ServerPreset>,
    label: String,
    server: String,
    port: String,
    use_onion: bool,
    tls: bool,
    user: String,
    password: String,
    remember_password: bool,
    problem: Option<&'static str>,
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
            problem: None,
        }
    }
}

impl AccountForm {
    fn choose_preset(&mut self, preset: Option<&'static ServerPreset>) {
        self.preset = preset;
        if let Some(preset) = preset {
            self.label = preset.name.to_owned();
            self.server = preset.host.to_owned();
            self.port = preset.port.to_string();
            self.tls = true;
            self.use_onion = false;
        }
    }

    fn host(&self) -> String {
        match self.preset {
            Some(ServerPreset {
                onion: Some(onion), ..
            }) if self.use_onion => (*onion).to_owned(),
            _ => self.server.trim().to_owned(),
        }
    }

    /// The account described, or the key of what is missing.
    fn build(&self) -> Result<AccountConfig, &'static str> {
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
        Ok(AccountConfig {
            label,
            kind: self.kind,
            server,
            port,
            tls: self.tls,
            user: self.user.trim().to_owned(),
            password: (self.remember_password && !self.password.is_empty())
                .then(|| self.password.clone()),
            rooms: Vec::new(),
        })
    }
}

pub(crate) fn show(app: &mut MessengerUi, ui: &mut egui::Ui, model: &Model) {
    let rtl = app.right_to_left();
    egui::CentralPanel::default().show(ui, |ui| {
        crate::views::mirror(rtl, ui, |ui| {
            egui::ScrollArea::vertical().show(ui, |ui| {
                ui.heading(app.tr.t("accounts-title"));
                ui.add_space(6.0);
                account_list(app, ui, model);
                ui.add_space(8.0);
                crate::views::registration::show(app, ui);
                ui.add_space(8.0);
                ui.separator();
                add_form(app, ui);
            })
        });
    });
}

fn account_list(app: &mut MessengerUi, ui: &mut egui::Ui, model: &Model) {
    let rtl = app.right_to_left();
    if model.accounts().next().is_none() {
        ui.label(app.tr.t("accounts-empty"));
        return;
    }
    let tor_ready = model.tor.is_ready();
    crate::views::grid_scope(ui, |ui| {
        egui::Grid::new("accounts")
            .num_columns(3)
            .spacing([16.0, 8.0])
            .show(ui, |ui| {
                let accounts: Vec<_> = model.accounts().collect();
                for (id, account) in accounts {
                    ui.strong(crate::bidi::visual(&account.label));
                    let (text, colour) = match &account.state {
                        AccountState::Offline => (app.tr.t("account-state-offline"), None),
                        AccountState::Connecting => {
                            (app.tr.t("account-state-connecting"), Some(caution(ui)))
                        }
                        AccountState::Online { own_name } => (
                            app.tr
                                .f("account-state-online", &[("name", Arg::Text(own_name))]),
                            Some(good(ui)),
                        ),
                        AccountState::Reconnecting { retry_in, .. } => (
                            app.tr.f(
                                "account-state-reconnecting",
                                &[("seconds", Arg::Number(retry_in.as_secs_f64().ceil()))],
                            ),
                            Some(caution(ui)),
                        ),
                        AccountState::Failed { .. } => (
                            app.tr.t("account-state-failed"),
                            Some(ui.visuals().error_fg_color),
                        ),
                    };
                    match colour {
                        Some(colour) => ui.colored_label(colour, text),
                        None => ui.label(text),
                    };
                    ui.horizontal(|ui| {
                        let connected = !matches!(
                            account.state,
                            AccountState::Offline | AccountState::Failed { .. }
                        );
                        if connected {
                            if ui.button(app.tr.t("account-disconnect")).clicked() {
                                app.actions.push(Action::Account {
                                    account: id,
                                    command: Command::Disconnect,
                                });
                            }
                        } else {
                            let button = ui.add_enabled(
                                tor_ready,
                                egui::Button::new(app.tr.t("account-connect")),
                            );
                            if !tor_ready {
                                button.on_disabled_hover_text(app.tr.t("account-waiting-for-tor"));
                            } else if button.clicked() {
                                app.actions.push(Action::Account {
                                    account: id,
                                    command: Command::Connect,
                                });
                            }
                        }
                        if ui.button(app.tr.t("account-remove")).clicked() {
                            app.remove_dialog = Some(id);
                            app.remove_forget_otr = false;
                        }
                    });
                    ui.end_row();
                    let problem = match &account.state {
                        AccountState::Failed { reason }
                        | AccountState::Reconnecting { reason, .. } => {
                            Some(problems::explain(reason, &app.tr))
                        }
                        _ => account
                            .last_error
                            .as_deref()
                            .map(|detail| problems::server_says(detail, &app.tr)),
                    };
                    if let Some(problem) = problem {
                        ui.label("");
                        let colour = ui.visuals().error_fg_color;
                        crate::views::paragraph(ui, rtl, &problem, |text| {
                            egui::RichText::new(text).color(colour)
                        });
                        ui.end_row();
                    }
                }
            });
    });
}

fn add_form(app: &mut MessengerUi, ui: &mut egui::Ui) {
    ui.heading(app.tr.t("account-add-title"));
    ui.add_space(6.0);
    let form = &mut app.account_form;
    let tr = &app.tr;
    ui.horizontal(|ui| {
        ui.label(tr.t("account-protocol"));
        for (kind, key) in [
            (AccountKind::Irc, "account-protocol-irc"),
            (AccountKind::Xmpp, "account-protocol-xmpp"),
        ] {
            if ui.radio(form.kind == kind, tr.t(key)).clicked() && form.kind != kind {
                form.kind = kind;
                form.choose_preset(None);
                form.port = match kind {
                    AccountKind::Irc => "6697".into(),
                    AccountKind::Xmpp => "5222".into(),
                };
            }
        }
    });
    crate::views::grid_scope(ui, |ui| {
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
            });
    });
    if let Some(problem) = form.problem {
        ui.colored_label(ui.visuals().error_fg_color, tr.t(problem));
    }
    ui.horizontal(|ui| {
        if ui.button(tr.t("account-add")).clicked() {
            match form.build() {
                Ok(config) => {
                    app.actions.push(Action::AddAccount(config));
                    *form = AccountForm::default();
                }
                Err(problem) => form.problem = Some(problem),
            }
        }
        if form.kind == AccountKind::Xmpp {
            let server = form.host();
            let busy = matches!(
                app.registration,
                Some(crate::views::registration::Registration::Creating { .. })
            );
            let button = ui
                .add_enabled(
                    !server.is_empty() && !busy,
                    egui::Button::new(tr.t("account-register-throwaway")),
                )
                .on_hover_text(tr.t("account-register-hint"));
            if button.clicked() {
                let port = form.port.trim().parse().unwrap_or(5222);
                app.registration = Some(crate::views::registration::Registration::Creating {
                    server: server.clone(),
                });
                app.actions.push(Action::RegisterThrowaway { server, port });
            }
        }
    });
}
