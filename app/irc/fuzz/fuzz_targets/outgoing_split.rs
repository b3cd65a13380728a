//! Whatever the user types: the split pieces fit the budget, are cut on character boundaries
//! and give back the text exactly; formatting removal never panics.
#![no_main]

use libfuzzer_sys::fuzz_target;
use messenger_irc::split::split_text;

fuzz_target!(|input: (u8, &str)| {
    let (budget, text) = input;
    let budget = usize::from(budget).max(4);
    let pieces = split_text(text, budget);
    assert_eq!(pieces.concat(), text);
    assert!(pieces.iter().all(|p| p.len() <= budget));
    let _ = messenger_irc::formatting::strip_formatting(text);
});
