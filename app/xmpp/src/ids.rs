//! Random values the protocol needs: the resource of each connection and stanza ids.
//!
//! Both are plain random hex with no prefix, so they say nothing about the client (a resource
//! like "TorMessenger.3f2a" would name the software to every contact).

use std::sync::atomic::{AtomicU64, Ordering};

/// Random bytes in a resource: 64 bits, enough that two connections never collide.
const RESOURCE_BYTES: usize = 8;

/// A fresh random resource for one connection, or `None` if the system has no randomness
/// (the caller refuses to connect rather than use a predictable resource).
pub(crate) fn random_resource() -> Option<String> {
    random_hex(RESOURCE_BYTES)
}

/// A stanza id: random when possible; ids only need to be unique on this stream, so a
/// counter is an acceptable fallback if the system has no randomness.
pub(crate) fn stanza_id() -> String {
    static FALLBACK: AtomicU64 = AtomicU64::new(0);
    random_hex(8).unwrap_or_else(|| format!("{:016x}", FALLBACK.fetch_add(1, Ordering::Relaxed)))
}

fn random_hex(len: usize) -> Option<String> {
    let mut bytes = vec![0u8; len];
    getrandom::fill(&mut bytes).ok()?;
    Some(messenger_net::hex_encode(&bytes))
}

#[cfg(test)]
mod tests;
