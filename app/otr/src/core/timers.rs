//! Time: libotr's periodic poll (when its timer callback asked for one) and the time limit
//! of messages held by "require encryption".

use super::{Held, OtrCore};
use crate::events::{NotSentReason, OtrEvent};
use libotr_sys::*;
use std::time::{Duration, Instant};

impl OtrCore {
    /// Periodic work: libotr's poll when its timer asks, and giving up held messages that
    /// waited longer than the settings allow.
    pub fn tick(&mut self, now: Instant) {
        if let Some(interval) = self.state().timer_interval
            && now.duration_since(self.last_poll) >= Duration::from_secs(u64::from(interval))
        {
            self.last_poll = now;
            // SAFETY: our user state and callbacks.
            unsafe { otrl_message_poll(self.us, self.ops(), self.opdata()) };
            self.after_call();
        }
        let timeout = self.state().settings.queue_timeout;
        let mut expired = Vec::new();
        for (peer, held) in &mut self.held {
            let (late, keep): (Vec<Held>, Vec<Held>) = held
                .drain(..)
                .partition(|h| now.duration_since(h.since) >= timeout);
            *held = keep;
            expired.extend(late.into_iter().map(|h| (peer.clone(), h.id)));
        }
        self.held.retain(|_, held| !held.is_empty());
        for (to, id) in expired {
            self.emit(OtrEvent::NotSent {
                id,
                to,
                reason: NotSentReason::EncryptionNotEstablished,
            });
        }
    }

    /// When [`OtrCore::tick`] next has work to do, if ever.
    pub fn next_deadline(&mut self) -> Option<Instant> {
        let poll = self
            .state()
            .timer_interval
            .map(|i| self.last_poll + Duration::from_secs(u64::from(i)));
        let timeout = self.state().settings.queue_timeout;
        let held = self
            .held
            .values()
            .flatten()
            .map(|h| h.since + timeout)
            .min();
        [poll, held].into_iter().flatten().min()
    }
}
