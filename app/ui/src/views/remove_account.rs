//! Removing an account, after a confirmation: it is disconnected, then deleted from the
//! profile's account list, and its conversations close.
//!
//! Its OTR private key stays in the profile: deleting it would make every contact see an
//! "unrecognized computer" if the account is added again, and a key is no secret about whom
//! one talks to. (Deleting one account's key needs an OTR engine call that does not exist
//! yet; the dialog says plainly that the key is kept.)

use crate::action::Action;
use crate::app::MessengerUi;
use crate::i18n::Arg;
use messenger_chat::Model;

pub(crate) fn show(app: &mut MessengerUi, ui: &mut egui::Ui, model: &mut Model) {
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
    let rtl = app.right_to_left();
    egui::Modal::new(egui::Id::unique("remove_account_dialog")).show(ui.ctx(), |ui| {
        ui.set_width(460.0);
        crate::views::mirror(rtl, ui, |ui| {
            ui.heading(tr.f("account-remove-title", &[("account", Arg::Text(&label))]));
            let explain = tr.logical("account-remove-explain", &[]);
            crate::views::paragraph(ui, rtl, &explain, egui::RichText::new);
            let kept = tr.logical("account-remove-key-kept", &[]);
            crate::views::paragraph(ui, rtl, &kept, |text| egui::RichText::new(text).weak());
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
    if cancelled {
        app.remove_dialog = None;
    }
    if confirmed {
        app.remove_dialog = None;
        app.removed_accounts.insert(account);
        let conversations: Vec<_> = model
            .conversations()
            .filter(|(_, c)| c.account == account && !c.closed)
            .map(|(id, _)| id)
            .collect();
        for id in conversations {
            app.inputs.remove(&id);
            app.row_heights.remove(&id);
            model.close(id);
        }
        app.actions.push(Action::RemoveAccount(account));
    }
}
