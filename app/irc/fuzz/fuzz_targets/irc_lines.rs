//! Whatever a server sends: framing, irc-proto parsing, CTCP, SASL and registration logic must
//! never panic and must stay within bounded memory.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = messenger_irc::process_server_bytes(data);
});
