//! Open conversations as tabs; closing one forgets its messages (and leaves a room).

use crate::action::Action;
use crate::app::MessengerUi;
use crate::bidi;
use crate::views::conversation_name;
use messenger_chat::Model;
use messenger_protocol::{Command, Conversation};

pub(crate) fn show(app: &mut MessengerUi, ui: &mut egui::Ui, model: &mut Model) {
    let mut activate = None;
    let mut close = None;
    let rtl = app.right_to_left();
    egui::Panel::top("tabs").show(ui, |ui| {
        crate::views::mirror(rtl, ui, |ui| {
            egui::ScrollArea::horizontal().show(ui, |ui| {
                ui.horizontal(|ui| {
                    for (id, conversation) in model.conversations() {
                        if conversation.closed {
                            continue;
                        }
                        let mut name =
                            bidi::visual(conversation_name(&conversation.target)).into_owned();
                        if conversation.unread > 0 {
                            name = format!("{name} ({})", conversation.unread);
                        }
                        if ui
                            .selectable_label(model.active() == Some(id), name)
                            .clicked()
                        {
                            activate = Some(id);
                        }
                        if ui
                            .small_button("x")
                            .on_hover_text(app.tr.t("conversation-close"))
                            .clicked()
                        {
                            close = Some(id);
                        }
                        ui.separator();
                    }
                });
            });
        })
    });
    if let Some(id) = activate {
        model.activate(id);
    }
    if let Some(id) = close {
        if let Some(conversation) = model.conversation(id)
            && let Conversation::Room(room) = &conversation.target
        {
            app.actions.push(Action::Account {
                account: conversation.account,
                command: Command::Leave { room: room.clone() },
            });
        }
        app.inputs.remove(&id);
        model.close(id);
    }
}
