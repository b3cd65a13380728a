//! The chat screen: conversation list, tabs, OTR bar, messages, members, input line.

use crate::app::MessengerUi;
use crate::views;
use messenger_chat::Model;
use messenger_protocol::Conversation;

pub(crate) fn show(app: &mut MessengerUi, ui: &mut egui::Ui, model: &mut Model) {
    views::sidebar::show(app, ui, model);
    let active = model.active().filter(|id| {
        model
            .conversation(*id)
            .is_some_and(|conversation| !conversation.closed)
    });
    let Some(active) = active else {
        egui::CentralPanel::default().show(ui, |ui| {
            ui.centered_and_justified(|ui| ui.label(app.tr.t("conversation-none")));
        });
        return;
    };
    let is_room = model
        .conversation(active)
        .is_some_and(|c| matches!(c.target, Conversation::Room(_)));
    if is_room {
        views::members::show(app, ui, model, active);
    }
    views::tabs::show(app, ui, model);
    views::otr_bar::show(app, ui, model, active);
    views::input::show(app, ui, model, active);
    egui::CentralPanel::default().show(ui, |ui| {
        views::messages::show(app, ui, model, active);
    });
}
