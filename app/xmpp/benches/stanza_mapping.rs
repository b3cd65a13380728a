//! How fast incoming stanzas become events: XML text → minidom → xmpp-parsers → session, for
//! a chat message with XHTML, a room message and a time query. Prints numbers; asserts
//! nothing. Run: `cargo bench -p messenger-xmpp --bench stanza_mapping`.

// A benchmark binary: unwrap on fixed, known-good inputs.
#![allow(clippy::unwrap_used)]

use std::hint::black_box;
use std::time::{Instant, SystemTime};

use messenger_protocol::Command;
use messenger_xmpp::state::XmppState;
use tokio_xmpp::Stanza;
use xmpp_parsers::jid::FullJid;
use xmpp_parsers::minidom::Element;

const ROUNDS: u32 = 50_000;

fn main() {
    let cases = [
        (
            "chat + XHTML",
            "<message xmlns='jabber:client' type='chat' from='bob@xmpp.test/phone' id='m1'>\
             <body>hello there, this is a fairly ordinary chat line</body>\
             <html xmlns='http://jabber.org/protocol/xhtml-im'><body xmlns='http://www.w3.org/1999/xhtml'>\
             <p><b>hello</b> there</p></body></html><active xmlns='http://jabber.org/protocol/chatstates'/></message>",
        ),
        (
            "room message",
            "<message xmlns='jabber:client' type='groupchat' from='room@conference.xmpp.test/bob' id='g1'>\
             <body>hi room</body></message>",
        ),
        (
            "time query",
            "<iq xmlns='jabber:client' type='get' id='t' from='bob@xmpp.test/x'><time xmlns='urn:xmpp:time'/></iq>",
        ),
    ];
    let mut session = XmppState::new(
        FullJid::new("alice@xmpp.test/abc").unwrap(),
        "alice".to_owned(),
    );
    session.command(Command::Join {
        room: "room@conference.xmpp.test".to_owned(),
        password: None,
    });
    let own: Element = "<presence xmlns='jabber:client' from='room@conference.xmpp.test/alice'>\
        <x xmlns='http://jabber.org/protocol/muc#user'><status code='110'/></x></presence>"
        .parse()
        .unwrap();
    session.stanza(Stanza::try_from(own).unwrap(), SystemTime::now());

    for (name, xml) in cases {
        let start = Instant::now();
        let mut outputs = 0usize;
        for _ in 0..ROUNDS {
            let element: Element = black_box(xml).parse().unwrap();
            let stanza = Stanza::try_from(element).unwrap();
            outputs += session.stanza(stanza, SystemTime::now()).len();
        }
        let elapsed = start.elapsed();
        black_box(outputs);
        println!(
            "{name:>14}: {:>8.0} stanzas/s ({:.2} µs each, parse included)",
            f64::from(ROUNDS) / elapsed.as_secs_f64(),
            elapsed.as_secs_f64() * 1e6 / f64::from(ROUNDS)
        );
    }
}
