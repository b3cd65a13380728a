//! Delivery tracking with `echo-message` and `labeled-response`: a message is delivered to the
//! server when the server echoes its last line back to us (or, with labeled-response alone,
//! acknowledges the labelled line with `ACK`). Without either, a message stays "sent".
//!
//! Lines are matched by label when the server supports labels, else in order by target and
//! text. At most [`MAX_PENDING`] lines wait; older ones are forgotten (their messages stay
//! "sent", never wrongly "delivered").

use std::collections::VecDeque;

use messenger_protocol::OutgoingId;

use crate::wire::fold_case;

/// How many sent lines may wait for their echo.
pub const MAX_PENDING: usize = 4096;

#[derive(Debug)]
struct Pending {
    target: String,
    text: String,
    label: Option<String>,
    completes: Option<OutgoingId>,
}

/// What an echo of one of our lines means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Echo {
    /// A line we wait for: the message it completes, if it is the last line of one.
    Ours(Option<OutgoingId>),
    /// Nothing we wait for (a line sent by another client of ours, or forgotten).
    Unknown,
}

/// The lines waiting for the server's echo or acknowledgement.
#[derive(Debug, Default)]
pub struct EchoTracker {
    pending: VecDeque<Pending>,
    next_label: u64,
}

impl EchoTracker {
    /// Records a PRIVMSG/NOTICE line to `target` with `text`; returns the label to put on it
    /// when `labels` is on.
    pub fn sent(
        &mut self,
        target: &str,
        text: &str,
        completes: Option<OutgoingId>,
        labels: bool,
    ) -> Option<String> {
        let label = labels.then(|| {
            self.next_label += 1;
            format!("tm{}", self.next_label)
        });
        if self.pending.len() >= MAX_PENDING {
            self.pending.pop_front();
        }
        self.pending.push_back(Pending {
            target: fold_case(target),
            text: text.to_owned(),
            label: label.clone(),
            completes,
        });
        label
    }

    /// An echo of one of our lines arrived.
    pub fn echoed(&mut self, label: Option<&str>, target: &str, text: &str) -> Echo {
        let target = fold_case(target);
        let index = match label {
            Some(label) => self
                .pending
                .iter()
                .position(|p| p.label.as_deref() == Some(label)),
            None => self
                .pending
                .iter()
                .position(|p| p.target == target && p.text == text),
        };
        match index.and_then(|index| self.pending.remove(index)) {
            Some(pending) => Echo::Ours(pending.completes),
            None => Echo::Unknown,
        }
    }

    /// `ACK` for a labelled line (labeled-response without echo-message).
    pub fn acknowledged(&mut self, label: &str) -> Option<OutgoingId> {
        let index = self
            .pending
            .iter()
            .position(|p| p.label.as_deref() == Some(label))?;
        self.pending.remove(index).and_then(|p| p.completes)
    }

    /// How many lines wait.
    pub fn waiting(&self) -> usize {
        self.pending.len()
    }
}

#[cfg(test)]
mod tests;
