//! Polling with a time limit: every wait of the harness goes through here so none can hang.

use std::thread;
use std::time::{Duration, Instant};

use crate::HarnessError;
use crate::process::ProcessGuard;

/// Calls `attempt` every `interval` until it returns `Ok(Some(_))`, returns an error, or
/// `limit` has passed (then `Ok(None)`, and the caller builds a timeout error with its context).
pub(crate) fn poll_until<T>(
    limit: Duration,
    interval: Duration,
    mut attempt: impl FnMut() -> Result<Option<T>, HarnessError>,
) -> Result<Option<T>, HarnessError> {
    let deadline = Instant::now() + limit;
    loop {
        if let Some(value) = attempt()? {
            return Ok(Some(value));
        }
        let now = Instant::now();
        if now >= deadline {
            return Ok(None);
        }
        thread::sleep(interval.min(deadline - now));
    }
}

/// Waits until `probe` succeeds against the server on `port` while `guard`'s process keeps
/// running: a try every 50 ms for at most `limit`. A timeout names `awaited` and the last
/// failure the probe saw; a process that exits is reported at once.
pub(crate) fn wait_for_probe(
    guard: &mut ProcessGuard,
    awaited: &str,
    port: u16,
    limit: Duration,
    mut probe: impl FnMut() -> std::io::Result<()>,
) -> Result<(), HarnessError> {
    let mut last_seen = String::from("no connection yet");
    let ready = poll_until(limit, Duration::from_millis(50), || {
        guard.ensure_running(awaited, Some(port))?;
        match probe() {
            Ok(()) => Ok(Some(())),
            Err(error) => {
                last_seen = error.to_string();
                Ok(None)
            }
        }
    })?;
    match ready {
        Some(()) => Ok(()),
        None => Err(guard.timeout_error(awaited, Some(port), limit, Some(last_seen))),
    }
}

#[cfg(test)]
mod tests;
