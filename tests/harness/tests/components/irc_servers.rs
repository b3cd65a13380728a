//! The IRC daemons issue 18 tests against, proved with the raw peer: InspIRCd linked to
//! Atheme (CAP LS 302 with SASL mechanisms and the IRCv3 capabilities, SASL PLAIN over TLS, a
//! wrong password refused with 904, EXTERNAL with a client certificate added by CERT ADD,
//! server-time and echo-message), and ircd-hybrid without services (registration, NAMES, no
//! SASL offered).

use std::time::Instant;

use harness::irc_peer::command_of;
use harness::{ClientCert, Inspircd, InspircdOptions, IrcRawPeer, IrcdHybrid};

const ACCOUNT: &str = "alice";
const PASSWORD: &str = "alice-password";

#[test]
fn inspircd_with_atheme_logs_in_with_sasl_and_speaks_ircv3() {
    let started = Instant::now();
    let irc = Inspircd::with_atheme(InspircdOptions::default()).unwrap();
    println!(
        "inspircd + atheme: linked, SASL offered after {:.2?}",
        started.elapsed()
    );
    irc.register_account(ACCOUNT, PASSWORD).unwrap();
    let again = irc
        .register_account(ACCOUNT, "other")
        .unwrap_err()
        .to_string();
    assert!(again.contains("REGISTER refused"), "{again}");

    // CAP LS 302 over TLS: SASL with its mechanisms, and the IRCv3 capabilities.
    let mut alice = IrcRawPeer::open(irc.tls_addr(), Some(irc.tls(None))).unwrap();
    let caps = alice.cap_ls().unwrap();
    let mechanisms = caps
        .get("sasl")
        .cloned()
        .flatten()
        .unwrap_or_else(|| panic!("sasl with mechanisms: {caps:?}"));
    for mechanism in ["PLAIN", "EXTERNAL", "ECDSA-NIST256P-CHALLENGE"] {
        assert!(
            mechanisms.split(',').any(|m| m == mechanism),
            "{mechanisms}"
        );
    }
    assert!(
        !mechanisms.contains("SCRAM"),
        "Atheme 7.2 has no SCRAM: {mechanisms}"
    );
    for cap in [
        "server-time",
        "echo-message",
        "message-tags",
        "account-notify",
        "extended-join",
        "multi-prefix",
        "userhost-in-names",
        "cap-notify",
        "batch",
        "chghost",
        "invite-notify",
        "labeled-response",
        "account-tag",
    ] {
        assert!(caps.contains_key(cap), "{cap} missing: {caps:?}");
    }

    // SASL PLAIN inside TLS.
    alice
        .cap_req(&["sasl", "server-time", "echo-message", "message-tags"])
        .unwrap();
    alice.send(&format!("NICK {ACCOUNT}")).unwrap();
    alice
        .send(&format!("USER {ACCOUNT} 0 * :{ACCOUNT}"))
        .unwrap();
    let end = alice.sasl_plain(ACCOUNT, PASSWORD).unwrap();
    assert_eq!(command_of(&end), Some("903"), "{end}");
    assert!(
        alice
            .seen()
            .iter()
            .any(|line| command_of(line) == Some("900") && line.contains(ACCOUNT)),
        "logged in as {ACCOUNT}: {:?}",
        alice.seen()
    );
    alice.send("CAP END").unwrap();
    alice.expect_numeric("001", "the welcome").unwrap();

    // server-time and echo-message: our own message comes back, stamped by the server.
    alice.join("#harness").unwrap();
    alice.send("PRIVMSG #harness :echo me").unwrap();
    let echo = alice
        .expect_within(std::time::Duration::from_secs(10), "the echo", |line| {
            line.contains("PRIVMSG #harness :echo me")
        })
        .unwrap();
    assert!(echo.starts_with("@"), "tags: {echo}");
    assert!(echo.contains("time=20"), "server-time: {echo}");
    assert!(echo.contains(&format!(":{ACCOUNT}!")), "{echo}");

    // A wrong password: 904, and the connection stays usable.
    let mut wrong = IrcRawPeer::open(irc.tls_addr(), Some(irc.tls(None))).unwrap();
    wrong.cap_req(&["sasl"]).unwrap();
    let end = wrong.sasl_plain(ACCOUNT, "wrong password").unwrap();
    assert_eq!(command_of(&end), Some("904"), "{end}");

    // EXTERNAL: refused for an unknown certificate, accepted once CERT ADD registered it.
    let cert = ClientCert::generate("test", ACCOUNT).unwrap();
    let mut stranger = IrcRawPeer::open(irc.tls_addr(), Some(irc.tls(Some(&cert)))).unwrap();
    stranger.cap_req(&["sasl"]).unwrap();
    let end = stranger.sasl_external().unwrap();
    assert_eq!(command_of(&end), Some("904"), "{end}");

    irc.add_certificate(ACCOUNT, PASSWORD, &cert.sha256_hex())
        .unwrap();
    let mut holder = IrcRawPeer::open(irc.tls_addr(), Some(irc.tls(Some(&cert)))).unwrap();
    holder.cap_req(&["sasl"]).unwrap();
    holder.send("NICK certholder").unwrap();
    holder.send("USER certholder 0 * :certholder").unwrap();
    let end = holder.sasl_external().unwrap();
    assert_eq!(command_of(&end), Some("903"), "{end}");
    assert!(
        holder
            .seen()
            .iter()
            .any(|line| command_of(line) == Some("900") && line.contains(ACCOUNT)),
        "{:?}",
        holder.seen()
    );
    holder.send("CAP END").unwrap();
    holder.expect_numeric("001", "the welcome").unwrap();
    // sslinfo shows the fingerprint NickServ matched: SHA-256 of the DER, lowercase hex.
    holder.send("WHOIS certholder").unwrap();
    let certfp = holder
        .expect_numeric("276", "the certificate fingerprint (276)")
        .unwrap();
    assert!(certfp.contains(&cert.sha256_hex()), "{certfp}");
}

