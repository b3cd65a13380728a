//! Open conversations as tabs; closing one forgets its messages (and leaves a room).

use crate::action::Action;
use crate::bidi;
use crate::layout::mirror;
use crate::view_context::ViewContext;
use crate::widgets::conversation_name;
use messenger_chat::{ConversationId, Model};
use messenger_protocol::{Command, Conversation};

/// The tab row (it has no state: the model knows which conversations are open).
#[derive(Debug, Default)]
pub(crate) struct Tabs;

impl Tabs {
    /// Draws the tabs; a click activates one in `model`, its "x" closes it. Returns the
    /// conversation closed, if any (the app forgets what was typed there).
    pub(crate) fn show(
        &mut self,
        ui: &mut egui::Ui,
        ctx: &mut ViewContext,
        model: &mut Model,
    ) -> Option<ConversationId> {
        let mut activate = None;
        let mut close = None;
        let rtl = ctx.right_to_left();
        egui::Panel::top("tabs").show(ui, |ui| {
            mirror(rtl, ui, |ui| {
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
                                .on_hover_text(ctx.tr().t("conversation-close"))
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
        let id = close?;
        if let Some(conversation) = model.conversation(id)
            && let Conversation::Room(room) = &conversation.target
        {
            ctx.push(Action::Account {
                account: conversation.account,
                command: Command::Leave { room: room.clone() },
            });
        }
        model.close(id);
        Some(id)
    }
}
