//! The engine's events, one at a time, though they cross from the OTR thread in batches.
//!
//! One message sent makes several events (its wire bodies, then `Sent`). Sent one by one,
//! each could wake the reader again just after it went back to sleep; a batch wakes it once.

use crate::events::OtrEvent;
use tokio::sync::mpsc;

/// The receiving end of an [`crate::OtrEngine`]'s events, in order.
#[derive(Debug)]
pub struct OtrEvents {
    batches: mpsc::UnboundedReceiver<Vec<OtrEvent>>,
    pending: std::vec::IntoIter<OtrEvent>,
}

impl OtrEvents {
    pub(crate) fn new(batches: mpsc::UnboundedReceiver<Vec<OtrEvent>>) -> OtrEvents {
        OtrEvents {
            batches,
            pending: Vec::new().into_iter(),
        }
    }

    /// The next event; `None` once the engine has stopped and every event was taken.
    /// Cancel-safe: an event is never lost when the future is dropped.
    pub async fn recv(&mut self) -> Option<OtrEvent> {
        loop {
            if let Some(event) = self.pending.next() {
                return Some(event);
            }
            // A batch is taken whole within the poll that completes this await.
            self.pending = self.batches.recv().await?.into_iter();
        }
    }

    /// Like [`OtrEvents::recv`], blocking this thread (not inside an async runtime).
    pub fn blocking_recv(&mut self) -> Option<OtrEvent> {
        loop {
            if let Some(event) = self.pending.next() {
                return Some(event);
            }
            self.pending = self.batches.blocking_recv()?.into_iter();
        }
    }
}

#[cfg(test)]
mod tests;
