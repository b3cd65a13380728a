//! messenger-xmpp (being written).
