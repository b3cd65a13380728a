//! messenger-irc (being written).
