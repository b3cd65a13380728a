//! Certificate pins against prosody's self-signed certificate: refused without a pin,
//! refused with a wrong pin, accepted with the right one. Refusals are final (no retry, and
//! never a plaintext attempt).

use messenger_net::TlsTrust;
use messenger_protocol::{Command, DisconnectReason, Event};
use messenger_xmpp::spawn_account;

use crate::common::*;

async fn refusal(trust: TlsTrust, prosody: &harness::Prosody) -> String {
    let mut handle = spawn_account(account(prosody, ALICE), network_with(trust));
    handle.commands.send(Command::Connect).await.unwrap();
    let event = wait_for(&mut handle, |e| matches!(e, Event::Disconnected { .. })).await;
    let Event::Disconnected {
        reason: DisconnectReason::TlsRefused(text),
        retry_in: None,
    } = event
    else {
        panic!("expected a final TLS refusal, got {event:?}");
    };
    text
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn self_signed_certificate_is_refused_without_a_pin() {
    let prosody = start_prosody();
    let text = refusal(TlsTrust::public_roots().unwrap(), &prosody).await;
    assert!(text.contains("authority we do not trust"), "{text}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn wrong_pin_is_refused_and_right_pin_accepted() {
    let prosody = start_prosody();
    let mut wrong = prosody.cert_sha256();
    wrong[0] ^= 0xff;
    let trust =
        TlsTrust::public_roots()
            .unwrap()
            .with_pin(prosody.domain(), prosody.c2s_port(), wrong);
    let text = refusal(trust, &prosody).await;
    assert!(text.contains("does not match its pin"), "{text}");
    // The host is scrubbed from the message.
    assert!(!text.contains("xmpp.test"), "{text}");

    let (_handle, own) = connected(
        account(&prosody, ALICE),
        network_with(pinned_trust(&prosody)),
    )
    .await;
    assert!(own.starts_with("alice@xmpp.test/"));
}
