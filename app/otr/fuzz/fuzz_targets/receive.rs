//! Feeds arbitrary bodies into the receive path of an OTR core that is in a private
//! conversation (and, for a quarter of the inputs, of one that is not).
//!
//! `cd app/otr/fuzz && cargo +nightly fuzz run receive corpus/receive seeds/receive`
//! (`corpus/` is where libFuzzer keeps what it finds; `seeds/` holds committed starting points)
#![no_main]

use libfuzzer_sys::fuzz_target;
use messenger_otr::{OtrAccount, OtrCore, OtrEvent, OtrSettings, PeerId};
use messenger_protocol::ProtocolKind;
use std::cell::RefCell;
use std::collections::VecDeque;

struct Fixture {
    bob_private: OtrCore,
    bob_plain: OtrCore,
    from_alice: PeerId,
    _alice: OtrCore,
    _dirs: Vec<tempfile::TempDir>,
}

fn core(dirs: &mut Vec<tempfile::TempDir>, name: &str) -> OtrCore {
    let dir = tempfile::tempdir().expect("temporary folder");
    let mut core = OtrCore::open(dir.path(), OtrSettings::default()).expect("open profile");
    core.start_key_generation(&OtrAccount::new(name, ProtocolKind::Irc));
    core.complete_key_generations_blocking();
    core.take_events();
    dirs.push(dir);
    core
}

fn fixture() -> Fixture {
    let mut dirs = Vec::new();
    let mut alice = core(&mut dirs, "alice");
    let mut bob = core(&mut dirs, "bob");
    let bob_plain = core(&mut dirs, "bob");
    let to_bob = PeerId::new(OtrAccount::new("alice", ProtocolKind::Irc), "bob");
    let from_alice = PeerId::new(OtrAccount::new("bob", ProtocolKind::Irc), "alice");
    alice.start_session(&to_bob);
    let mut queue: VecDeque<(bool, String)> = VecDeque::new();
    loop {
        for e in alice.take_events() {
            if let OtrEvent::Inject { body, .. } = e {
                queue.push_back((true, body));
            }
        }
        for e in bob.take_events() {
            if let OtrEvent::Inject { body, .. } = e {
                queue.push_back((false, body));
            }
        }
        match queue.pop_front() {
            Some((true, body)) => bob.receive(&from_alice, body),
            Some((false, body)) => alice.receive(&to_bob, body),
            None => break,
        }
    }
    Fixture { bob_private: bob, bob_plain, from_alice, _alice: alice, _dirs: dirs }
}

thread_local! {
    static FIXTURE: RefCell<Fixture> = RefCell::new(fixture());
}

fuzz_target!(|data: &[u8]| {
    let body = String::from_utf8_lossy(data).into_owned();
    FIXTURE.with(|fixture| {
        let mut fixture = fixture.borrow_mut();
        let from = fixture.from_alice.clone();
        let bob = if data.first().is_some_and(|b| b % 4 == 0) {
            &mut fixture.bob_plain
        } else {
            &mut fixture.bob_private
        };
        bob.receive(&from, body);
        bob.take_events();
    });
});
