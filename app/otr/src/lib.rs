#![warn(missing_docs, unreachable_pub)]
//! The messenger's OTR layer: a safe wrapper over `libotr-sys`.
//!
//! One [`OtrEngine`] per profile owns a libotr user state on a dedicated thread (libotr is
//! not thread-safe); everything else talks to it over a channel. Bodies go in and out at the
//! protocol level: the chat model hands every outgoing message to [`OtrEngine::send`] and
//! every incoming body to [`OtrEngine::receive`], and acts on the [`OtrEvent`]s that come
//! back in order: [`OtrEvent::Inject`] is a body to send on the wire (ciphertext, a fragment,
//! a protocol message), [`OtrEvent::Message`] a message to show.
//!
//! Privacy rules kept here: message text never reaches a log, error or panic message;
//! "require encryption" never lets plaintext out, not even the first message (it is held
//! until the session is private, then encrypted, or refused with an event after a time
//! limit); the private key, fingerprints and instance tags are written atomically with mode
//! 0600, and a damaged file is reported and never overwritten.

mod callbacks;
mod core;
mod engine;
mod error;
mod event_stream;
mod events;
mod ffi;
mod keygen;
mod privkey_file;
pub mod profile;
mod types;

pub use crate::core::OtrCore;
pub use engine::{OtrEngine, Reply};
pub use error::{FileKind, OtrError};
pub use event_stream::OtrEvents;
pub use events::{MessageProblem, NotSentReason, OtrEvent, SmpEvent};
pub use types::{
    Fingerprint, KnownFingerprint, OtrAccount, OtrSettings, PeerId, SessionState, Trust,
};
