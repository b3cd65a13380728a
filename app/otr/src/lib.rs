//! messenger-otr (being written).
