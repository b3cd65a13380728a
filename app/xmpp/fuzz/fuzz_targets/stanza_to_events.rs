//! Any bytes a server could send as one stanza, through the XML parser, xmpp-parsers and the
//! session's stanza-to-event mapping (of a client that is in a room): it must never panic.
//! Run: `cd app/xmpp/fuzz && cargo +nightly fuzz run stanza_to_events`.

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    messenger_xmpp::process_stanza_bytes(data);
});
