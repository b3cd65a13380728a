//! "Check for updates": the menu entry, the notice a periodic check leaves in the top bar,
//! and the dialog with the verdict, in the same terms as the launcher's `check-update`.
//! Nothing is downloaded or installed from here: a newer version comes with the manual step.

use crate::action::Action;
use crate::i18n::{Arg, Localizer};
use crate::layout::{mirror, paragraph};
use crate::update_status::{UpdateRefusal, UpdateStatus};
use crate::view_context::ViewContext;
use crate::widgets::{caution, good};

/// The last update check and how it is shown.
#[derive(Debug, Default)]
pub(crate) struct Updates {
    /// The last check's result.
    status: Option<UpdateStatus>,
    /// The dialog is open.
    dialog_open: bool,
    /// A periodic check found something the user should see (shown in the top bar).
    notice: bool,
}

impl Updates {
    /// Shows a check's result. A check the user asked for (`asked`) opens the dialog; a
    /// periodic one only leaves a notice, and only when there is something to act on (a
    /// newer version, or a refusal).
    pub(crate) fn set_status(&mut self, status: UpdateStatus, asked: bool) {
        if !asked {
            self.notice = matches!(
                status,
                UpdateStatus::Available { .. } | UpdateStatus::Refused(_)
            );
        } else {
            self.dialog_open = true;
        }
        self.status = Some(status);
    }

    /// The last check's result, if any.
    pub(crate) fn status(&self) -> Option<&UpdateStatus> {
        self.status.as_ref()
    }

    /// The entries of the top bar's menu that concern updates.
    pub(crate) fn menu_entries(&mut self, ui: &mut egui::Ui, ctx: &mut ViewContext) {
        let configured = ctx.updates_configured();
        if configured {
            let checking = self.status == Some(UpdateStatus::Checking);
            if ui
                .add_enabled(!checking, egui::Button::new(ctx.tr().t("update-check")))
                .clicked()
            {
                self.status = Some(UpdateStatus::Checking);
                self.dialog_open = true;
                self.notice = false;
                ctx.push(Action::CheckForUpdates);
                ui.close();
            }
        } else {
            // Said plainly in the menu itself rather than failing after a click.
            ui.add_enabled(false, egui::Button::new(ctx.tr().t("update-check")));
            ui.add(
                egui::Label::new(egui::RichText::new(ctx.tr().t("update-not-configured")).weak())
                    .wrap(),
            );
        }
        let mut periodic = ctx.settings().check_updates_periodically;
        if ui
            .add_enabled(
                configured,
                egui::Checkbox::new(&mut periodic, ctx.tr().t("update-periodic")),
            )
            .changed()
        {
            ctx.change_settings(|s| s.check_updates_periodically = periodic);
        }
    }

    /// The notice of a periodic check that found something; clicking it opens the dialog.
    pub(crate) fn notice(&mut self, ui: &mut egui::Ui, ctx: &ViewContext) {
        if !self.notice {
            return;
        }
        let (text, colour) = match &self.status {
            Some(UpdateStatus::Available { version, .. }) => (
                ctx.tr().f(
                    "update-notice-available",
                    &[("version", Arg::Text(version))],
                ),
                good(ui),
            ),
            Some(UpdateStatus::Refused(_)) => (ctx.tr().t("update-notice-refused"), caution(ui)),
            _ => return,
        };
        if ui
            .add(egui::Button::new(egui::RichText::new(text).color(colour)).frame(false))
            .clicked()
        {
            self.dialog_open = true;
            self.notice = false;
        }
    }

    /// The dialog with the last check's verdict, while open.
    pub(crate) fn dialog(&mut self, ui: &mut egui::Ui, ctx: &ViewContext) {
        if !self.dialog_open {
            return;
        }
        let Some(status) = &self.status else {
            self.dialog_open = false;
            return;
        };
        let tr = ctx.tr();
        let rtl = ctx.right_to_left();
        let mut close = false;
        egui::Modal::new(egui::Id::unique("update_dialog")).show(ui.ctx(), |ui| {
            ui.set_width(480.0);
            mirror(rtl, ui, |ui| {
                ui.heading(tr.t("update-title"));
                ui.add_space(4.0);
                verdict(ui, tr, rtl, status);
                ui.add_space(8.0);
                if ui.button(tr.t("update-close")).clicked() {
                    close = true;
                }
            });
        });
        if close {
            self.dialog_open = false;
        }
    }
}

/// The words for `status`, coloured by what they mean.
fn verdict(ui: &mut egui::Ui, tr: &Localizer, rtl: bool, status: &UpdateStatus) {
    match status {
        UpdateStatus::Checking => {
            ui.horizontal(|ui| {
                ui.spinner();
                ui.label(tr.t("update-checking"));
            });
        }
        UpdateStatus::NotConfigured => {
            let text = tr.logical("update-not-configured", &[]);
            paragraph(ui, rtl, &text, egui::RichText::new);
        }
        UpdateStatus::UpToDate { current, latest } => {
            ui.colored_label(
                good(ui),
                tr.f(
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
                egui::RichText::new(tr.f(
                    "update-available",
                    &[
                        ("version", Arg::Text(version)),
                        ("megabytes", Arg::Number(megabytes)),
                    ],
                ))
                .strong(),
            );
            let next = tr.logical("update-available-next", &[]);
            paragraph(ui, rtl, &next, egui::RichText::new);
        }
        UpdateStatus::Refused(refusal) => {
            ui.add(
                egui::Label::new(
                    egui::RichText::new(tr.t("update-refused"))
                        .color(ui.visuals().error_fg_color)
                        .strong(),
                )
                .wrap(),
            );
            let why = explain(refusal, tr);
            paragraph(ui, rtl, &why, egui::RichText::new);
        }
    }
}

/// A refusal in plain words, with what to do next (logical order: see `layout::paragraph`).
fn explain(refusal: &UpdateRefusal, tr: &Localizer) -> String {
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
