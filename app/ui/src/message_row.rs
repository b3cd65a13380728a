//! One message laid out as a row of the message view: time, mark and sender on one line,
//! the text wrapped beside it. A right-to-left paragraph is broken into lines in logical
//! order, each line put in visual order, and aligned right. The text is a plain label:
//! never a hyperlink, nothing fetched.

use crate::widgets::caution;
use crate::{bidi, clock, irc_format};
use egui::text::LayoutJob;
use egui::{Align, FontSelection, Galley, RichText};
use messenger_chat::{MessageFlags, MessageView, Sender};
use messenger_protocol::MessageKind;
use std::sync::Arc;

/// What every row needs from the localizer, looked up once per frame.
pub(crate) struct Words {
    /// How the user is named ("me").
    pub(crate) me: String,
    /// The mark of a message that could not be sent.
    pub(crate) failed: String,
    /// The mark of a message not yet sent.
    pub(crate) pending: String,
    /// The local time zone's offset from UTC.
    pub(crate) utc_offset_seconds: i64,
    /// The UI is right to left: time and name on the right.
    pub(crate) mirrored: bool,
}

/// One message laid out: the time, mark and sender on one line, the text wrapped beside it.
pub(crate) struct Row {
    prefix: Arc<Galley>,
    text: Arc<Galley>,
}

impl Row {
    /// Lays `message` out within `width`.
    pub(crate) fn lay_out(
        ui: &egui::Ui,
        message: &MessageView<'_>,
        words: &Words,
        width: f32,
    ) -> Row {
        let style = ui.style();
        let mut prefix = LayoutJob::default();
        let mut append = |text: RichText| {
            text.append_to(&mut prefix, style, FontSelection::Default, Align::Min);
        };
        let time = clock::hours_minutes(message.time, words.utc_offset_seconds);
        let time = RichText::new(time).weak().monospace();
        let mark = if message.flags.contains(MessageFlags::FAILED) {
            Some(RichText::new(format!("[{}]", words.failed)).color(ui.visuals().error_fg_color))
        } else if message.flags.contains(MessageFlags::PENDING) {
            Some(RichText::new(words.pending.as_str()).color(caution(ui)))
        } else {
            None
        };
        let plain = irc_format::strip(message.text);
        let (who, body) = match (message.sender, message.kind) {
            (Sender::System, _) => (None, Body::new(plain.into_owned()).italics().weak()),
            (sender, MessageKind::Action) => {
                let name = sender_name(sender, &words.me);
                (None, Body::new(format!("* {name} {plain}")).italics())
            }
            (sender, MessageKind::Notice) => (
                Some(sender_name(sender, &words.me)),
                Body::new(plain.into_owned()).weak(),
            ),
            (sender, MessageKind::Normal) => (
                Some(sender_name(sender, &words.me)),
                Body::new(plain.into_owned()),
            ),
        };
        let colour = if message.sender == Sender::Me {
            ui.visuals().weak_text_color()
        } else {
            ui.visuals().strong_text_color()
        };
        let name = |text: String| RichText::new(text).color(colour).strong();
        // Reading order: time, mark, name and its colon. A mirrored row is read from the
        // right, so its pieces are laid out the other way round, the colon on the name's left
        // (a section of its own: inside the name's section egui would shape it with a Persian
        // name, on the wrong side).
        let mut pieces = vec![time];
        if let Some(mark) = mark {
            pieces.push(RichText::new(" "));
            pieces.push(mark);
        }
        if let Some(who) = who {
            pieces.push(RichText::new(" "));
            pieces.push(name(who));
            pieces.push(name(":".to_owned()));
        }
        if words.mirrored {
            pieces.reverse();
        }
        for piece in pieces {
            append(piece);
        }
        let prefix = ui.fonts_mut(|fonts| fonts.layout_job(prefix));
        let column = (width - prefix.size().x - ui.spacing().item_spacing.x).max(40.0);
        let text = wrap_text(ui, body, column);
        Row { prefix, text }
    }

