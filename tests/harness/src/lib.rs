//! Test support: starts real components (a private Tor network, ngircd, prosody, ejabberd,
//! InspIRCd with Atheme services, ircd-hybrid) on free
//! loopback ports, each behind a guard that stops it by PID on drop, also when a test panics.
//! Every wait has a time limit and every failure is a [`HarnessError`] naming the component,
//! the port and the tail of its log.

pub mod atheme;
pub mod control;
pub mod dns_stub;
pub mod ejabberd;
mod error;
pub mod https_files;
pub mod inspircd;
pub mod irc_peer;
mod irc_probe;
pub mod ircd_hybrid;
pub mod leak;
pub mod ngircd;
pub mod pinned_transports;
pub mod ports;
pub mod potr;
pub mod process;
pub mod programs;
pub mod prosody;
mod random;
pub mod tls_cert;
pub mod tor;
mod wait;
pub mod xmpp_peer;
pub mod xmpp_server;

pub use ejabberd::{Ejabberd, EjabberdOptions};
pub use error::{HarnessError, LogExcerpt};
pub use https_files::{HttpsFileServer, Route};
pub use inspircd::{Inspircd, InspircdOptions};
pub use irc_peer::{IrcRawPeer, IrcTls};
pub use ircd_hybrid::{IrcdHybrid, IrcdHybridOptions};
pub use ngircd::{Ngircd, NgircdOptions};
pub use ports::free_port;
pub use potr::PotrPeer;
pub use process::ProcessGuard;
pub use prosody::{Prosody, ProsodyOptions};
pub use tls_cert::ClientCert;
pub use tor::{Obfs4Bridge, OnionService, TorClient, TorNetwork, TorNetworkOptions, TorPrograms};
pub use xmpp_peer::{XmppRawPeer, XmppTransport};
pub use xmpp_server::XmppServer;
