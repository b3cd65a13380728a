//! The one network settings type every protocol and the session share.

use crate::socks::TorSocks;
use crate::tls::TlsTrust;

/// Where every connection goes and what it trusts: tor's SOCKS port (the only way out) and
/// the TLS roots and pins. IRC, XMPP, the update check and the session all take this one
/// type.
#[derive(Debug, Clone)]
pub struct Network {
    /// Tor's SOCKS port.
    pub socks: TorSocks,
    /// Roots and pins.
    pub trust: TlsTrust,
}
