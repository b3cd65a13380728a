//! A throwaway XMPP registration on screen: while it runs (it goes through tor and can take
//! a minute), and why it failed with what to do next. A success adds the account to the list.

use crate::i18n::Arg;
use crate::layout::paragraph;
use crate::view_context::ViewContext;
use crate::widgets::good;

/// Where a throwaway registration stands.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Progress {
    /// Asked; the server has not answered yet.
    Creating {
        /// The server.
        server: String,
    },
    /// It worked; the account is in the list.
    Created {
        /// The new address.
        address: String,
    },
    /// It failed.
    Failed {
        /// The server (empty if unknown).
        server: String,
        /// Why, in words (from the XMPP layer).
        reason: String,
    },
}

/// The throwaway registration in progress or its outcome, until dismissed.
#[derive(Debug, Default)]
pub(crate) struct Registration {
    progress: Option<Progress>,
}

impl Registration {
    /// A registration on `server` was asked for.
    pub(crate) fn started(&mut self, server: String) {
        self.progress = Some(Progress::Creating { server });
    }

    /// Whether a registration waits for the server (another cannot start meanwhile).
    pub(crate) fn is_running(&self) -> bool {
        matches!(self.progress, Some(Progress::Creating { .. }))
    }

    /// The registration ended: the new account's address, or why it failed in words.
    pub(crate) fn finished(&mut self, result: Result<String, String>) {
        let server = match &self.progress {
            Some(Progress::Creating { server }) => server.clone(),
            _ => String::new(),
        };
        self.progress = Some(match result {
            Ok(address) => Progress::Created { address },
            Err(reason) => Progress::Failed { server, reason },
        });
    }

    /// Draws where the registration stands, if one was asked for.
    pub(crate) fn show(&mut self, ui: &mut egui::Ui, ctx: &ViewContext) {
        let Some(progress) = &self.progress else {
            return;
        };
        let tr = ctx.tr();
        let rtl = ctx.right_to_left();
        let mut dismiss = false;
        egui::Frame::group(ui.style()).show(ui, |ui| match progress {
            Progress::Creating { server } => {
                ui.horizontal(|ui| {
                    ui.spinner();
                    ui.add(
                        egui::Label::new(
                            tr.f("register-creating", &[("server", Arg::Text(server))]),
                        )
                        .wrap(),
                    );
                });
            }
            Progress::Created { address } => {
                ui.colored_label(
                    good(ui),
                    tr.f("register-created", &[("address", Arg::Text(address))]),
                );
                dismiss = ui.button(tr.t("register-dismiss")).clicked();
            }
            Progress::Failed { server, reason } => {
                let error = ui.visuals().error_fg_color;
                let title = if server.is_empty() {
                    tr.t("register-failed-unknown-server")
                } else {
                    tr.f("register-failed", &[("server", Arg::Text(server))])
                };
                ui.add(egui::Label::new(egui::RichText::new(title).color(error).strong()).wrap());
                let why = tr.logical("register-failed-reason", &[("reason", Arg::Text(reason))]);
                paragraph(ui, rtl, &why, egui::RichText::new);
                let next = tr.logical("register-failed-next", &[]);
                paragraph(ui, rtl, &next, egui::RichText::new);
                dismiss = ui.button(tr.t("register-dismiss")).clicked();
            }
        });
        if dismiss {
            self.progress = None;
        }
    }
}
