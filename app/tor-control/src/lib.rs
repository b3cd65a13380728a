//! A small async client for tor's control port (control-spec.txt): cookie authentication,
//! `TAKEOWNERSHIP`, `SETEVENTS`, `GETINFO`, `SIGNAL`, and the events that follow.
//!
//! Every wait has a time limit; every failure is a typed [`ControlError`].

mod auth;
mod bootstrap;
mod client;
mod error;
mod event;
mod keywords;
mod line_reader;
mod reply;

pub use auth::read_cookie;
pub use bootstrap::{BootstrapStatus, Severity};
pub use client::{ControlClient, DEFAULT_REPLY_TIMEOUT, EventStream, ProtocolInfo};
pub use error::{ControlError, ProtocolError};
pub use event::Event;
pub use keywords::{Keywords, parse_keywords};
pub use reply::{Reply, ReplyLine, ReplyParser};
