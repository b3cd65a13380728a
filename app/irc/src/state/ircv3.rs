//! What the IRCv3 capabilities change after login: our own messages echoed back (delivered),
//! labelled lines acknowledged, who is logged in as which account (account-notify,
//! extended-join), host changes without fake quits (chghost), invitations (invite-notify).

use messenger_protocol::{Conversation, Event, IncomingMessage, MessageKind, OutgoingId};

use super::{IrcState, Output, user_of};
use crate::echo::Echo;
use crate::wire::{Line, Source, fold_case};

impl IrcState {
    /// Whether `line` (a PRIVMSG or NOTICE) is our own message coming back (echo-message):
    /// then it marks the message delivered and is not shown again.
    pub(super) fn handle_echo(&mut self, line: &Line) -> Option<Vec<Output>> {
        if !self.caps.enabled("echo-message") {
            return None;
        }
        let Source::User(nick) = &line.source else {
            return None;
        };
        if fold_case(nick) != fold_case(&self.nick) {
            return None;
        }
        let delivered = self
            .echoes
            .echoed(line.tag("label"), line.param(0), line.param(1));
        Some(match delivered {
            Echo::Ours(Some(id)) => vec![Output::Event(Event::Delivered { id })],
            // A middle line of a long message, or a line we sent from another client.
            Echo::Ours(None) | Echo::Unknown => Vec::new(),
        })
    }

    /// Records an outgoing PRIVMSG/NOTICE line for delivery tracking; returns the line to
    /// send (labelled when the server supports labels).
    pub(super) fn track_outgoing(
        &mut self,
        line: String,
        target: &str,
        text: &str,
        completes: Option<OutgoingId>,
    ) -> String {
        let echo = self.caps.enabled("echo-message");
        let labels = self.caps.enabled("labeled-response");
        if !echo && !labels {
            return line;
        }
        // Only the last line of a message needs a label: it is the one that delivers it.
        let label = self
            .echoes
            .sent(target, text, completes, labels && completes.is_some());
        match label {
            Some(label) => format!("@label={label} {line}"),
            None => line,
        }
    }

    /// `ACK` (labeled-response): a labelled line without other answer was accepted.
    pub(super) fn handle_ack(&mut self, line: &Line) -> Vec<Output> {
        if self.caps.enabled("echo-message") {
            // The echo is the better proof; it comes with the same label.
            return Vec::new();
        }
        line.tag("label")
            .and_then(|label| self.echoes.acknowledged(label))
            .map(|id| vec![Output::Event(Event::Delivered { id })])
            .unwrap_or_default()
    }

    /// `ACCOUNT <name>|*` (account-notify).
    pub(super) fn handle_account(&mut self, line: &Line) -> Vec<Output> {
        vec![Output::Event(Event::AccountName {
            member: user_of(line),
            account: account_param(line.param(0)),
        })]
    }

    /// The account of an extended JOIN (`JOIN #room account :real name`), after the join.
    pub(super) fn extended_join(&mut self, line: &Line) -> Vec<Output> {
        if !self.caps.enabled("extended-join") || line.params.len() < 2 {
            return Vec::new();
        }
        vec![Output::Event(Event::AccountName {
            member: user_of(line),
            account: account_param(line.param(1)),
        })]
    }

    /// `INVITE <nick> <room>`: an invitation to us is shown as a notice from who sent it;
    /// invitations of others (invite-notify) are not news to show.
    pub(super) fn handle_invite(&mut self, line: &Line, now: std::time::SystemTime) -> Vec<Output> {
        let Source::User(from) = &line.source else {
            return Vec::new();
        };
        if fold_case(line.param(0)) != fold_case(&self.nick) || line.param(1).is_empty() {
            return Vec::new();
        }
        vec![Output::Event(Event::Message(IncomingMessage {
            from: from.clone(),
            conversation: Conversation::Direct(from.clone()),
            body: format!("invites you to {}", line.param(1)),
            kind: MessageKind::Notice,
            received: now,
        }))]
    }
}

/// `*` means "not logged in".
fn account_param(value: &str) -> Option<String> {
    (!value.is_empty() && value != "*").then(|| value.to_owned())
}

/// A NAMES entry without its prefixes (multi-prefix: `@+nick`) and without the user and host
/// (userhost-in-names: `nick!user@host`).
pub(super) fn member_name(entry: &str) -> &str {
    let name = entry.trim_start_matches(['@', '+', '%', '~', '&', '!']);
    name.split('!').next().unwrap_or(name)
}

#[cfg(test)]
mod tests;
