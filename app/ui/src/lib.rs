//! messenger-ui (being written).
