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
mod tests {
    use super::*;

    #[test]
    fn gives_up_after_the_limit() {
        let started = Instant::now();
        let result: Option<()> =
            poll_until(Duration::from_millis(50), Duration::from_millis(10), || {
                Ok(None)
            })
            .unwrap();
        assert!(result.is_none());
        assert!(started.elapsed() >= Duration::from_millis(50));
    }

    #[test]
    fn returns_the_first_value() {
        let mut calls = 0;
        let result = poll_until(Duration::from_secs(5), Duration::from_millis(1), || {
            calls += 1;
            Ok((calls == 3).then_some(calls))
        })
        .unwrap();
        assert_eq!(result, Some(3));
    }
}
