//! The input line: Enter sends, Up/Down walk this conversation's history (memory only).
//! `/me text` sends an action. With "require encryption" in force and no private
//! conversation yet, nothing is sent and the user is told why.

use crate::action::{Action, OtrRequest};
use crate::layout::row_layout;
use crate::view_context::ViewContext;
use messenger_chat::{ConversationId, Model};
use messenger_protocol::{Conversation, MessageKind};
use std::collections::HashMap;

/// How many sent lines Up/Down can recall per conversation.
const HISTORY: usize = 50;

/// One conversation's input line.
#[derive(Debug, Clone, Default)]
struct InputLine {
    text: String,
    history: Vec<String>,
    /// Position while walking the history; `None` means "the line being typed".
    browsing: Option<usize>,
    draft: String,
}

impl InputLine {
    fn older(&mut self) {
        if self.history.is_empty() {
            return;
        }
        let at = match self.browsing {
            None => {
                self.draft = std::mem::take(&mut self.text);
                self.history.len() - 1
            }
            Some(at) => at.saturating_sub(1),
        };
        self.browsing = Some(at);
        self.text = self.history.get(at).cloned().unwrap_or_default();
    }

    fn newer(&mut self) {
        let Some(at) = self.browsing else {
            return;
        };
        if at + 1 >= self.history.len() {
            self.browsing = None;
            self.text = std::mem::take(&mut self.draft);
        } else {
            self.browsing = Some(at + 1);
            self.text = self.history.get(at + 1).cloned().unwrap_or_default();
        }
    }

    fn take(&mut self) -> String {
        let text = std::mem::take(&mut self.text);
        self.browsing = None;
        self.draft.clear();
        if self.history.last() != Some(&text) {
            self.history.push(text.clone());
            if self.history.len() > HISTORY {
                self.history.remove(0);
            }
        }
        text
    }
}

/// The input lines of all conversations, and which one refused to send in plain text.
#[derive(Debug, Default)]
pub(crate) struct InputLines {
    lines: HashMap<ConversationId, InputLine>,
    /// The conversation whose last send waited for a private conversation.
    blocked_notice: Option<ConversationId>,
}

impl InputLines {
    /// Puts `text` in `conversation`'s input line, as if typed.
    pub(crate) fn set_text(&mut self, conversation: ConversationId, text: &str) {
        self.lines.entry(conversation).or_default().text = text.to_owned();
    }

    /// Forgets what was typed in `conversation` and its history (it was closed or removed).
    pub(crate) fn forget(&mut self, conversation: ConversationId) {
        self.lines.remove(&conversation);
    }

    /// Draws conversation `id`'s input line at the bottom; Enter or Send sends.
    pub(crate) fn show(
        &mut self,
        ui: &mut egui::Ui,
        ctx: &mut ViewContext,
        model: &Model,
        id: ConversationId,
    ) {
        let Some(conversation) = model.conversation(id) else {
            return;
        };
        let rtl = ctx.right_to_left();
        let send = egui::Panel::bottom("input")
            .show(ui, |ui| {
                ui.add_space(4.0);
                if self.blocked_notice == Some(id) {
                    ui.colored_label(
                        ui.visuals().error_fg_color,
                        ctx.tr().t("otr-blocked-plaintext"),
                    );
                }
                let line = self.lines.entry(id).or_default();
                let send = edit_row(ui, ctx, rtl, line, id);
                ui.add_space(4.0);
                send
            })
            .inner;
        if !send {
            return;
        }
        let Some(line) = self.lines.get_mut(&id) else {
            return;
        };
        if line.text.trim().is_empty() {
            return;
        }
        if let Conversation::Direct(contact) = &conversation.target {
            let account_label = model
                .account(conversation.account)
                .map(|a| a.label.as_str())
                .unwrap_or_default();
            let key = format!("{account_label}/{contact}");
            let required = ctx.settings().policy().requires_encryption(&key);
            let otr = conversation.otr;
            if !otr.is_encrypted() && !otr.allows_plaintext(required) {
                // Keep the text; start OTR so the user can send once it is private.
                self.blocked_notice = Some(id);
                ctx.push(Action::Otr {
                    conversation: id,
                    request: OtrRequest::Start,
                });
                return;
            }
        }
        self.blocked_notice = None;
        let typed = line.take();
        let (text, kind) = match typed.strip_prefix("/me ") {
            Some(action) => (action.to_owned(), MessageKind::Action),
            None => (typed, MessageKind::Normal),
        };
        ctx.push(Action::Send {
            conversation: id,
            text,
            kind,
        });
    }
}

/// The preview of right-to-left text, the field and the Send button. Returns whether the
/// user sent (Enter or the button).
fn edit_row(
    ui: &mut egui::Ui,
    ctx: &ViewContext,
    rtl: bool,
    line: &mut InputLine,
    id: ConversationId,
) -> bool {
    // egui's text field shows its text in logical order (it has no bidi algorithm), so a
    // right-to-left sentence reads word by word backwards while typed: above the field,
    // the same text as it will be shown, in visual order and aligned right.
    let typed = line.text.as_str();
    let typed_right_to_left = crate::bidi::is_right_to_left_paragraph(typed);
    if typed.chars().any(crate::bidi::is_right_to_left) {
        let shown = crate::bidi::visual(typed);
        if shown != typed {
            let preview = egui::RichText::new(shown.into_owned()).weak();
            ui.with_layout(
                egui::Layout::top_down(direction_align(typed_right_to_left)),
                |ui| {
                    ui.add(egui::Label::new(preview).truncate())
                        .on_hover_text(ctx.tr().t("message-preview-hint"));
                },
            );
        }
    }
    let align = if typed.is_empty() {
        direction_align(rtl)
    } else {
        direction_align(typed_right_to_left)
    };
    let mut send = false;
    let row = egui::vec2(
        ui.available_width(),
        ui.spacing()
            .interact_size
            .y
            .max(ui.text_style_height(&egui::TextStyle::Body) + 6.0),
    );
    ui.allocate_ui_with_layout(
        row,
        // The Send button at the end of the line in reading order.
        row_layout(!rtl),
        |ui| {
            if ui.button(ctx.tr().t("message-send")).clicked() {
                send = true;
            }
            let edit = egui::TextEdit::singleline(&mut line.text)
                .id_salt(("input", id.0))
                .hint_text(ctx.tr().t("message-input-hint"))
                .align(egui::Align2([align, egui::Align::Center]))
                .desired_width(ui.available_width());
            let response = ui.add(edit);
            if response.has_focus() {
                let (up, down) = ui.input(|i| {
                    (
                        i.key_pressed(egui::Key::ArrowUp),
                        i.key_pressed(egui::Key::ArrowDown),
                    )
                });
                if up {
                    line.older();
                } else if down {
                    line.newer();
                }
            }
            if response.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter)) {
                send = true;
                response.request_focus();
            }
        },
    );
    send
}

/// Where text of a direction starts.
fn direction_align(right_to_left: bool) -> egui::Align {
    if right_to_left {
        egui::Align::RIGHT
    } else {
        egui::Align::LEFT
    }
}

#[cfg(test)]
mod tests;
