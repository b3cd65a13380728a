//! The messenger's model: accounts, conversations, and the messages of this session.
//!
//! Messages live in memory only; nothing here writes to disk (privacy invariant 2). The UI
//! reads this model; protocol events (after OTR) update it through [`Model::apply`].

mod log;
mod model;
mod otr_detail;
mod otr_request;
mod otr_status;
mod policy;
mod tor_state;

pub use log::{Delivery, MessageFlags, MessageLog, MessageView, Protection, Sender};
pub use model::{AccountEntry, AccountId, AccountState, ConversationId, ConversationState, Model};
pub use otr_detail::{OtrDetail, OtrProgress};
pub use otr_request::OtrRequest;
pub use otr_status::OtrStatus;
pub use policy::EncryptionPolicy;
pub use tor_state::{TorState, TorWarning};
