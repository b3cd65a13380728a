//! Small pieces several views draw the same way: the colours that mean "all is well" and
//! "careful", and the name a conversation is shown under.

use messenger_protocol::Conversation;

/// The colour for "all is well", readable in both themes.
pub(crate) fn good(ui: &egui::Ui) -> egui::Color32 {
    if ui.visuals().dark_mode {
        egui::Color32::from_rgb(110, 200, 120)
    } else {
        egui::Color32::from_rgb(20, 120, 40)
    }
}

/// The colour for "careful", readable in both themes.
pub(crate) fn caution(ui: &egui::Ui) -> egui::Color32 {
    if ui.visuals().dark_mode {
        egui::Color32::from_rgb(235, 180, 70)
    } else {
        egui::Color32::from_rgb(160, 90, 0)
    }
}

/// The name a conversation is shown under.
pub(crate) fn conversation_name(target: &Conversation) -> &str {
    match target {
        Conversation::Room(name) | Conversation::Direct(name) => name,
    }
}
