//! The XMPP features issue 16 tests against, proved on both servers with the raw peer:
//! STARTTLS required and direct TLS (XEP-0368) with the pinned certificate, stream management
//! (XEP-0198) with a resumed stream that redelivers what was unacknowledged, carbons
//! (XEP-0280), ping (XEP-0199), disco, MUC, and PEP nodes whose `open` access model lets a
//! stranger fetch an OMEMO bundle while a default node stays closed to him.

use std::time::{Duration, Instant};

use harness::{Ejabberd, Prosody, XmppRawPeer, XmppServer, XmppTransport};

const ALICE: (&str, &str) = ("alice", "alice-password");
const BOB: (&str, &str) = ("bob", "bob-password");

#[tokio::test]
async fn ejabberd_offers_what_issue_16_tests() {
    let started = Instant::now();
    let server = Ejabberd::start(&[ALICE, BOB]).unwrap();
    println!(
        "ejabberd: ready with 2 accounts after {:.2?}",
        started.elapsed()
    );
    assert_eq!(server.domain(), "ejabberd.test");
    // An account that exists: ejabberdctl's refusal, with the password hidden.
    let error = server
        .register("alice", "a-new-secret")
        .unwrap_err()
        .to_string();
    assert!(error.contains("ejabberdctl register"), "{error}");
    assert!(!error.contains("a-new-secret"), "{error}");
    prove_features(&server, server.resume_timeout()).await;
}

#[tokio::test]
async fn prosody_offers_what_issue_16_tests() {
    let server = Prosody::start(&[ALICE, BOB]).unwrap();
    let resume_timeout = server.resume_timeout().unwrap();
    prove_features(&server, resume_timeout).await;
}

#[tokio::test]
async fn prosody_without_the_new_options_offers_none_of_them() {
    let server = Prosody::start_with(
        &[ALICE],
        harness::ProsodyOptions {
            stream_management: false,
            carbons: false,
            pep: false,
            direct_tls: false,
            ..harness::ProsodyOptions::default()
        },
    )
    .unwrap();
    assert_eq!(server.direct_tls_port(), None);
    assert_eq!(server.resume_timeout(), None);
    let mut alice = XmppRawPeer::authenticate(&server, XmppTransport::StartTls, ALICE)
        .await
        .unwrap();
    assert!(
        !alice.features().contains("urn:xmpp:sm:3"),
        "{}",
        alice.features()
    );
    alice.bind("one").await.unwrap();
    let features = server_features(&mut alice, server.domain()).await;
    assert!(!features.contains("urn:xmpp:carbons:2"), "{features}");
}