#[test]
fn inspircd_alone_offers_no_sasl() {
    let irc = Inspircd::start().unwrap();
    assert!(irc.atheme().is_none());
    let mut peer = IrcRawPeer::open(irc.addr(), None).unwrap();
    let caps = peer.cap_ls().unwrap();
    assert!(!caps.contains_key("sasl"), "{caps:?}");
    assert!(caps.contains_key("server-time"), "{caps:?}");
}

#[test]
fn ircd_hybrid_registers_and_lists_names_without_sasl() {
    let started = Instant::now();
    let hybrid = IrcdHybrid::start().unwrap();
    println!(
        "ircd-hybrid: registration answered after {:.2?}",
        started.elapsed()
    );
    let mut alice = IrcRawPeer::open(hybrid.addr(), None).unwrap();
    let caps = alice.cap_ls().unwrap();
    assert!(!caps.contains_key("sasl"), "{caps:?}");
    alice.send("CAP END").unwrap();
    alice.register("alice").unwrap();
    let mut bob = IrcRawPeer::open(hybrid.addr(), None).unwrap();
    bob.register("bob_with_a_long_nick").unwrap();
    alice.join("#harness").unwrap();
    bob.join("#harness").unwrap();
    alice.send("NAMES #harness").unwrap();
    let names = alice.expect_numeric("353", "the names list (353)").unwrap();
    assert!(
        names.contains("@alice"),
        "the creator is an operator: {names}"
    );
    assert!(names.contains("bob_with_a_long_nick"), "{names}");
    bob.send("PRIVMSG #harness :hello alice").unwrap();
    let line = alice
        .expect_within(
            std::time::Duration::from_secs(10),
            "bob's message",
            |line| line.contains("PRIVMSG #harness"),
        )
        .unwrap();
    assert!(line.ends_with(":hello alice"), "{line}");
}
