#![doc = include_str!("../README.md")]
#![forbid(unsafe_code)]
#![warn(missing_docs)]

mod auth;
mod bootstrap;
mod client;
mod command;
mod config;
mod error;
mod event;
mod keywords;
mod line_reader;
mod onion;
mod protocol_info;
mod reply;

pub use auth::read_cookie;
pub use bootstrap::{BootstrapStatus, Severity};
pub use client::{
    ControlClient, DEFAULT_CONNECT_TIMEOUT, DEFAULT_REPLY_TIMEOUT, EVENT_QUEUE_LEN, EventStream,
};
pub use command::{Command, EventKind, Signal};
pub use config::ConfigEntry;
pub use error::{ControlError, ProtocolError};
pub use event::{Event, HsDesc, HsDescAction, PtLog, PtStatus, TransportLaunched};
pub use keywords::{Keywords, parse_keywords, parse_quoted, quote};
pub use onion::OnionService;
pub use protocol_info::ProtocolInfo;
pub use reply::{MAX_LINE_LEN, MAX_REPLY_LEN, Reply, ReplyLine, ReplyParser};
