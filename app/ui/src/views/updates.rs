//! "Check for updates": the menu entry, the notice a periodic check leaves in the top bar,
//! and the dialog with the verdict, in the same terms as the launcher's `check-update`.
//! Nothing is downloaded or installed from here: a newer version comes with the manual step.

use crate::action::Action;
use crate::app::MessengerUi;
use crate::i18n::{Arg, Localizer};
use crate::update_status::{UpdateRefusal, UpdateStatus};
use crate::views::top_bar::{caution, good};

/// The entries of the top bar's menu that concern updates.
pub(crate) fn menu_entries(app: &mut MessengerUi, ui: &mut egui::Ui) {
    if app.updates_configured {
        let checking = app.update == Some(UpdateStatus::Checking);
        if ui
            .add_enabled(!checking, egui::Button::new(app.tr.t("update-check")))
            .clicked()
        {
            app.update = Some(UpdateStatus::Checking);
            app.update_dialog = true;
            app.update_notice = false;
            app.actions.push(Action::CheckForUpdates);
            ui.close();
        }
    } else {
        // Said plainly in the menu itself rather than failing after a click.
        ui.add_enabled(false, egui::Button::new(app.tr.t("update-check")));
        ui.add(
            egui::Label::new(egui::RichText::new(app.tr.t("update-not-configured")).weak()).wrap(),
        );
    }
    let mut periodic = app.settings.check_updates_periodically;
    if ui
        .add_enabled(
            app.updates_configured,
            egui::Checkbox::new(&mut periodic, app.tr.t("update-periodic")),
        )
        .changed()
    {
        app.change_settings(|s| s.check_updates_periodically = periodic);
    }
}

/// The notice of a periodic check that found something; clicking it opens the dialog.
pub(crate) fn notice(app: &mut MessengerUi, ui: &mut egui::Ui) {
    if !app.update_notice {
        return;
    }
    let (text, colour) = match &app.update {
        Some(UpdateStatus::Available { version, .. }) => (
            app.tr.f(
                "update-notice-available",
                &[("version", Arg::Text(version))],
            ),
            good(ui),
        ),
        Some(UpdateStatus::Refused(_)) => (app.tr.t("update-notice-refused"), caution(ui)),
        _ => return,
    };
    if ui
        .add(egui::Button::new(egui::RichText::new(text).color(colour)).frame(false))
        .clicked()
    {
        app.update_dialog = true;
        app.update_notice = false;
    }
}

/// The dialog with the last check's verdict.
pub(crate) fn dialog(app: &mut MessengerUi, ui: &mut egui::Ui) {
    if !app.update_dialog {
        return;
    }
    let Some(status) = app.update.clone() else {
        app.update_dialog = false;
        return;
    };
    let rtl = app.right_to_left();
    let mut close = false;
    egui::Modal::new(egui::Id::unique("update_dialog")).show(ui.ctx(), |ui| {
        ui.set_width(480.0);
        crate::views::mirror(rtl, ui, |ui| {
            ui.heading(app.tr.t("update-title"));
            ui.add_space(4.0);
            match &status {
                UpdateStatus::Checking => {
                    ui.horizontal(|ui| {
                        ui.spinner();
                        ui.label(app.tr.t("update-checking"));
                    });
                }
                UpdateStatus::NotConfigured => {
                    let text = app.tr.logical("update-not-configured", &[]);
                    crate::views::paragraph(ui, rtl, &text, egui::RichText::new);
                }
                UpdateStatus::UpToDate { current, latest } => {
                    ui.colored_label(
                        good(ui),
                        app.tr.f(
                            "update-up-to-date",
                            &[
                                ("current", Arg::Text(current)),
                                ("latest", Arg::Text(latest)),
                            ],
                        ),
                    );
                }
                UpdateStatus::Available { version, size } => {
                    let megabytes = (*size as f64 / 1_000_000.0 * 10.0).round() / 10.0;
                    ui.colored_label(
                        good(ui),
                        egui::RichText::new(app.tr.f(
                            "update-available",
                            &[
                                ("version", Arg::Text(version)),
                                ("megabytes", Arg::Number(megabytes)),
                            ],
                        ))
                        .strong(),
                    );
                    let next = app.tr.logical("update-available-next", &[]);
                    crate::views::paragraph(ui, rtl, &next, egui::RichText::new);
                }
                UpdateStatus::Refused(refusal) => {
                    ui.add(
                        egui::Label::new(
                            egui::RichText::new(app.tr.t("update-refused"))
                                .color(ui.visuals().error_fg_color)
                                .strong(),
                        )
                        .wrap(),
                    );
                    let why = explain(refusal, &app.tr);
                    crate::views::paragraph(ui, rtl, &why, egui::RichText::new);
                }
            }
            ui.add_space(8.0);
            if ui.button(app.tr.t("update-close")).clicked() {
                close = true;
            }
        });
    });
    if close {
        app.update_dialog = false;
    }
}

/// A refusal in plain words, with what to do next (logical order: see `views::paragraph`).
pub(crate) fn explain(refusal: &UpdateRefusal, tr: &Localizer) -> String {
    match refusal {
        UpdateRefusal::Unreachable { detail } => {
            tr.logical("update-unreachable", &[("detail", Arg::Text(detail))])
        }
        UpdateRefusal::Expired { expires } => {
            tr.logical("update-expired", &[("expires", Arg::Text(expires))])
        }
        UpdateRefusal::RollbackSequence { seen, got } => tr.logical(
            "update-rollback-sequence",
            &[
                ("seen", Arg::Number(*seen as f64)),
                ("got", Arg::Number(*got as f64)),
            ],
        ),
        UpdateRefusal::RollbackVersion { seen, got } => tr.logical(
            "update-rollback-version",
            &[("seen", Arg::Text(seen)), ("got", Arg::Text(got))],
        ),
        UpdateRefusal::Conflicting => tr.logical("update-conflicting", &[]),
        UpdateRefusal::UnknownKey { key_id } => {
            tr.logical("update-unknown-key", &[("key", Arg::Text(key_id))])
        }
        UpdateRefusal::BadSignature => tr.logical("update-bad-signature", &[]),
        UpdateRefusal::WrongSoftware => tr.logical("update-wrong-software", &[]),
        UpdateRefusal::WrongPlatform => tr.logical("update-wrong-platform", &[]),
        UpdateRefusal::TooLarge => tr.logical("update-too-large", &[]),
        UpdateRefusal::Malformed => tr.logical("update-malformed", &[]),
        UpdateRefusal::Other { detail } => {
            tr.logical("update-other", &[("detail", Arg::Text(detail))])
        }
        UpdateRefusal::StateFile { detail } => {
            tr.logical("update-state-file", &[("detail", Arg::Text(detail))])
        }
    }
}
