//! Removing an account, after a confirmation: it leaves the model at once (with its
//! conversations and their messages), and the binary stops it and deletes it from the
//! profile's account list.
//!
//! Its OTR private key and its contacts' fingerprints stay in the profile unless the user
//! ticks the box (unticked when the dialog opens): kept, the contacts still recognize this
//! computer if the account is added again; deleted, nothing on this computer says any more
//! whom the account talked to privately, and that cannot be undone.

use crate::action::Action;
use crate::app::MessengerUi;
use crate::i18n::Arg;
use messenger_chat::Model;

pub(crate) fn show(app: &mut MessengerUi, ui: &mut egui::Ui, model: &mut Model) {
    problem(app, ui);
    let Some(account) = app.remove_dialog else {
        return;
    };
    let Some(entry) = model.account(account) else {
        app.remove_dialog = None;
        return;
    };
    let label = crate::bidi::visual(&entry.label).into_owned();
    let tr = &app.tr;
    let mut confirmed = false;
    let mut cancelled = false;
    let mut forget_otr = app.remove_forget_otr;
    let rtl = app.right_to_left();
    egui::Modal::new(egui::Id::unique("remove_account_dialog")).show(ui.ctx(), |ui| {
        ui.set_width(460.0);
        crate::views::mirror(rtl, ui, |ui| {
            ui.heading(tr.f("account-remove-title", &[("account", Arg::Text(&label))]));
            let explain = tr.logical("account-remove-explain", &[]);
            crate::views::paragraph(ui, rtl, &explain, egui::RichText::new);
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
    app.remove_forget_otr = forget_otr;
    if cancelled {
        app.remove_dialog = None;
        app.remove_forget_otr = false;
    }
    if confirmed {
        app.remove_dialog = None;
        app.remove_forget_otr = false;
        let conversations: Vec<_> = model
            .conversations()
            .filter(|(_, c)| c.account == account)
            .map(|(id, _)| id)
            .collect();
        for id in conversations {
            app.inputs.remove(&id);
            app.row_heights.remove(&id);
        }
        model.remove_account(account);
        app.actions.push(Action::RemoveAccount {
            account,
            forget_otr,
        });
    }
}

/// Says that the OTR key the user asked to delete is still there, and why.
fn problem(app: &mut MessengerUi, ui: &mut egui::Ui) {
    let Some(reason) = &app.removal_problem else {
        return;
    };
    let tr = &app.tr;
    let rtl = app.right_to_left();
    let mut closed = false;
    egui::Modal::new(egui::Id::unique("remove_account_problem")).show(ui.ctx(), |ui| {
        ui.set_width(460.0);
        crate::views::mirror(rtl, ui, |ui| {
            ui.heading(tr.t("account-remove-otr-problem"));
            crate::views::paragraph(ui, rtl, reason, egui::RichText::new);
            if ui.button(tr.t("update-close")).clicked() {
                closed = true;
            }
        });
    });
    if closed {
        app.removal_problem = None;
    }
}
