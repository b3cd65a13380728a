//! Settings: require encryption, OTR v3, language, theme, text size. Every change is
//! handed to the binary to save in the profile.

use crate::app::MessengerUi;
use crate::i18n::Language;
use crate::settings::{Settings, Theme};

pub(crate) fn show(app: &mut MessengerUi, ui: &mut egui::Ui) {
    let rtl = app.right_to_left();
    egui::CentralPanel::default().show(ui, |ui| {
        crate::views::mirror(rtl, ui, |ui| {
            ui.heading(app.tr.t("settings-title"));
            ui.add_space(8.0);
            let mut settings = app.settings.clone();
            ui.checkbox(
                &mut settings.require_encryption,
                app.tr.t("settings-require-encryption"),
            );
            ui.label(egui::RichText::new(app.tr.t("settings-require-encryption-hint")).weak());
            ui.checkbox(&mut settings.otr_v3, app.tr.t("settings-otr-v3"));
            ui.add_enabled(
                app.updates_configured,
                egui::Checkbox::new(
                    &mut settings.check_updates_periodically,
                    app.tr.t("update-periodic"),
                ),
            );
            ui.label(egui::RichText::new(app.tr.t("update-periodic-hint")).weak());
            ui.add_space(8.0);
            crate::views::grid_scope(ui, |ui| {
                egui::Grid::new("settings")
                    .num_columns(2)
                    .spacing([12.0, 8.0])
                    .show(ui, |ui| {
                        let label = ui.label(app.tr.t("settings-language"));
                        egui::ComboBox::from_id_salt("language")
                            .selected_text(app.language_name(settings.language))
                            .show_ui(ui, |ui| {
                                for language in Language::ALL {
                                    ui.selectable_value(
                                        &mut settings.language,
                                        language,
                                        app.language_name(language),
                                    );
                                }
                            })
                            .response
                            .labelled_by(label.id);
                        ui.end_row();
                        ui.label(app.tr.t("settings-theme"));
                        ui.horizontal(|ui| {
                            ui.radio_value(
                                &mut settings.theme,
                                Theme::Light,
                                app.tr.t("settings-theme-light"),
                            );
                            ui.radio_value(
                                &mut settings.theme,
                                Theme::Dark,
                                app.tr.t("settings-theme-dark"),
                            );
                        });
                        ui.end_row();
                        let label = ui.label(app.tr.t("settings-font-size"));
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
            });
            ui.add_space(12.0);
            ui.label(egui::RichText::new(app.tr.t("settings-saved-note")).weak());
            if settings != app.settings {
                app.change_settings(|s| *s = settings);
            }
        })
    });
}
