//! The first-run screen: what Tor Messenger protects, and what it does not.

use crate::action::Action;
use crate::app::MessengerUi;

pub(crate) fn show(app: &mut MessengerUi, ui: &mut egui::Ui) {
    egui::CentralPanel::default().show(ui, |ui| {
        ui.vertical_centered(|ui| {
            ui.add_space(ui.available_height() * 0.2);
            ui.heading(app.tr.t("first-run-title"));
            ui.add_space(16.0);
            ui.set_max_width(560.0);
            let rtl = app.right_to_left();
            let protects = app.tr.logical("first-run-protects", &[]);
            crate::views::paragraph(ui, rtl, &protects, egui::RichText::new);
            ui.add_space(8.0);
            let limits = app.tr.logical("first-run-limits", &[]);
            crate::views::paragraph(ui, rtl, &limits, |text| egui::RichText::new(text).strong());
            ui.add_space(24.0);
            if ui.button(app.tr.t("first-run-continue")).clicked() {
                app.change_settings(|s| s.first_run_done = true);
                app.actions.push(Action::FirstRunDone);
            }
        });
    });
}
