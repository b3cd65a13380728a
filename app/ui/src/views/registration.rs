//! A throwaway XMPP registration on screen: while it runs (it goes through tor and can take
//! a minute), and why it failed with what to do next. A success adds the account to the list.

use crate::app::MessengerUi;
use crate::i18n::Arg;
use crate::views::top_bar::good;

/// Where a throwaway registration stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Registration {
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

pub(crate) fn show(app: &mut MessengerUi, ui: &mut egui::Ui) {
    let Some(registration) = &app.registration else {
        return;
    };
    let tr = &app.tr;
    let rtl = app.right_to_left();
    let mut dismiss = false;
    egui::Frame::group(ui.style()).show(ui, |ui| match registration {
        Registration::Creating { server } => {
            ui.horizontal(|ui| {
                ui.spinner();
                ui.add(
                    egui::Label::new(tr.f("register-creating", &[("server", Arg::Text(server))]))
                        .wrap(),
                );
            });
        }
        Registration::Created { address } => {
            ui.colored_label(
                good(ui),
                tr.f("register-created", &[("address", Arg::Text(address))]),
            );
            dismiss = ui.button(tr.t("register-dismiss")).clicked();
        }
        Registration::Failed { server, reason } => {
            let error = ui.visuals().error_fg_color;
            let title = if server.is_empty() {
                tr.t("register-failed-unknown-server")
            } else {
                tr.f("register-failed", &[("server", Arg::Text(server))])
            };
            ui.add(egui::Label::new(egui::RichText::new(title).color(error).strong()).wrap());
            let why = tr.logical("register-failed-reason", &[("reason", Arg::Text(reason))]);
            crate::views::paragraph(ui, rtl, &why, egui::RichText::new);
            let next = tr.logical("register-failed-next", &[]);
            crate::views::paragraph(ui, rtl, &next, egui::RichText::new);
            dismiss = ui.button(tr.t("register-dismiss")).clicked();
        }
    });
    if dismiss {
        app.registration = None;
    }
}
