//! Tor Messenger's wiring between the protocols, OTR and the chat model, without any window:
//! the binary drives it from its frame loop, the tests drive it directly.
//!
//! Data paths (docs/ARCHITECTURE.md section 3): a private message the user types goes to the OTR engine
//! first, and only the bodies OTR hands back (`OtrEvent::Inject`) reach the protocol as
//! `Command::Send`; a private body that arrives goes to OTR before the model, which shows only
//! what OTR returns. Room messages are never private and bypass OTR. The model records the
//! text the user typed, never ciphertext. "Require encryption" is enforced by the OTR engine,
//! and without a working engine nothing private is sent at all.
//!
//! Threads: protocol tasks run on a tokio runtime ([`spawn_runtime`] or the caller's); OTR runs
//! on its own thread; [`Session::drain`] applies what arrived to the model on the caller's
//! thread, and the `wake` closure given to [`Session::start`] says when there is something.

#![forbid(unsafe_code)]
#![warn(missing_docs)]

mod accounts;
mod error;
mod events;
mod otr_events;
mod otr_requests;
mod policy;
mod register;
mod routing;
mod runtime;
mod session;

pub use error::SessionError;
pub use messenger_chat::OtrRequest;
pub use policy::OtrPolicy;
pub use register::throwaway_account;
pub use runtime::spawn_runtime;
pub use session::{Outcome, Session};
