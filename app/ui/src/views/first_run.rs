//! The first-run screen: what Tor Messenger protects, and what it does not.

use crate::action::Action;
use crate::layout::paragraph;
use crate::view_context::ViewContext;

/// The first-run screen (it has no state: acknowledging it is a setting).
#[derive(Debug, Default)]
pub(crate) struct FirstRun;

impl FirstRun {
    /// Draws the explanation and its "continue" button.
    pub(crate) fn show(&mut self, ui: &mut egui::Ui, ctx: &mut ViewContext) {
        egui::CentralPanel::default().show(ui, |ui| {
            ui.vertical_centered(|ui| {
                ui.add_space(ui.available_height() * 0.2);
                ui.heading(ctx.tr().t("first-run-title"));
                ui.add_space(16.0);
                ui.set_max_width(560.0);
                let rtl = ctx.right_to_left();
                let protects = ctx.tr().logical("first-run-protects", &[]);
                paragraph(ui, rtl, &protects, egui::RichText::new);
                ui.add_space(8.0);
                let limits = ctx.tr().logical("first-run-limits", &[]);
                paragraph(ui, rtl, &limits, |text| egui::RichText::new(text).strong());
                ui.add_space(24.0);
                if ui.button(ctx.tr().t("first-run-continue")).clicked() {
                    ctx.change_settings(|s| s.first_run_done = true);
                    ctx.push(Action::FirstRunDone);
                }
            });
        });
    }
}
