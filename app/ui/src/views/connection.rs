//! The connection screen: shown instead of the chats and accounts while tor has not reached
//! 100%. Tor's progress and phase; when tor stalls, what that means in words and the ways to
//! connect (built-in snowflake, built-in obfs4, entered bridges, keep waiting). Someone who
//! never sees the launcher's terminal can get connected from here.

use crate::action::Action;
use crate::i18n::Arg;
use crate::layout::{mirror, paragraph};
use crate::tor_choices::{BridgeEntry, Offer, cause_text, choices};
use crate::tor_connection::TorConnection;
use crate::view_context::ViewContext;
use crate::widgets::caution;
use messenger_chat::{Model, TorState};

/// The connection screen; it owns its "enter bridges" box.
#[derive(Debug, Default)]
pub(crate) struct ConnectionScreen {
    entry: BridgeEntry,
    /// The ways to connect are open although tor has not stalled (the person knows their
    /// network blocks Tor).
    choosing: bool,
}

impl ConnectionScreen {
    /// Draws the screen over tor's state in `model` and `connection`.
    pub(crate) fn show(
        &mut self,
        ui: &mut egui::Ui,
        ctx: &mut ViewContext,
        model: &Model,
        connection: &TorConnection,
    ) {
        let rtl = ctx.right_to_left();
        let progress = match model.tor {
            TorState::Bootstrapping { progress } => progress,
            TorState::Ready => 100,
            TorState::Unavailable => 0,
        };
        let mut request = None;
        egui::CentralPanel::default().show(ui, |ui| {
            egui::ScrollArea::vertical().show(ui, |ui| {
                mirror(rtl, ui, |ui| {
                    let tr = ctx.tr();
                    ui.heading(tr.t("connection-title"));
                    ui.add_space(8.0);
                    ui.add(
                        egui::ProgressBar::new(f32::from(progress) / 100.0)
                            .desired_width(420.0)
                            .text(tr.f(
                                "tor-bootstrapping",
                                &[("progress", Arg::Number(progress.into()))],
                            )),
                    );
                    if !connection.summary.is_empty() {
                        ui.label(egui::RichText::new(&connection.summary).weak());
                    }
                    ui.add_space(12.0);
                    match &connection.stall {
                        Some(stall) => {
                            ui.label(
                                egui::RichText::new(tr.t("connection-stalled-title"))
                                    .strong()
                                    .color(caution(ui)),
                            );
                            paragraph(ui, rtl, &cause_text(tr, stall.cause), egui::RichText::new);
                            if let Some(warning) = &stall.last_warning {
                                ui.label(
                                    egui::RichText::new(tr.f(
                                        "connection-last-warning",
                                        &[("warning", Arg::Text(warning))],
                                    ))
                                    .weak(),
                                );
                            }
                            ui.add_space(8.0);
                            ui.strong(tr.t("connection-choices"));
                            request = choices(
                                ui,
                                ctx,
                                connection,
                                &mut self.entry,
                                Offer { keep_waiting: true },
                            );
                        }
                        None => {
                            paragraph(ui, rtl, &tr.logical("connection-wait-hint", &[]), |text| {
                                egui::RichText::new(text).weak()
                            });
                            if ui
                                .selectable_label(self.choosing, tr.t("connection-choose"))
                                .clicked()
                            {
                                self.choosing = !self.choosing;
                            }
                            if self.choosing {
                                request = choices(
                                    ui,
                                    ctx,
                                    connection,
                                    &mut self.entry,
                                    Offer {
                                        keep_waiting: false,
                                    },
                                );
                            }
                        }
                    }
                });
            });
        });
        if let Some(request) = request {
            ctx.push(Action::Tor(request));
        }
    }
}
