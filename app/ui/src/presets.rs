//! Well-known servers offered when adding an account. None is chosen by default: the user
//! picks one (OFTC is marked recommended, as Tor Messenger did, but never preselected).

use crate::settings::AccountKind;

/// A server the account form offers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ServerPreset {
    /// Shown in the list.
    pub name: &'static str,
    /// IRC or XMPP.
    pub kind: AccountKind,
    /// Public host name.
    pub host: &'static str,
    /// Its onion service, where the operator publishes one.
    pub onion: Option<&'static str>,
    /// TLS port.
    pub port: u16,
    /// Tor Messenger's recommendation.
    pub recommended: bool,
    /// Accepts in-band registration of new accounts (XMPP).
    pub open_registration: bool,
}

/// The offered servers. Onion addresses only where the operator publishes one (OFTC lists
/// its onion service at oftc.net/Tor); XMPP servers get one here once it is confirmed.
pub const PRESETS: &[ServerPreset] = &[
    ServerPreset {
        name: "OFTC",
        kind: AccountKind::Irc,
        host: "irc.oftc.net",
        onion: Some("oftcnet6xg6roj6d7id4y4cu6dchysacqj2ldgea73qzdagufflqxrid.onion"),
        port: 6697,
        recommended: true,
        open_registration: false,
    },
    ServerPreset {
        name: "Libera.Chat",
        kind: AccountKind::Irc,
        host: "irc.libera.chat",
        onion: None,
        port: 6697,
        recommended: false,
        open_registration: false,
    },
    ServerPreset {
        name: "jabber.ccc.de",
        kind: AccountKind::Xmpp,
        host: "jabber.ccc.de",
        onion: None,
        port: 5222,
        recommended: false,
        open_registration: false,
    },
    ServerPreset {
        name: "jabber.calyxinstitute.org",
        kind: AccountKind::Xmpp,
        host: "jabber.calyxinstitute.org",
        onion: None,
        port: 5222,
        recommended: false,
        open_registration: true,
    },
    ServerPreset {
        name: "jabber.systemli.org",
        kind: AccountKind::Xmpp,
        host: "jabber.systemli.org",
        onion: None,
        port: 5222,
        recommended: false,
        open_registration: false,
    },
];

/// The presets for one protocol.
pub fn for_kind(kind: AccountKind) -> impl Iterator<Item = &'static ServerPreset> {
    PRESETS.iter().filter(move |p| p.kind == kind)
}
