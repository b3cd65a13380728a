//! messenger-net (being written).
