//! What a peer learns by querying our client: version and last activity not answered, time in
//! UTC, a disco#info that names nothing, unknown queries refused.

use crate::common::*;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn queries_are_answered_as_specified() {
    let prosody = start_prosody();
    let (_alice, own) = connected(
        account(&prosody, ALICE),
        network_with(pinned_trust(&prosody)),
    )
    .await;
    let mut bob = XmppRawPeer::login(&prosody, BOB, "raw").await.unwrap();

    let ask =
        |id: &str, payload: &str| format!("<iq type='get' id='{id}' to='{own}'>{payload}</iq>");
    for (id, payload) in [
        ("version-1", "<query xmlns='jabber:iq:version'/>"),
        ("last-1", "<query xmlns='jabber:iq:last'/>"),
        ("unknown-1", "<query xmlns='urn:example:whatever'/>"),
    ] {
        bob.send(&ask(id, payload)).await.unwrap();
        let answer = bob.wait_for_iq(id).await.unwrap();
        assert!(answer.contains("type='error'"), "{answer}");
        assert!(answer.contains("<service-unavailable"), "{answer}");
        assert!(!answer.contains("<name"), "{answer}");
        assert!(
            !answer.contains("<seconds") && !answer.contains("seconds="),
            "{answer}"
        );
    }

    let before = chrono::Utc::now() - chrono::Duration::seconds(2);
    bob.send(&ask("time-1", "<time xmlns='urn:xmpp:time'/>"))
        .await
        .unwrap();
    let answer = bob.wait_for_iq("time-1").await.unwrap();
    assert!(answer.contains("type='result'"), "{answer}");
    assert!(answer.contains("<tzo>+00:00</tzo>"), "{answer}");
    let utc = between(&answer, "<utc>", "</utc>");
    assert!(utc.ends_with('Z'), "{utc}");
    let when = chrono::DateTime::parse_from_rfc3339(utc).unwrap();
    assert!(when >= before && when <= chrono::Utc::now() + chrono::Duration::seconds(2));

    bob.send(&ask(
        "disco-1",
        "<query xmlns='http://jabber.org/protocol/disco#info'/>",
    ))
    .await
    .unwrap();
    let answer = bob.wait_for_iq("disco-1").await.unwrap();
    assert!(answer.contains("category='client'"), "{answer}");
    assert!(!answer.contains("name="), "{answer}");
    let features: Vec<&str> = answer
        .split("<feature var='")
        .skip(1)
        .map(|rest| &rest[..rest.find('\'').unwrap()])
        .collect();
    assert_eq!(features, messenger_xmpp::answers::DISCO_FEATURES.to_vec());

    bob.send(
        "<iq type='set' id='set-1' to='ALICE'><query xmlns='jabber:iq:private'/></iq>"
            .replace("ALICE", &own)
            .as_str(),
    )
    .await
    .unwrap();
    let answer = bob.wait_for_iq("set-1").await.unwrap();
    assert!(answer.contains("<service-unavailable"), "{answer}");
}

fn between<'a>(text: &'a str, start: &str, end: &str) -> &'a str {
    let from = text.find(start).unwrap() + start.len();
    let to = from + text[from..].find(end).unwrap();
    &text[from..to]
}
