//! The main screens the top bar switches between.

/// The main screens.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Screen {
    /// Conversations.
    #[default]
    Chats,
    /// Accounts and their connections.
    Accounts,
    /// Settings.
    Settings,
}
