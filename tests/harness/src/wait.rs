//! Polling with a time limit: every wait of the harness goes through here so none can hang.

use std::thread;
use std::time::{Duration, Instant};

use crate::HarnessError;

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

#[cfg(test)]
mod tests;
