//! messenger-chat (being written).
