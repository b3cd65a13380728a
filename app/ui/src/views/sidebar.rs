//! The conversation list per account, with presence and unread counts, and the form that
//! starts a conversation (join a room, write to a contact).

use crate::action::Action;
use crate::bidi;
use crate::i18n::Arg;
use crate::layout::mirror;
use crate::view_context::ViewContext;
use crate::widgets::{conversation_name, good};
use messenger_chat::{AccountId, AccountState, Model};
use messenger_protocol::{Command, Conversation};

/// The "start a conversation" form.
#[derive(Debug, Clone, Default)]
struct OpenForm {
    /// The room or contact as typed.
    target: String,
    /// The account it is opened on.
    account: Option<AccountId>,
}

/// The side panel with the conversations; it owns the "start a conversation" form.
#[derive(Debug, Default)]
pub(crate) struct Sidebar {
    open_form: OpenForm,
}

impl Sidebar {
    /// Draws the panel; clicking a conversation or contact opens and activates it in `model`.
    pub(crate) fn show(&mut self, ui: &mut egui::Ui, ctx: &mut ViewContext, model: &mut Model) {
        let rtl = ctx.right_to_left();
        // Mirrored for a right-to-left language: the list sits on the right.
        let panel = if rtl {
            egui::Panel::right("conversations")
        } else {
            egui::Panel::left("conversations")
        };
        panel.resizable(true).default_size(220.0).show(ui, |ui| {
            mirror(rtl, ui, |ui| {
                ui.heading(ctx.tr().t("contacts-title"));
                egui::ScrollArea::vertical()
                    .max_height(ui.available_height() - 150.0)
                    .show(ui, |ui| list(ui, ctx, model));
                ui.separator();
                self.open_form.show(ui, ctx, model);
            })
        });
    }
}

/// The conversations and contacts of each account.
fn list(ui: &mut egui::Ui, ctx: &ViewContext, model: &mut Model) {
    let mut activate = None;
    let mut open = None;
    let accounts: Vec<_> = model.accounts().map(|(id, _)| id).collect();
    let mut any = false;
    for account in accounts {
        let Some(entry) = model.account(account) else {
            continue;
        };
        ui.add_space(4.0);
        let online = matches!(entry.state, AccountState::Online { .. });
        ui.horizontal(|ui| {
            let colour = if online {
                good(ui)
            } else {
                ui.visuals().weak_text_color()
            };
            crate::icons::dot(ui, colour, online);
            ui.strong(bidi::visual(&entry.label));
        });
        for (id, conversation) in model.conversations() {
            if conversation.account != account || conversation.closed {
                continue;
            }
            any = true;
            let mut name = bidi::visual(conversation_name(&conversation.target)).into_owned();
            let presence = match &conversation.target {
                Conversation::Direct(contact) => Some(
                    entry
                        .contacts
                        .iter()
                        .any(|(who, available)| who == contact && *available),
                ),
                Conversation::Room(_) => None,
            };
            if conversation.unread > 0 {
                let unread = ctx.tr().f(
                    "contacts-unread",
                    &[("count", Arg::Number(conversation.unread.into()))],
                );
                name = format!("{name}  ({unread})");
            }
            let text = if conversation.unread > 0 {
                egui::RichText::new(name).strong()
            } else {
                egui::RichText::new(name)
            };
            ui.horizontal(|ui| {
                match presence {
                    Some(available) => {
                        let colour = if available {
                            good(ui)
                        } else {
                            ui.visuals().weak_text_color()
                        };
                        crate::icons::dot(ui, colour, available);
                    }
                    None => {
                        ui.label("#");
                    }
                }
                if ui
                    .selectable_label(model.active() == Some(id), text)
                    .clicked()
                {
                    activate = Some(id);
                }
            });
        }
        // Contacts with presence but no conversation yet.
        for (contact, available) in &entry.contacts {
            let target = Conversation::Direct(contact.clone());
            if model
                .find(account, &target)
                .and_then(|id| model.conversation(id))
                .is_some_and(|c| !c.closed)
            {
                continue;
            }
            any = true;
            let state = ctx.tr().t(if *available {
                "contacts-online"
            } else {
                "contacts-offline"
            });
            let label = format!("{} · {state}", bidi::visual(contact));
            ui.horizontal(|ui| {
                let colour = if *available {
                    good(ui)
                } else {
                    ui.visuals().weak_text_color()
                };
                crate::icons::dot(ui, colour, *available);
                if ui.selectable_label(false, label).clicked() {
                    open = Some((account, target));
                }
            });
        }
    }
    if !any {
        ui.add(egui::Label::new(ctx.tr().t("contacts-none")).wrap());
    }
    if let Some((account, target)) = open {
        activate = Some(model.open(account, target));
    }
    if let Some(id) = activate {
        model.activate(id);
    }
}

impl OpenForm {
    /// Joins a room or writes to a contact on the chosen account, and activates it.
    fn show(&mut self, ui: &mut egui::Ui, ctx: &mut ViewContext, model: &mut Model) {
        let accounts: Vec<(AccountId, String)> = model
            .accounts()
            .map(|(id, entry)| (id, entry.label.clone()))
            .collect();
        if accounts.is_empty() {
            return;
        }
        let title = ui.label(ctx.tr().t("open-title"));
        if self
            .account
            .is_none_or(|chosen| !accounts.iter().any(|(id, _)| *id == chosen))
        {
            self.account = accounts.first().map(|(id, _)| *id);
        }
        if accounts.len() > 1 {
            let selected = accounts
                .iter()
                .find(|(id, _)| Some(*id) == self.account)
                .map(|(_, label)| label.clone())
                .unwrap_or_default();
            egui::ComboBox::from_id_salt("open_account")
                .selected_text(selected)
                .show_ui(ui, |ui| {
                    for (id, label) in &accounts {
                        ui.selectable_value(&mut self.account, Some(*id), label);
                    }
                })
                .response
                .labelled_by(title.id);
        }
        ui.add(
            egui::TextEdit::singleline(&mut self.target).hint_text(format!(
                "{} / {}",
                ctx.tr().t("open-room"),
                ctx.tr().t("open-contact")
            )),
        )
        .labelled_by(title.id);
        let Some(account) = self.account else {
            return;
        };
        let target = self.target.trim().to_owned();
        ui.horizontal(|ui| {
            let enabled = !target.is_empty();
            if ui
                .add_enabled(enabled, egui::Button::new(ctx.tr().t("open-join")))
                .clicked()
            {
                ctx.push(Action::Account {
                    account,
                    command: Command::Join {
                        room: target.clone(),
                        password: None,
                    },
                });
                let id = model.open(account, Conversation::Room(target.clone()));
                model.activate(id);
                self.target.clear();
            }
            if ui
                .add_enabled(enabled, egui::Button::new(ctx.tr().t("open-write")))
                .clicked()
            {
                let id = model.open(account, Conversation::Direct(target.clone()));
                model.activate(id);
                self.target.clear();
            }
        });
    }
}