async fn prove_features(server: &impl XmppServer, resume_timeout: Duration) {
    let domain = server.domain().to_owned();
    let name = server.component();

    // Two resources of alice, one per transport, and bob.
    let mut one = XmppRawPeer::authenticate(server, XmppTransport::StartTls, ALICE)
        .await
        .unwrap_or_else(|error| panic!("{error}\n{}", server.log_tail()));
    assert!(
        one.features().contains("urn:xmpp:sm:3"),
        "{name} offers stream management: {}",
        one.features()
    );
    one.bind("one").await.unwrap();
    let mut two = XmppRawPeer::authenticate(server, XmppTransport::DirectTls, ALICE)
        .await
        .unwrap();
    two.bind("two").await.unwrap();
    assert_eq!(two.jid(), format!("alice@{domain}/two"));
    let mut bob = XmppRawPeer::login(server, BOB, "phone").await.unwrap();

    // Disco and ping.
    let features = server_features(&mut one, &domain).await;
    for feature in ["urn:xmpp:carbons:2", "urn:xmpp:ping"] {
        assert!(
            features.contains(feature),
            "{name} lacks {feature}: {features}"
        );
    }
    one.send(&format!(
        "<iq type='get' id='items-1' to='{domain}'>\
         <query xmlns='http://jabber.org/protocol/disco#items'/></iq>"
    ))
    .await
    .unwrap();
    let items = one.wait_for_iq("items-1").await.unwrap();
    assert!(items.contains(server.muc_domain()), "{name}: {items}");
    one.send(&format!(
        "<iq type='get' id='ping-1' to='{domain}'><ping xmlns='urn:xmpp:ping'/></iq>"
    ))
    .await
    .unwrap();
    let pong = one.wait_for_iq("ping-1").await.unwrap();
    assert!(is_result(&pong), "{name}: {pong}");

    // Carbons: what one sends and receives is copied to two.
    for peer in [&mut one, &mut two] {
        peer.send("<iq type='set' id='carbons-1'><enable xmlns='urn:xmpp:carbons:2'/></iq>")
            .await
            .unwrap();
        let answer = peer.wait_for_iq("carbons-1").await.unwrap();
        assert!(is_result(&answer), "{name}: {answer}");
        peer.send("<presence/>").await.unwrap();
    }
    one.send(&format!(
        "<message to='bob@{domain}' type='chat' id='c1'><body>sent from one</body></message>"
    ))
    .await
    .unwrap();
    let received = bob.wait_for("sent from one").await.unwrap();
    assert!(received.contains("<message"), "{name}: {received}");
    let copy = two.wait_for("</sent>").await.unwrap();
    assert!(copy.contains("urn:xmpp:carbons:2"), "{name}: {copy}");
    assert!(copy.contains("sent from one"), "{name}: {copy}");
    bob.send(&format!(
        "<message to='alice@{domain}/one' type='chat' id='c2'><body>to one</body></message>"
    ))
    .await
    .unwrap();
    let copy = two.wait_for("</received>").await.unwrap();
    assert!(copy.contains("to one"), "{name}: {copy}");

    // MUC: a room is created on join and we get our own presence (status 110).
    one.send(&format!(
        "<presence to='room@{}/alice'><x xmlns='http://jabber.org/protocol/muc'/></presence>",
        server.muc_domain()
    ))
    .await
    .unwrap();
    let joined = one.wait_for("code='110'").await.unwrap();
    assert!(
        joined.contains("http://jabber.org/protocol/muc#user"),
        "{name}: {joined}"
    );

    prove_pep_access_models(server, &mut one, &mut bob).await;
    drop((one, two));
    prove_stream_resumption(server, &mut bob, resume_timeout).await;
}

/// An OMEMO bundle published with `pubsub#access_model` `open` is readable by bob, who has
/// no presence subscription; a node published with the default model is not.
async fn prove_pep_access_models(
    server: &impl XmppServer,
    alice: &mut XmppRawPeer,
    bob: &mut XmppRawPeer,
) {
    let name = server.component();
    let domain = server.domain();
    let bundle_node = "eu.siacs.conversations.axolotl.bundles:4711";
    let publish = |id: &str, node: &str, payload: &str, options: &str| {
        format!(
            "<iq type='set' id='{id}'><pubsub xmlns='http://jabber.org/protocol/pubsub'>\
             <publish node='{node}'><item id='current'>{payload}</item></publish>{options}\
             </pubsub></iq>"
        )
    };
    let open = "<publish-options><x xmlns='jabber:x:data' type='submit'>\
                <field var='FORM_TYPE' type='hidden'>\
                <value>http://jabber.org/protocol/pubsub#publish-options</value></field>\
                <field var='pubsub#access_model'><value>open</value></field></x>\
                </publish-options>";
    let bundle = "<bundle xmlns='eu.siacs.conversations.axolotl'>\
                  <signedPreKeyPublic signedPreKeyId='1'>BQ==</signedPreKeyPublic></bundle>";
    alice
        .send(&publish("pub-1", bundle_node, bundle, open))
        .await
        .unwrap();
    let answer = alice.wait_for_iq("pub-1").await.unwrap();
    assert!(is_result(&answer), "{name}: publishing a bundle: {answer}");
    let private_node = "urn:example:harness:private";
    alice
        .send(&publish(
            "pub-2",
            private_node,
            "<secret xmlns='urn:example:harness'/>",
            "",
        ))
        .await
        .unwrap();
    let answer = alice.wait_for_iq("pub-2").await.unwrap();
    assert!(
        is_result(&answer),
        "{name}: publishing a private item: {answer}"
    );

    let fetch = |id: &str, node: &str| {
        format!(
            "<iq type='get' id='{id}' to='alice@{domain}'>\
             <pubsub xmlns='http://jabber.org/protocol/pubsub'><items node='{node}'/></pubsub></iq>"
        )
    };
    bob.send(&fetch("get-1", bundle_node)).await.unwrap();
    let fetched = bob.wait_for_iq("get-1").await.unwrap();
    assert!(
        is_result(&fetched),
        "{name}: bob reads the open bundle: {fetched}"
    );
    assert!(fetched.contains("signedPreKeyPublic"), "{name}: {fetched}");
    bob.send(&fetch("get-2", private_node)).await.unwrap();
    let refused = bob.wait_for_iq("get-2").await.unwrap();
    assert!(
        refused.contains("type='error'") || refused.contains("type=\"error\""),
        "{name}: a presence-model node is closed to a stranger: {refused}"
    );
}

