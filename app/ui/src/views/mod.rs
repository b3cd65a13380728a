//! One file per view.

pub(crate) mod accounts;
pub(crate) mod chats;
pub(crate) mod first_run;
pub(crate) mod input;
pub(crate) mod members;
pub(crate) mod messages;
pub(crate) mod otr_bar;
pub(crate) mod settings_view;
pub(crate) mod sidebar;
pub(crate) mod tabs;
pub(crate) mod top_bar;
pub(crate) mod verify;

use messenger_protocol::Conversation;

/// The name a conversation is shown under.
pub(crate) fn conversation_name(target: &Conversation) -> &str {
    match target {
        Conversation::Room(name) | Conversation::Direct(name) => name,
    }
}
