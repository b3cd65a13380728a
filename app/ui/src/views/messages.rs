//! The message view: plain text only (links are text, IRC formatting removed), local times,
//! failed messages marked. Only the visible rows are laid out (`ScrollArea::show_rows`), so
//! 100,000 messages cost what 30 do. One line per message; a longer one is cut with "…"
//! and shown whole on hover.

use crate::app::MessengerUi;
use crate::views::top_bar::caution;
use crate::{bidi, clock, irc_format};
use messenger_chat::{ConversationId, MessageFlags, Model, Sender};
use messenger_protocol::MessageKind;

pub(crate) fn show(app: &MessengerUi, ui: &mut egui::Ui, model: &Model, id: ConversationId) {
    let Some(conversation) = model.conversation(id) else {
        return;
    };
    if let Some(topic) = &conversation.topic {
        let topic = irc_format::strip(topic);
        ui.add(
            egui::Label::new(
                egui::RichText::new(
                    app.tr
                        .f("topic", &[("topic", crate::i18n::Arg::Text(&topic))]),
                )
                .weak(),
            )
            .truncate(),
        );
        ui.separator();
    }
    let log = &conversation.log;
    let row_height = ui.text_style_height(&egui::TextStyle::Body);
    let me = app.tr.t("message-me");
    let failed = app.tr.t("message-failed");
    let pending = app.tr.t("message-pending");
    egui::ScrollArea::vertical()
        .id_salt(("messages", id.0))
        .auto_shrink([false, false])
        .stick_to_bottom(true)
        .show_rows(ui, row_height, log.len(), |ui, rows| {
            for message in log.range(rows) {
                ui.horizontal(|ui| {
                    ui.label(
                        egui::RichText::new(clock::hours_minutes(
                            message.time,
                            app.utc_offset_seconds,
                        ))
                        .weak()
                        .monospace(),
                    );
                    if message.flags.contains(MessageFlags::FAILED) {
                        ui.colored_label(ui.visuals().error_fg_color, format!("[{failed}]"));
                    } else if message.flags.contains(MessageFlags::PENDING) {
                        ui.colored_label(caution(ui), pending.as_str());
                    }
                    let text = bidi::visual(&irc_format::strip(message.text)).into_owned();
                    let (who, text) = match (message.sender, message.kind) {
                        (Sender::System, _) => (None, egui::RichText::new(text).italics().weak()),
                        (sender, MessageKind::Action) => {
                            let name = sender_name(sender, &me);
                            (
                                None,
                                egui::RichText::new(format!("* {name} {text}")).italics(),
                            )
                        }
                        (sender, MessageKind::Notice) => (
                            Some(sender_name(sender, &me)),
                            egui::RichText::new(text).weak(),
                        ),
                        (sender, MessageKind::Normal) => {
                            (Some(sender_name(sender, &me)), egui::RichText::new(text))
                        }
                    };
                    if let Some(who) = who {
                        let colour = if message.sender == Sender::Me {
                            ui.visuals().weak_text_color()
                        } else {
                            ui.visuals().strong_text_color()
                        };
                        ui.label(
                            egui::RichText::new(format!("{who}:"))
                                .color(colour)
                                .strong(),
                        );
                    }
                    // A plain label: never a hyperlink, nothing fetched.
                    ui.add(egui::Label::new(text).truncate());
                });
            }
        });
}

fn sender_name(sender: Sender<'_>, me: &str) -> String {
    match sender {
        Sender::Me => me.to_owned(),
        Sender::Peer(name) => bidi::visual(name).into_owned(),
        Sender::System => String::new(),
    }
}
