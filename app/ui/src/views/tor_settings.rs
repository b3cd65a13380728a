//! Settings > Tor connection: tor's progress, what it connects through now (and the bridges),
//! and the same ways to connect as the connection screen. Changes go to the running tor on its
//! control port; tor keeps them for its next start.

use crate::action::Action;
use crate::i18n::Arg;
use crate::layout::{mirror, paragraph};
use crate::tor_choices::{BridgeEntry, Offer, cause_text, choices};
use crate::tor_connection::TorConnection;
use crate::view_context::ViewContext;
use crate::widgets::{caution, good};
use messenger_bridges::BridgeMode;
use messenger_chat::{Model, TorState};

/// The "Tor connection" page; it owns its "enter bridges" box.
#[derive(Debug, Default)]
pub(crate) struct TorSettingsPage {
    entry: BridgeEntry,
}

impl TorSettingsPage {
    /// Draws the page over tor's state in `model` and `connection`.
    pub(crate) fn show(
        &mut self,
        ui: &mut egui::Ui,
        ctx: &mut ViewContext,
        model: &Model,
        connection: &TorConnection,
    ) {
        let rtl = ctx.right_to_left();
        let mut request = None;
        egui::CentralPanel::default().show(ui, |ui| {
            egui::ScrollArea::vertical().show(ui, |ui| {
                mirror(rtl, ui, |ui| {
                    let tr = ctx.tr();
                    ui.heading(tr.t("tor-settings-title"));
                    ui.add_space(8.0);
                    match model.tor {
                        TorState::Ready => {
                            ui.colored_label(good(ui), tr.t("tor-ready"));
                        }
                        TorState::Bootstrapping { progress } => {
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
                        }
                        TorState::Unavailable => {
                            ui.colored_label(ui.visuals().error_fg_color, tr.t("tor-unavailable"));
                        }
                    }
                    if let Some(stall) = &connection.stall {
                        ui.label(
                            egui::RichText::new(tr.t("connection-stalled-title"))
                                .strong()
                                .color(caution(ui)),
                        );
                        paragraph(ui, rtl, &cause_text(tr, stall.cause), egui::RichText::new);
                    }
                    ui.add_space(8.0);
                    match &connection.bridges {
                        None => {
                            ui.label(tr.t("tor-settings-unknown"));
                        }
                        Some(bridges) => {
                            let count = Arg::Number(bridges.bridges.len() as f64);
                            let text = match bridges.mode {
                                BridgeMode::Direct => tr.t("tor-settings-direct"),
                                BridgeMode::BuiltIn(transport) => tr.f(
                                    "tor-settings-built-in",
                                    &[("transport", Arg::Text(transport.name())), ("count", count)],
                                ),
                                BridgeMode::Custom => {
                                    tr.f("tor-settings-custom", &[("count", count)])
                                }
                            };
                            ui.strong(text);
                            if bridges.mode == BridgeMode::Custom {
                                for bridge in &bridges.bridges {
                                    ui.label(egui::RichText::new(bridge).monospace().weak());
                                }
                            }
                        }
                    }
                    ui.add_space(12.0);
                    ui.strong(tr.t("tor-settings-change"));
                    request = choices(
                        ui,
                        ctx,
                        connection,
                        &mut self.entry,
                        Offer {
                            keep_waiting: connection.stall.is_some(),
                        },
                    );
                    ui.add_space(8.0);
                    paragraph(ui, rtl, &tr.logical("tor-settings-note", &[]), |text| {
                        egui::RichText::new(text).weak()
                    });
                });
            });
        });
        if let Some(request) = request {
            ctx.push(Action::Tor(request));
        }
    }
}
