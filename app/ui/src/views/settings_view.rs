//! Settings: require encryption, OTR v3, update checks, language, theme, text size. Every
//! change is handed to the binary to save in the profile.

use crate::i18n::Language;
use crate::layout::{grid_scope, mirror};
use crate::settings::{Settings, Theme};
use crate::view_context::ViewContext;

/// The settings screen (its state is the settings themselves).
#[derive(Debug, Default)]
pub(crate) struct SettingsScreen;

impl SettingsScreen {
    /// Draws the settings; a change goes through [`ViewContext::change_settings`].
    pub(crate) fn show(&mut self, ui: &mut egui::Ui, ctx: &mut ViewContext) {
        let rtl = ctx.right_to_left();
        egui::CentralPanel::default().show(ui, |ui| {
            mirror(rtl, ui, |ui| {
                let tr = ctx.tr();
                ui.heading(tr.t("settings-title"));
                ui.add_space(8.0);
                let mut settings = ctx.settings().clone();
                ui.checkbox(
                    &mut settings.require_encryption,
                    tr.t("settings-require-encryption"),
                );
                ui.label(egui::RichText::new(tr.t("settings-require-encryption-hint")).weak());
                ui.checkbox(&mut settings.otr_v3, tr.t("settings-otr-v3"));
                ui.add_enabled(
                    ctx.updates_configured(),
                    egui::Checkbox::new(
                        &mut settings.check_updates_periodically,
                        tr.t("update-periodic"),
                    ),
                );
                ui.label(egui::RichText::new(tr.t("update-periodic-hint")).weak());
                ui.add_space(8.0);
                grid_scope(ui, |ui| appearance(ui, ctx, &mut settings));
                ui.add_space(12.0);
                ui.label(egui::RichText::new(tr.t("settings-saved-note")).weak());
                if settings != *ctx.settings() {
                    ctx.change_settings(|s| *s = settings);
                }
            })
        });
    }
}

/// Language, theme and text size, in a grid of label and control.
fn appearance(ui: &mut egui::Ui, ctx: &ViewContext, settings: &mut Settings) {
    let tr = ctx.tr();
    egui::Grid::new("settings")
        .num_columns(2)
        .spacing([12.0, 8.0])
        .show(ui, |ui| {
            let label = ui.label(tr.t("settings-language"));
            egui::ComboBox::from_id_salt("language")
                .selected_text(ctx.language_name(settings.language))
                .show_ui(ui, |ui| {
                    for language in Language::ALL {
                        ui.selectable_value(
                            &mut settings.language,
                            language,
                            ctx.language_name(language),
                        );
                    }
                })
                .response
                .labelled_by(label.id);
            ui.end_row();
            ui.label(tr.t("settings-theme"));
            ui.horizontal(|ui| {
                ui.radio_value(
                    &mut settings.theme,
                    Theme::Light,
                    tr.t("settings-theme-light"),
                );
                ui.radio_value(
                    &mut settings.theme,
                    Theme::Dark,
                    tr.t("settings-theme-dark"),
                );
            });
            ui.end_row();
            let label = ui.label(tr.t("settings-font-size"));
            ui.horizontal(|ui| {
                ui.add(
                    egui::Slider::new(&mut settings.font_size, Settings::FONT_SIZES)
                        .step_by(1.0)
                        .show_value(false),
                )
                .labelled_by(label.id);
                ui.label(format!("{}", settings.font_size));
            });
            ui.end_row();
        });
}
