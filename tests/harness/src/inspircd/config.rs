//! The generated inspircd.conf.

use std::path::Path;

use super::{INSPIRCD_SERVER_NAME, SERVICES_NAME};
use crate::tls_cert::SelfSignedCert;

/// The modules loaded, by what the issues test: TLS, IRCv3 capabilities, SASL through
/// services, certificate fingerprints, services accounts and the server link.
const MODULES: &[&str] = &[
    "ssl_gnutls",
    "cap",
    "sasl",
    // account-notify, away-notify, extended-join
    "ircv3",
    "ircv3_accounttag",
    "ircv3_batch",
    "ircv3_capnotify",
    "ircv3_chghost",
    // message-tags
    "ircv3_ctctags",
    "ircv3_echomessage",
    "ircv3_invitenotify",
    "ircv3_labeledresponse",
    "ircv3_msgid",
    "ircv3_servertime",
    // multi-prefix
    "namesx",
    // userhost-in-names
    "uhnames",
    "monitor",
    "sslinfo",
    "services_account",
    "spanningtree",
    // What Atheme's InspIRCd protocol module uses when present.
    "svshold",
    "chghost",
    "servprotect",
];

pub(super) struct Input<'a> {
    pub dir: &'a Path,
    pub port: u16,
    pub tls_port: u16,
    pub link_port: u16,
    pub cert: &'a SelfSignedCert,
    pub link_password: &'a str,
}

pub(super) fn inspircd_conf(input: &Input<'_>) -> String {
    let Input {
        dir,
        port,
        tls_port,
        link_port,
        cert,
        link_password,
    } = *input;
    let mut text = format!(
        "<server name=\"{INSPIRCD_SERVER_NAME}\" description=\"harness\" id=\"1HA\" \
         network=\"harness\">\n\
         <admin name=\"harness\" nick=\"harness\" email=\"harness@{INSPIRCD_SERVER_NAME}\">\n\
         <pid file=\"{pid}\">\n\
         <log method=\"file\" type=\"* -USERINPUT -USEROUTPUT\" level=\"default\" \
         target=\"{log}\">\n\
         <sslprofile name=\"clients\" provider=\"gnutls\" certfile=\"{certfile}\" \
         keyfile=\"{keyfile}\" dhfile=\"\" hash=\"sha256\" requestclientcert=\"yes\">\n\
         <bind address=\"127.0.0.1\" port=\"{port}\" type=\"clients\">\n\
         <bind address=\"127.0.0.1\" port=\"{tls_port}\" type=\"clients\" sslprofile=\"clients\">\n\
         <bind address=\"127.0.0.1\" port=\"{link_port}\" type=\"servers\">\n\
         <connect name=\"harness\" allow=\"*\" timeout=\"60\" threshold=\"1000\" \
         pingfreq=\"300\" hardsendq=\"1M\" softsendq=\"1M\" recvq=\"64K\" localmax=\"1000\" \
         globalmax=\"1000\" limit=\"1000\" maxconnwarn=\"off\" resolvehostnames=\"no\" \
         useident=\"no\" fakelag=\"no\" commandrate=\"1000000\">\n\
         <dns server=\"127.0.0.1\" timeout=\"1\">\n\
         <sasl target=\"{SERVICES_NAME}\" requiressl=\"no\">\n\
         <link name=\"{SERVICES_NAME}\" ipaddr=\"127.0.0.1\" port=\"{link_port}\" \
         allowmask=\"127.0.0.0/8\" sendpass=\"{link_password}\" recvpass=\"{link_password}\" \
         timeout=\"30\">\n\
         <uline server=\"{SERVICES_NAME}\" silent=\"yes\">\n",
        pid = dir.join("inspircd.pid").display(),
        log = dir.join("inspircd.log").display(),
        certfile = cert.cert_pem_path.display(),
        keyfile = cert.key_pem_path.display(),
    );
    for module in MODULES {
        text.push_str(&format!("<module name=\"{module}\">\n"));
    }
    text
}
