//! Shared test helpers: two OTR cores wired back to back in process.
#![allow(dead_code, clippy::unwrap_used)]

pub(crate) mod irc;

use messenger_otr::{OtrAccount, OtrCore, OtrEvent, OtrSettings, PeerId};
use messenger_protocol::ProtocolKind;
use std::collections::VecDeque;

/// One side of an in-process conversation.
pub(crate) struct Side {
    pub core: OtrCore,
    pub me: OtrAccount,
    pub peer: PeerId,
    pub events: Vec<OtrEvent>,
    pub dir: tempfile::TempDir,
}

/// Two cores whose `Inject` bodies are delivered to each other; `wire` records every body.
pub(crate) struct Pair {
    pub alice: Side,
    pub bob: Side,
    pub wire: Vec<(bool, String)>,
}

pub(crate) fn side(name: &str, peer: &str, settings: OtrSettings) -> Side {
    let dir = tempfile::tempdir().unwrap();
    let core = OtrCore::open(dir.path(), settings).unwrap();
    let me = OtrAccount::new(name, ProtocolKind::Irc);
    let peer = PeerId::new(me.clone(), peer);
    Side {
        core,
        me,
        peer,
        events: Vec::new(),
        dir,
    }
}

impl Pair {
    pub(crate) fn new(alice: OtrSettings, bob: OtrSettings) -> Pair {
        Pair {
            alice: side("alice", "bob", alice),
            bob: side("bob", "alice", bob),
            wire: Vec::new(),
        }
    }

    /// Delivers every pending injected body until both sides are quiet.
    pub(crate) fn pump(&mut self) {
        let mut queue: VecDeque<(bool, String)> = VecDeque::new();
        loop {
            for (from_alice, side) in [(true, &mut self.alice), (false, &mut self.bob)] {
                side.core.complete_key_generations_blocking();
                for event in side.core.take_events() {
                    if let OtrEvent::Inject { body, .. } = &event {
                        queue.push_back((from_alice, body.clone()));
                    }
                    side.events.push(event);
                }
            }
            let Some((from_alice, body)) = queue.pop_front() else {
                break;
            };
            self.wire.push((from_alice, body.clone()));
            let to = if from_alice {
                &mut self.bob
            } else {
                &mut self.alice
            };
            let peer = to.peer.clone();
            to.core.receive(&peer, body);
        }
    }

    pub(crate) fn alice_says(&mut self, id: u64, text: &str) {
        let peer = self.alice.peer.clone();
        self.alice
            .core
            .send(&peer, messenger_protocol::OutgoingId(id), text.to_owned());
        self.pump();
    }

    pub(crate) fn bob_says(&mut self, id: u64, text: &str) {
        let peer = self.bob.peer.clone();
        self.bob
            .core
            .send(&peer, messenger_protocol::OutgoingId(id), text.to_owned());
        self.pump();
    }
}

impl Side {
    /// Texts shown to this side, with their encrypted flag.
    pub(crate) fn shown(&self) -> Vec<(String, bool)> {
        self.events
            .iter()
            .filter_map(|e| match e {
                OtrEvent::Message {
                    text, encrypted, ..
                } => Some((text.clone(), *encrypted)),
                _ => None,
            })
            .collect()
    }

    pub(crate) fn is_private(&mut self) -> bool {
        matches!(
            self.core.session_state(&self.peer),
            messenger_otr::SessionState::Encrypted { .. }
        )
    }
}
