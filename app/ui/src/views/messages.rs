//! The message view: plain text only (links are text, IRC formatting removed), local times,
//! failed messages marked. Long messages wrap; right-to-left paragraphs are broken into lines
//! in logical order, each line put in visual order, and aligned right.
//!
//! Only the visible rows are laid out (`ScrollArea::show_viewport` with a height remembered
//! per row, `row_heights`), so 100,000 messages cost what 30 do.

use crate::irc_format;
use crate::message_row::{Row, Words};
use crate::row_heights::RowHeights;
use crate::view_context::ViewContext;
use egui::RichText;
use messenger_chat::{ConversationId, Model};
use std::collections::HashMap;

/// The message view; it remembers each conversation's row heights.
#[derive(Debug, Default)]
pub(crate) struct Messages {
    row_heights: HashMap<ConversationId, RowHeights>,
}

impl Messages {
    /// Forgets the row heights of `conversation` (it was removed).
    pub(crate) fn forget(&mut self, conversation: ConversationId) {
        self.row_heights.remove(&conversation);
    }

    /// Fills the rest of the window with conversation `active`'s topic and messages, or
    /// says that no conversation is open.
    pub(crate) fn show(
        &mut self,
        ui: &mut egui::Ui,
        ctx: &ViewContext,
        model: &Model,
        active: Option<ConversationId>,
    ) {
        egui::CentralPanel::default().show(ui, |ui| match active {
            Some(id) => self.conversation(ui, ctx, model, id),
            None => {
                ui.centered_and_justified(|ui| ui.label(ctx.tr().t("conversation-none")));
            }
        });
    }

    /// Draws conversation `id`'s topic and messages, only the visible rows laid out.
    fn conversation(
        &mut self,
        ui: &mut egui::Ui,
        ctx: &ViewContext,
        model: &Model,
        id: ConversationId,
    ) {
        let Some(conversation) = model.conversation(id) else {
            return;
        };
        if let Some(topic) = &conversation.topic {
            let topic = irc_format::strip(topic);
            ui.add(
                egui::Label::new(
                    RichText::new(
                        ctx.tr()
                            .f("topic", &[("topic", crate::i18n::Arg::Text(&topic))]),
                    )
                    .weak(),
                )
                .truncate(),
            );
            ui.separator();
        }
        let log = &conversation.log;
        let words = Words {
            me: ctx.tr().t("message-me"),
            failed: ctx.tr().t("message-failed"),
            pending: ctx.tr().t("message-pending"),
            utc_offset_seconds: ctx.utc_offset_seconds(),
            mirrored: ctx.right_to_left(),
        };
        let spacing = ui.spacing().item_spacing.y;
        let line = ui.text_style_height(&egui::TextStyle::Body);
        let heights = self.row_heights.entry(id).or_default();
        egui::ScrollArea::vertical()
            .id_salt(("messages", id.0))
            .auto_shrink([false, false])
            .stick_to_bottom(true)
            .show_viewport(ui, |ui, viewport| {
                let width = ui.available_width();
                heights.prepare(log.len(), width, line + spacing);
                let (first, mut top) = heights.first_below(viewport.min.y);
                let origin = ui.max_rect().left_top();
                for index in first..log.len() {
                    if top > viewport.max.y {
                        break;
                    }
                    let Some(message) = log.get(index) else {
                        break;
                    };
                    let row = Row::lay_out(ui, &message, &words, width);
                    let height = row.height();
                    let rect = egui::Rect::from_min_size(
                        origin + egui::vec2(0.0, top),
                        egui::vec2(width, height),
                    );
                    row.paint(ui, rect, words.mirrored);
                    heights.set(index, height + spacing);
                    top += height + spacing;
                }
                // The content's full height, with the rows just measured. Measured from the
                // content's top: `set_min_height` would count from the cursor, which the rows just
                // drawn moved down, and the content would grow by the rows' height in frames that
                // draw rows and not in others; the view, stuck to the bottom, then swung between
                // the end and an empty stretch past it from one pass to the next.
                ui.expand_to_include_y(origin.y + heights.total());
            });
    }
}
