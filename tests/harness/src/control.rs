//! A synchronous face on `messenger-tor-control` (the workspace's one control-port client),
//! enough for readiness checks and onion services: SAFECOOKIE authentication, GETINFO,
//! events. Each connection runs the async client on a small runtime of its own; every
//! command has the client's time limit.

use std::future::Future;
use std::net::SocketAddr;
use std::path::Path;
use std::time::Duration;

use messenger_tor_control::{ControlClient, Event, EventKind, EventStream, HsDescAction};

pub use messenger_tor_control::ControlError;

/// One authenticated (or not yet authenticated) control connection.
#[derive(Debug)]
pub struct ControlConnection {
    client: ControlClient,
    events: EventStream,
    /// `None` only while being dropped.
    runtime: Option<tokio::runtime::Runtime>,
}

impl ControlConnection {
    /// Connects with `timeout` for the connection and for each later command.
    pub fn connect(addr: SocketAddr, timeout: Duration) -> Result<Self, ControlError> {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()?;
        let (mut client, events) = match on(&runtime, ControlClient::connect(addr, timeout)) {
            Ok(connected) => connected,
            Err(error) => {
                // Dropping a runtime blocks, which panics inside a test's own runtime.
                runtime.shutdown_background();
                return Err(error);
            }
        };
        client.set_reply_timeout(timeout);
        Ok(Self {
            client,
            events,
            runtime: Some(runtime),
        })
    }

    /// SAFECOOKIE authentication with the cookie in `cookie`.
    pub fn authenticate_with_cookie(&mut self, cookie: &Path) -> Result<(), ControlError> {
        let client = &mut self.client;
        run(&self.runtime, client.authenticate(Some(cookie))).map(drop)
    }

    /// `GETINFO key`, returning the value.
    pub fn getinfo(&mut self, key: &str) -> Result<String, ControlError> {
        let client = &mut self.client;
        run(&self.runtime, client.get_info(key))
    }

    /// The bootstrap phase line, e.g. `NOTICE BOOTSTRAP PROGRESS=100 TAG=done SUMMARY="Done"`.
    pub fn bootstrap_phase(&mut self) -> Result<String, ControlError> {
        self.getinfo("status/bootstrap-phase")
    }

    /// Subscribes to asynchronous events (`SETEVENTS`), e.g. `["HS_DESC"]`.
    pub fn set_events(&mut self, events: &[&str]) -> Result<(), ControlError> {
        let kinds: Vec<EventKind> = events
            .iter()
            .map(|name| EventKind::from_name(name))
            .collect();
        let client = &mut self.client;
        run(&self.runtime, client.set_events(&kinds))
    }

    /// Waits up to `limit` for an event line (without `650 `) that satisfies `wanted`;
    /// `Ok(None)` when the time is up. Other events are skipped.
    pub fn wait_for_event(
        &mut self,
        limit: Duration,
        wanted: impl Fn(&str) -> bool + Send,
    ) -> Result<Option<String>, ControlError> {
        let events = &mut self.events;
        run(&self.runtime, async move {
            let found = tokio::time::timeout(limit, async move {
                while let Some(reply) = events.next_reply().await {
                    if let Some(first) = reply.lines.first()
                        && wanted(&first.text)
                    {
                        return Ok(first.text.clone());
                    }
                }
                Err(ControlError::Closed)
            })
            .await;
            match found {
                Ok(Ok(event)) => Ok(Some(event)),
                Ok(Err(error)) => Err(error),
                Err(_) => Ok(None),
            }
        })
    }

    /// `ADD_ONION` with a new ed25519 key: an onion service on `virtual_port` forwarding to
    /// `target`, alive while this connection stays open. Returns the service id (the
    /// address without `.onion`).
    pub fn add_onion(
        &mut self,
        virtual_port: u16,
        target: SocketAddr,
    ) -> Result<String, ControlError> {
        let client = &mut self.client;
        run(&self.runtime, client.add_onion(virtual_port, target)).map(|service| service.service_id)
    }

    /// Waits up to `limit` for tor to report the descriptor of onion service `service_id`
    /// uploaded (`HS_DESC UPLOADED`); `Ok(false)` when the time is up.
    pub fn wait_for_upload(
        &mut self,
        service_id: &str,
        limit: Duration,
    ) -> Result<bool, ControlError> {
        let events = &mut self.events;
        run(&self.runtime, async move {
            let found = tokio::time::timeout(limit, async {
                while let Some(event) = events.next().await {
                    if let Event::HsDesc(descriptor) = event?
                        && descriptor.action == HsDescAction::Uploaded
                        && descriptor.address == service_id
                    {
                        return Ok(());
                    }
                }
                Err(ControlError::Closed)
            })
            .await;
            match found {
                Ok(result) => result.map(|()| true),
                Err(_) => Ok(false),
            }
        })
    }
}

/// Runs `future` to its end on a connection's runtime.
fn run<T: Send>(
    runtime: &Option<tokio::runtime::Runtime>,
    future: impl Future<Output = T> + Send,
) -> T {
    match runtime {
        Some(runtime) => on(runtime, future),
        // Unreachable: the runtime is taken only in `drop`.
        None => panic!("the control connection's runtime is gone"),
    }
}

impl Drop for ControlConnection {
    fn drop(&mut self) {
        // Shutting down in the background never blocks, so the connection may be dropped
        // inside another runtime too (a test's own).
        if let Some(runtime) = self.runtime.take() {
            runtime.shutdown_background();
        }
    }
}

/// Runs `future` on `runtime`, from a thread of its own when the caller is itself inside a
/// tokio runtime (where blocking on another one is not allowed).
fn on<T: Send>(runtime: &tokio::runtime::Runtime, future: impl Future<Output = T> + Send) -> T {
    if tokio::runtime::Handle::try_current().is_err() {
        return runtime.block_on(future);
    }
    std::thread::scope(
        |scope| match scope.spawn(|| runtime.block_on(future)).join() {
            Ok(value) => value,
            Err(panic) => std::panic::resume_unwind(panic),
        },
    )
}

/// Whether a bootstrap phase line says tor is done.
pub fn bootstrap_done(phase: &str) -> bool {
    let words: Vec<&str> = phase.split_whitespace().collect();
    words.contains(&"PROGRESS=100") && words.contains(&"TAG=done")
}

#[cfg(test)]
mod tests;
