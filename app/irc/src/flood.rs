//! The send queue's pace: a token bucket, so a burst of lines goes out at once and a long
//! stream is slowed to what servers accept without disconnecting us for flooding (ircd's
//! classic rule: about one line per two seconds after a short burst).

use std::time::{Duration, Instant};

/// How fast lines may leave.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FloodPolicy {
    /// Lines that may be sent back to back.
    pub burst: u32,
    /// One more line is allowed per interval.
    pub interval: Duration,
}

impl Default for FloodPolicy {
    /// 5 lines at once, then one every 2 seconds (hybrid/ratbox/charybdis/OFTC all accept it).
    fn default() -> Self {
        FloodPolicy {
            burst: 5,
            interval: Duration::from_secs(2),
        }
    }
}

/// The bucket's state.
#[derive(Debug, Clone)]
pub struct TokenBucket {
    policy: FloodPolicy,
    tokens: f64,
    last: Instant,
}

impl TokenBucket {
    /// A full bucket.
    pub fn new(policy: FloodPolicy, now: Instant) -> TokenBucket {
        TokenBucket {
            policy,
            tokens: f64::from(policy.burst.max(1)),
            last: now,
        }
    }

    fn refill(&mut self, now: Instant) {
        let elapsed = now.saturating_duration_since(self.last);
        self.last = now;
        let interval = self.policy.interval.as_secs_f64();
        let gained = if interval > 0.0 {
            elapsed.as_secs_f64() / interval
        } else {
            f64::INFINITY
        };
        self.tokens = (self.tokens + gained).min(f64::from(self.policy.burst.max(1)));
    }

    /// Takes a token if one is there: the line may go now.
    pub fn try_take(&mut self, now: Instant) -> bool {
        self.refill(now);
        if self.tokens >= 1.0 {
            self.tokens -= 1.0;
            true
        } else {
            false
        }
    }

    /// How long until a token is there.
    pub fn wait(&mut self, now: Instant) -> Duration {
        self.refill(now);
        if self.tokens >= 1.0 {
            Duration::ZERO
        } else {
            self.policy.interval.mul_f64(1.0 - self.tokens)
        }
    }
}

#[cfg(test)]
mod tests;
