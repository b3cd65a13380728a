//! The demo's OTR bot against an independent OTR peer (the harness's python3-potr peer) on a
//! real ngircd: it answers a query with a key exchange, says it is private, echoes encrypted,
//! answers an identity check with the demo's secret (and fails a wrong one), and says plainly
//! how to make a plain conversation private.
#![allow(clippy::unwrap_used)] // test code: a panic is the failure report

use harness::{Ngircd, PotrPeer};
use std::time::Duration;
use tor_messenger_demo::{BOT_SECRET, OtrBot};

const LIMIT: Duration = Duration::from_secs(30);

fn is_state(state: &'static str) -> impl Fn(&harness::potr::PotrEvent) -> bool {
    move |e| e.kind() == "state" && e.str("state") == Some(state)
}

#[test]
fn the_bot_goes_private_echoes_encrypted_and_answers_identity_checks() {
    let server = Ngircd::start().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let mut bot = OtrBot::start(
        server.port(),
        "otrbot",
        "#demo",
        BOT_SECRET,
        None,
        &dir.path().join("bot.log"),
    )
    .unwrap();
    assert_eq!(bot.fingerprint().len(), 40);
    let mut peer = PotrPeer::start(server.port(), "visitor").unwrap();

    // Plain words: the bot says how to make the conversation private.
    peer.raw("otrbot", "hello").unwrap();
    let (text, encrypted) = peer.expect_message("otrbot", LIMIT).unwrap();
    assert!(!encrypted);
    assert!(
        text.contains("Press 'Start private conversation'"),
        "{text}"
    );
    // An OTR query: the bot runs the key exchange, then says it is private.
    peer.start_otr("otrbot").unwrap();
    peer.expect("encrypted", LIMIT, is_state("encrypted"))
        .unwrap();
    let state = peer
        .seen()
        .iter()
        .find(|e| is_state("encrypted")(e))
        .cloned()
        .unwrap();
    assert_eq!(state.str("fingerprint"), Some(bot.fingerprint()));
    let (text, encrypted) = peer.expect_message("otrbot", LIMIT).unwrap();
    assert!(encrypted);
    assert!(text.starts_with("We are private now"), "{text}");
    assert!(text.ends_with(&format!("enter: {BOT_SECRET}")), "{text}");

    peer.send("otrbot", "über secret").unwrap();
    assert_eq!(
        peer.expect_message("otrbot", LIMIT).unwrap(),
        (
            "You wrote (encrypted both ways): über secret".to_owned(),
            true
        )
    );
    bot.wait_for("the encrypted answer", LIMIT, |e| {
        e.kind() == "answered" && e.bool("encrypted") == Some(true)
    })
    .unwrap();

    peer.smp_start("otrbot", "wrong", None).unwrap();
    // The bot sees the mismatch; potr (the bot's OTR) then aborts rather than send SMP4, so
    // the other end learns of it as an abort.
    bot.wait_for("the failed check", LIMIT, |e| {
        e.kind() == "smp" && e.str("state") == Some("failed")
    })
    .unwrap();
    peer.expect("the abort", LIMIT, |e| {
        e.kind() == "smp" && e.str("state") == Some("aborted")
    })
    .unwrap();
    peer.smp_start("otrbot", BOT_SECRET, Some("The demo's secret?"))
        .unwrap();
    peer.expect("a successful check", LIMIT, |e| {
        e.kind() == "smp" && e.str("state") == Some("succeeded")
    })
    .unwrap();

    // Ending the private conversation: the bot goes back to plaintext and answers plainly.
    peer.end_otr("otrbot").unwrap();
    bot.wait_for("plaintext again", LIMIT, |e| {
        e.kind() == "state" && e.str("state") == Some("plaintext")
    })
    .unwrap();
    peer.raw("otrbot", "plain words").unwrap();
    let (text, encrypted) = peer.expect_message("otrbot", LIMIT).unwrap();
    assert!(!encrypted);
    assert!(
        text.contains("Press 'Start private conversation'"),
        "{text}"
    );

    let pid = bot.pid();
    drop(bot);
    assert!(!harness::process::process_is_running(pid));
}
