//! The top bar: screens, and tor's state (bootstrap progress until ready).

use crate::app::{MessengerUi, Screen};
use crate::i18n::Arg;
use messenger_chat::{Model, TorState};

pub(crate) fn show(app: &mut MessengerUi, ui: &mut egui::Ui, model: &Model) {
    let rtl = app.right_to_left();
    egui::Panel::top("top_bar").show(ui, |ui| {
        crate::views::mirror(rtl, ui, |ui| {
            ui.horizontal(|ui| {
                ui.strong(app.tr.t("app-title"));
                ui.separator();
                for (screen, key) in [
                    (Screen::Chats, "nav-chats"),
                    (Screen::Accounts, "nav-accounts"),
                    (Screen::Settings, "nav-settings"),
                ] {
                    if ui
                        .selectable_label(app.screen == screen, app.tr.t(key))
                        .clicked()
                    {
                        app.screen = screen;
                    }
                }
                ui.separator();
                ui.menu_button(app.tr.t("nav-menu"), |ui| {
                    crate::views::updates::menu_entries(app, ui);
                });
                crate::views::updates::notice(app, ui);
                // Tor's state at the far end of the row.
                ui.with_layout(crate::views::row_layout(!rtl), |ui| match model.tor {
                    TorState::Ready => {
                        ui.colored_label(good(ui), app.tr.t("tor-ready"));
                        crate::icons::dot(ui, good(ui), true);
                    }
                    TorState::Bootstrapping { progress } => {
                        let text = app.tr.f(
                            "tor-bootstrapping",
                            &[("progress", Arg::Number(progress.into()))],
                        );
                        ui.add(
                            egui::ProgressBar::new(f32::from(progress) / 100.0)
                                .desired_width(260.0)
                                .text(text),
                        );
                    }
                    TorState::Unavailable => {
                        crate::icons::dot(ui, ui.visuals().error_fg_color, true);
                    }
                });
            });
            if model.tor == TorState::Unavailable {
                ui.colored_label(ui.visuals().error_fg_color, app.tr.t("tor-unavailable"));
            }
        })
    });
}

/// The colour for "all is well", readable in both themes.
pub(crate) fn good(ui: &egui::Ui) -> egui::Color32 {
    if ui.visuals().dark_mode {
        egui::Color32::from_rgb(110, 200, 120)
    } else {
        egui::Color32::from_rgb(20, 120, 40)
    }
}

/// The colour for "careful", readable in both themes.
pub(crate) fn caution(ui: &egui::Ui) -> egui::Color32 {
    if ui.visuals().dark_mode {
        egui::Color32::from_rgb(235, 180, 70)
    } else {
        egui::Color32::from_rgb(160, 90, 0)
    }
}