    /// The row's height (the taller of prefix and text).
    pub(crate) fn height(&self) -> f32 {
        self.prefix.size().y.max(self.text.size().y)
    }

    /// Places the prefix at the row's start (left, or right when the UI is mirrored) and
    /// the text in the rest, aligned to its own paragraph direction.
    pub(crate) fn paint(self, ui: &mut egui::Ui, rect: egui::Rect, mirrored: bool) {
        let gap = ui.spacing().item_spacing.x;
        let prefix_width = self.prefix.size().x;
        let (prefix_rect, text_rect) = if mirrored {
            let split = rect.right() - prefix_width;
            (
                egui::Rect::from_x_y_ranges(split..=rect.right(), rect.y_range()),
                egui::Rect::from_x_y_ranges(rect.left()..=split - gap, rect.y_range()),
            )
        } else {
            let split = rect.left() + prefix_width;
            (
                egui::Rect::from_x_y_ranges(rect.left()..=split, rect.y_range()),
                egui::Rect::from_x_y_ranges(split + gap..=rect.right(), rect.y_range()),
            )
        };
        place(ui, prefix_rect, self.prefix, Align::Min);
        let align = self.text.job.halign;
        // A plain label: never a hyperlink, nothing fetched.
        place(ui, text_rect, self.text, align);
    }
}

/// Adds `galley` as a label in `rect`, at its left or right edge.
fn place(ui: &mut egui::Ui, rect: egui::Rect, galley: Arc<Galley>, align: Align) {
    let layout = if align == Align::RIGHT {
        egui::Layout::right_to_left(Align::Min)
    } else {
        egui::Layout::left_to_right(Align::Min)
    };
    ui.scope_builder(egui::UiBuilder::new().max_rect(rect).layout(layout), |ui| {
        ui.add(egui::Label::new(galley));
    });
}

/// A message's text in logical order, and how it is styled.
struct Body {
    text: String,
    weak: bool,
    italics: bool,
}

impl Body {
    fn new(text: String) -> Body {
        Body {
            text,
            weak: false,
            italics: false,
        }
    }

    fn weak(mut self) -> Body {
        self.weak = true;
        self
    }

    fn italics(mut self) -> Body {
        self.italics = true;
        self
    }

    /// The styled text showing `shown` (the body in display order).
    fn rich(&self, shown: String) -> RichText {
        let mut text = RichText::new(shown);
        if self.weak {
            text = text.weak();
        }
        if self.italics {
            text = text.italics();
        }
        text
    }
}

/// Lays `body` out within `width`: wrapped by egui when left to right; broken into lines
/// here, each ordered for display and aligned right, when right to left.
fn wrap_text(ui: &egui::Ui, body: Body, width: f32) -> Arc<Galley> {
    let right_to_left = bidi::is_right_to_left_paragraph(&body.text);
    let shown = if right_to_left {
        let font = FontSelection::Default.resolve(ui.style());
        let lines = ui.fonts_mut(|fonts| {
            bidi::break_lines(&body.text, width, |piece| {
                fonts
                    .layout_no_wrap(
                        bidi::visual_in(piece, true).into_owned(),
                        font.clone(),
                        egui::Color32::PLACEHOLDER,
                    )
                    .size()
                    .x
            })
        });
        lines
            .iter()
            .map(|line| bidi::visual_in(line, true))
            .collect::<Vec<_>>()
            .join("\n")
    } else {
        bidi::visual(&body.text).into_owned()
    };
    let mut job = LayoutJob::default();
    body.rich(shown)
        .append_to(&mut job, ui.style(), FontSelection::Default, Align::Min);
    job.wrap.max_width = width;
    job.halign = if right_to_left {
        Align::RIGHT
    } else {
        Align::LEFT
    };
    ui.fonts_mut(|fonts| fonts.layout_job(job))
}

fn sender_name(sender: Sender<'_>, me: &str) -> String {
    match sender {
        Sender::Me => me.to_owned(),
        Sender::Peer(name) => bidi::visual(name).into_owned(),
        Sender::System => String::new(),
    }
}
