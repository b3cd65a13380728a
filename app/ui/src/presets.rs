//! Well-known servers offered when adding an account. None is chosen by default: the user
//! picks one (OFTC is marked recommended, as Tor Messenger did, but never preselected).

use crate::settings::AccountKind;
use messenger_protocol::accounts::SaslChoice;

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
    /// The name the onion service's TLS certificate carries (it is not the onion name).
    pub onion_tls_name: Option<&'static str>,
    /// The SASL login the network expects.
    pub sasl: SaslChoice,
    /// The Fluent key of a short note shown in the account form.
    pub note: Option<&'static str>,
}

/// The offered servers. Onion addresses only where the operator publishes one; XMPP servers
/// get one here once it is confirmed.
///
/// - OFTC: the onion service and `ircs://` (TLS) on it are from OFTC's page "OFTC and Tor"
///   (oftc.net/Tor, source oftc/oftc-web `Tor.md`); identification by client certificate
///   (CertFP, matched by its SHA-1 fingerprint, registered with `/msg NickServ CERT ADD`)
///   from oftc.net/NickServ/CertFP (`NickServ/CertFP.md`). OFTC documents no SASL: the
///   preset leaves SASL automatic (none is attempted where none is offered) and the password
///   goes to NickServ only over TLS. OFTC does not document which name its onion's
///   certificate carries; the preset verifies `irc.oftc.net`, its clearnet name, and a
///   mismatch is refused (never ignored).
/// - Libera.Chat: the onion service, its port 6697 with TLS, the certificate name
///   `palladium.libera.chat` ("The TLS server certificate used by the onion service will
///   validate using this hostname") and the rule that the onion requires SASL EXTERNAL or
///   ECDSA-NIST256P-CHALLENGE, not PLAIN, are from libera.chat/guides/connect ("Accessing
///   Libera.Chat Via Tor"); registering the certificate's (SHA-512) fingerprint with
///   `/msg NickServ CERT ADD` from libera.chat/guides/certfp.
pub const PRESETS: &[ServerPreset] = &[
    ServerPreset {
        name: "OFTC",
        kind: AccountKind::Irc,
        host: "irc.oftc.net",
        onion: Some("oftcnet6xg6roj6d7id4y4cu6dchysacqj2ldgea73qzdagufflqxrid.onion"),
        port: 6697,
        recommended: true,
        open_registration: false,
        onion_tls_name: Some("irc.oftc.net"),
        sasl: SaslChoice::Automatic,
        note: Some("preset-note-oftc"),
    },
    ServerPreset {
        name: "Libera.Chat",
        kind: AccountKind::Irc,
        host: "irc.libera.chat",
        onion: Some("libera75jm6of4wxpxt4aynol3xjmbtxgfyjpu34ss4d7r7q2v5zrpyd.onion"),
        port: 6697,
        recommended: false,
        open_registration: false,
        onion_tls_name: Some("palladium.libera.chat"),
        sasl: SaslChoice::External,
        note: Some("preset-note-libera"),
    },
    ServerPreset {
        name: "jabber.ccc.de",
        kind: AccountKind::Xmpp,
        host: "jabber.ccc.de",
        onion: None,
        port: 5222,
        recommended: false,
        open_registration: false,
        onion_tls_name: None,
        sasl: SaslChoice::Automatic,
        note: None,
    },
    ServerPreset {
        name: "jabber.calyxinstitute.org",
        kind: AccountKind::Xmpp,
        host: "jabber.calyxinstitute.org",
        onion: None,
        port: 5222,
        recommended: false,
        open_registration: true,
        onion_tls_name: None,
        sasl: SaslChoice::Automatic,
        note: None,
    },
    ServerPreset {
        name: "jabber.systemli.org",
        kind: AccountKind::Xmpp,
        host: "jabber.systemli.org",
        onion: None,
        port: 5222,
        recommended: false,
        open_registration: false,
        onion_tls_name: None,
        sasl: SaslChoice::Automatic,
        note: None,
    },
];

/// The presets for one protocol.
pub fn for_kind(kind: AccountKind) -> impl Iterator<Item = &'static ServerPreset> {
    PRESETS.iter().filter(move |p| p.kind == kind)
}
