//! Removing an account, after a confirmation: it leaves the model at once (with its
//! conversations and their messages), and the binary stops it and deletes it from the
//! profile's account list.
//!
//! Its OTR private key and its contacts' fingerprints stay in the profile unless the user
//! ticks the box (unticked when the dialog opens): kept, the contacts still recognize this
//! computer if the account is added again; deleted, nothing on this computer says any more
//! whom the account talked to privately, and that cannot be undone.

use crate::action::Action;
use crate::i18n::Arg;
use crate::layout::{mirror, paragraph};
use crate::view_context::ViewContext;
use messenger_chat::{AccountId, ConversationId, Model};

/// The confirmation dialog, and the notice when the OTR key could not be deleted.
#[derive(Debug, Default)]
pub(crate) struct RemoveAccount {
    /// The account whose removal waits for confirmation.
    account: Option<AccountId>,
    /// The "also delete the OTR key" box (unticked when the dialog opens).
    forget_otr: bool,
    /// Why a removed account's OTR key could not be deleted (shown until closed).
    problem: Option<String>,
}

impl RemoveAccount {
    /// Asks the user to confirm removing `account`.
    pub(crate) fn confirm(&mut self, account: AccountId) {
        self.account = Some(account);
        self.forget_otr = false;
    }

    /// Deleting a removed account's OTR key failed: `reason` is shown until closed.
    pub(crate) fn failed(&mut self, reason: String) {
        self.problem = Some(reason);
    }

    /// Draws the dialogs; a confirmed removal takes the account out of `model`. Returns the
    /// conversations removed with it (the app forgets what the views kept for them).
    pub(crate) fn show(
        &mut self,
        ui: &mut egui::Ui,
        ctx: &mut ViewContext,
        model: &mut Model,
    ) -> Vec<ConversationId> {
        self.show_problem(ui, ctx);
        let Some(account) = self.account else {
            return Vec::new();
        };
        let Some(entry) = model.account(account) else {
            self.account = None;
            return Vec::new();
        };
        let label = crate::bidi::visual(&entry.label).into_owned();
        let tr = ctx.tr();
        let mut confirmed = false;
        let mut cancelled = false;
        let mut forget_otr = self.forget_otr;
        let rtl = ctx.right_to_left();
        egui::Modal::new(egui::Id::unique("remove_account_dialog")).show(ui.ctx(), |ui| {
            ui.set_width(460.0);
            mirror(rtl, ui, |ui| {
                ui.heading(tr.f("account-remove-title", &[("account", Arg::Text(&label))]));
                let explain = tr.logical("account-remove-explain", &[]);
                paragraph(ui, rtl, &explain, egui::RichText::new);
                ui.add_space(4.0);
                ui.checkbox(&mut forget_otr, tr.t("account-remove-forget-otr"));
                ui.add_space(8.0);
                ui.horizontal(|ui| {
                    let remove = egui::Button::new(
                        egui::RichText::new(tr.t("account-remove-confirm"))
                            .color(ui.visuals().error_fg_color),
                    );
                    if ui.add(remove).clicked() {
                        confirmed = true;
                    }
                    if ui.button(tr.t("verify-cancel")).clicked() {
                        cancelled = true;
                    }
                });
            });
        });
        self.forget_otr = forget_otr;
        if cancelled {
            self.account = None;
            self.forget_otr = false;
        }
        if !confirmed {
            return Vec::new();
        }
        self.account = None;
        self.forget_otr = false;
        let conversations: Vec<_> = model
            .conversations()
            .filter(|(_, c)| c.account == account)
            .map(|(id, _)| id)
            .collect();
        model.remove_account(account);
        ctx.push(Action::RemoveAccount {
            account,
            forget_otr,
        });
        conversations
    }

    /// Says that the OTR key the user asked to delete is still there, and why.
    fn show_problem(&mut self, ui: &mut egui::Ui, ctx: &ViewContext) {
        let Some(reason) = &self.problem else {
            return;
        };
        let tr = ctx.tr();
        let rtl = ctx.right_to_left();
        let mut closed = false;
        egui::Modal::new(egui::Id::unique("remove_account_problem")).show(ui.ctx(), |ui| {
            ui.set_width(460.0);
            mirror(rtl, ui, |ui| {
                ui.heading(tr.t("account-remove-otr-problem"));
                paragraph(ui, rtl, reason, egui::RichText::new);
                if ui.button(tr.t("update-close")).clicked() {
                    closed = true;
                }
            });
        });
        if closed {
            self.problem = None;
        }
    }
}