/// Stream management: enabled with resumption (the server's `max` is the configured resume
/// timeout), `<r/>` answered with the count of our stanzas, then the TCP connection is cut
/// without a word; messages bob sends before and after the cut all arrive once the stream
/// is resumed on a new connection.
async fn prove_stream_resumption(
    server: &impl XmppServer,
    bob: &mut XmppRawPeer,
    resume_timeout: Duration,
) {
    let name = server.component();
    let domain = server.domain();
    let mut phone = XmppRawPeer::authenticate(server, XmppTransport::StartTls, ALICE)
        .await
        .unwrap();
    phone.bind("phone").await.unwrap();
    phone
        .send("<enable xmlns='urn:xmpp:sm:3' resume='true'/>")
        .await
        .unwrap();
    let enabled = element_start(&mut phone, "<enabled").await;
    assert_eq!(
        attribute(&enabled, "resume").as_deref(),
        Some("true"),
        "{enabled}"
    );
    assert_eq!(
        attribute(&enabled, "max"),
        Some(resume_timeout.as_secs().to_string()),
        "{name}: {enabled}"
    );
    let id = attribute(&enabled, "id").unwrap_or_else(|| panic!("{name}: no id: {enabled}"));
    phone.send("<presence/>").await.unwrap();
    phone.send("<r xmlns='urn:xmpp:sm:3'/>").await.unwrap();
    let ack = element_start(&mut phone, "<a ").await;
    assert_eq!(attribute(&ack, "h").as_deref(), Some("1"), "{name}: {ack}");

    for body in ["before the cut 1", "before the cut 2"] {
        bob.send(&format!(
            "<message to='alice@{domain}/phone' type='chat'><body>{body}</body></message>"
        ))
        .await
        .unwrap();
        phone.wait_for(body).await.unwrap();
    }
    // The cut: no </stream:stream>, no TLS close_notify, nothing acknowledged.
    drop(phone);
    bob.send(&format!(
        "<message to='alice@{domain}/phone' type='chat'><body>during the cut</body></message>"
    ))
    .await
    .unwrap();

    let mut resumed = XmppRawPeer::authenticate(server, XmppTransport::StartTls, ALICE)
        .await
        .unwrap();
    resumed
        .send(&format!(
            "<resume xmlns='urn:xmpp:sm:3' h='0' previd='{id}'/>"
        ))
        .await
        .unwrap();
    let answer = element_start(&mut resumed, "<resumed").await;
    assert_eq!(
        attribute(&answer, "h").as_deref(),
        Some("1"),
        "{name}: {answer}"
    );
    let mut redelivered = String::new();
    for body in ["before the cut 1", "before the cut 2", "during the cut"] {
        redelivered.push_str(&resumed.wait_for(body).await.unwrap());
    }
    assert!(!redelivered.contains("<failed"), "{name}: {redelivered}");
}

async fn server_features(peer: &mut XmppRawPeer, domain: &str) -> String {
    peer.send(&format!(
        "<iq type='get' id='info-1' to='{domain}'>\
         <query xmlns='http://jabber.org/protocol/disco#info'/></iq>"
    ))
    .await
    .unwrap();
    peer.wait_for_iq("info-1").await.unwrap()
}

/// Reads up to `start` and on to the end of that tag; returns the tag.
async fn element_start(peer: &mut XmppRawPeer, start: &str) -> String {
    peer.wait_for(start).await.unwrap();
    format!("{start}{}", peer.wait_for(">").await.unwrap())
}

/// The value of `name` in a tag, whichever quotes the server used.
fn attribute(tag: &str, name: &str) -> Option<String> {
    for quote in ['\'', '"'] {
        let needle = format!(" {name}={quote}");
        if let Some(at) = tag.find(&needle) {
            let rest = &tag[at + needle.len()..];
            return rest.split(quote).next().map(str::to_owned);
        }
    }
    None
}

fn is_result(iq: &str) -> bool {
    iq.contains("type='result'") || iq.contains("type=\"result\"")
}
