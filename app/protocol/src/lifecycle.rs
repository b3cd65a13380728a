//! The life of one account task, the same for every protocol: idle until the user connects,
//! then attempt a connection, and after a drop wait (backoff) and attempt again, until the
//! user disconnects or the handle is dropped. Never reconnects after the user's own
//! disconnect, nor after a refusal the protocol calls fatal (login, TLS).
//!
//! A protocol supplies one connection attempt and what to do with a command while offline
//! ([`AccountConnection`]); [`run_lifecycle`] does the rest.

use std::future::Future;

use tokio::sync::mpsc;

use crate::{Backoff, Command, DisconnectReason, Event, OutgoingId, ReconnectPolicy};

/// How one connection ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Ending {
    /// The user disconnected.
    User,
    /// The handle was dropped: the task ends.
    Closed,
    /// Do not reconnect.
    Fatal(DisconnectReason),
    /// Reconnect after a while.
    Lost(DisconnectReason),
}

/// What a protocol's account task brings to the shared lifecycle.
pub trait AccountConnection {
    /// One connection, from opening the stream to its end. Commands arriving meanwhile are
    /// the attempt's to handle; `backoff` is reset by the attempt once the login succeeded.
    fn connect_once(
        &mut self,
        commands: &mut mpsc::Receiver<Command>,
        events: &mpsc::Sender<Event>,
        backoff: &mut Backoff,
    ) -> impl Future<Output = Ending> + Send;

    /// A command while not connected (idle, or waiting to retry): remember rooms, refuse
    /// sends. Returns false if the handle is gone.
    fn offline_command(
        &mut self,
        command: Command,
        events: &mpsc::Sender<Event>,
    ) -> impl Future<Output = bool> + Send;
}

/// Runs an account until its handle is dropped. `name` (`"IRC"`, `"XMPP"`) only labels the
/// log line that says a connection ended.
pub async fn run_lifecycle<A: AccountConnection>(
    account: &mut A,
    name: &'static str,
    reconnect: ReconnectPolicy,
    mut commands: mpsc::Receiver<Command>,
    events: mpsc::Sender<Event>,
) {
    let mut backoff = Backoff::new(reconnect);
    'idle: loop {
        match commands.recv().await {
            None => return,
            Some(Command::Connect) => {}
            Some(other) => {
                if !account.offline_command(other, &events).await {
                    return;
                }
                continue 'idle;
            }
        }
        'attempt: loop {
            if events.send(Event::Connecting).await.is_err() {
                return;
            }
            let ending = account
                .connect_once(&mut commands, &events, &mut backoff)
                .await;
            let (reason, retry) = match ending {
                Ending::Closed => return,
                Ending::User => (DisconnectReason::UserRequest, None),
                Ending::Fatal(reason) => (reason, None),
                Ending::Lost(reason) => (reason, Some(backoff.next_delay())),
            };
            tracing::info!(retry = ?retry, "{name} connection ended");
            let disconnected = Event::Disconnected {
                reason,
                retry_in: retry,
            };
            if events.send(disconnected).await.is_err() {
                return;
            }
            let Some(delay) = retry else {
                backoff.reset();
                continue 'idle;
            };
            let wait = tokio::time::sleep(delay);
            tokio::pin!(wait);
            loop {
                tokio::select! {
                    () = &mut wait => continue 'attempt,
                    command = commands.recv() => match command {
                        None => return,
                        Some(Command::Connect) => continue 'attempt,
                        Some(Command::Disconnect) => {
                            backoff.reset();
                            let stopped = Event::Disconnected {
                                reason: DisconnectReason::UserRequest,
                                retry_in: None,
                            };
                            if events.send(stopped).await.is_err() {
                                return;
                            }
                            continue 'idle;
                        }
                        Some(other) => {
                            if !account.offline_command(other, &events).await {
                                return;
                            }
                        }
                    },
                }
            }
        }
    }
}

/// The event that reports a message as not sent, saying why.
pub fn not_sent(id: OutgoingId, why: &str) -> Event {
    Event::SendFailed {
        id,
        reason: format!("{why}: the message was not sent."),
    }
}

#[cfg(test)]
mod tests;
