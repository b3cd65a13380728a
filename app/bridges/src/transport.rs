//! The pluggable transports Tor Messenger ships.

use std::fmt;

/// A pluggable transport the bundle ships (`pt_config` maps each to its program).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Transport {
    /// obfs4: bridges whose traffic looks like random bytes (obfs4proxy).
    Obfs4,
    /// snowflake: short-lived volunteer WebRTC proxies, found through a domain-fronted broker
    /// (snowflake-client).
    Snowflake,
}

impl Transport {
    /// Every transport, in the order the choices are offered.
    pub const ALL: [Transport; 2] = [Transport::Snowflake, Transport::Obfs4];

    /// The name tor and bridge lines use.
    pub fn name(self) -> &'static str {
        match self {
            Transport::Obfs4 => "obfs4",
            Transport::Snowflake => "snowflake",
        }
    }

    /// The transport called `name` (exactly as in bridge lines and torrc options).
    pub fn from_name(name: &str) -> Option<Transport> {
        Transport::ALL
            .into_iter()
            .find(|transport| transport.name() == name)
    }
}

impl fmt::Display for Transport {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str(self.name())
    }
}
