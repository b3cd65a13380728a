//! When to reconnect after a connection was lost: exponential backoff with jitter, reset after
//! a successful login. Never used after a user's own disconnect or an authentication or TLS
//! refusal.

use std::time::Duration;

/// The backoff bounds of an account.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReconnectPolicy {
    /// The wait before the first reconnect.
    pub initial: Duration,
    /// The longest wait between attempts.
    pub max: Duration,
}

impl Default for ReconnectPolicy {
    /// 5 s, doubling up to 5 minutes: quick after a short tor hiccup, gentle on a server that
    /// is down.
    fn default() -> Self {
        ReconnectPolicy {
            initial: Duration::from_secs(5),
            max: Duration::from_secs(300),
        }
    }
}

/// The state of the backoff between attempts.
#[derive(Debug, Clone)]
pub struct Backoff {
    policy: ReconnectPolicy,
    attempts: u32,
}

impl Backoff {
    /// A backoff at its first step.
    pub fn new(policy: ReconnectPolicy) -> Backoff {
        Backoff {
            policy,
            attempts: 0,
        }
    }

    /// The wait before the next attempt (and counts the attempt): `initial * 2^n`, capped at
    /// `max`, minus up to a quarter of random jitter so accounts that dropped together (tor
    /// restarted) do not reconnect in lockstep.
    pub fn next_delay(&mut self) -> Duration {
        let factor = 2u32.saturating_pow(self.attempts.min(16));
        self.attempts = self.attempts.saturating_add(1);
        let base = self
            .policy
            .initial
            .saturating_mul(factor)
            .min(self.policy.max);
        let mut byte = [0u8; 1];
        // Without randomness the wait is simply not jittered.
        let jitter = if getrandom::fill(&mut byte).is_ok() {
            base / 4 * u32::from(byte[0]) / 255
        } else {
            Duration::ZERO
        };
        base.saturating_sub(jitter)
    }

    /// Back to the first step (after a successful login).
    pub fn reset(&mut self) {
        self.attempts = 0;
    }
}

#[cfg(test)]
mod tests;
