//! A wrapper that keeps sensitive values out of logs and error strings, after arti's `safelog`.
//!
//! Message text, nicknames, JIDs, host names and addresses are wrapped in [`Sensitive`] wherever
//! they could reach a log line, an error's `Display` or a panic message. Formatting a wrapped
//! value prints `[scrubbed]` unless the process-wide switch [`set_unsafe_logging`] is on (for a
//! developer debugging on their own machine; nothing in the app turns it on by itself).

use std::fmt;
use std::sync::atomic::{AtomicBool, Ordering};

/// What a scrubbed value prints as.
pub const SCRUBBED: &str = "[scrubbed]";

static UNSAFE_LOGGING: AtomicBool = AtomicBool::new(false);

/// Turns on (or off) printing of sensitive values in logs and errors, for the whole process.
pub fn set_unsafe_logging(enabled: bool) {
    UNSAFE_LOGGING.store(enabled, Ordering::SeqCst);
}

/// Whether sensitive values are printed (false unless [`set_unsafe_logging`] turned it on).
pub fn unsafe_logging_enabled() -> bool {
    UNSAFE_LOGGING.load(Ordering::SeqCst)
}

/// A value that must not appear in logs: formats as `[scrubbed]` unless unsafe logging is on.
#[derive(Clone, Copy, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Sensitive<T>(T);

impl<T> Sensitive<T> {
    /// Wraps a value.
    pub fn new(value: T) -> Self {
        Sensitive(value)
    }

    /// The wrapped value, for the code that really needs it (never for formatting into logs).
    pub fn as_inner(&self) -> &T {
        &self.0
    }

    /// Unwraps the value.
    pub fn into_inner(self) -> T {
        self.0
    }
}

impl<T> From<T> for Sensitive<T> {
    fn from(value: T) -> Self {
        Sensitive(value)
    }
}

impl<T: fmt::Display> fmt::Display for Sensitive<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if unsafe_logging_enabled() {
            fmt::Display::fmt(&self.0, f)
        } else {
            f.write_str(SCRUBBED)
        }
    }
}

impl<T: fmt::Debug> fmt::Debug for Sensitive<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if unsafe_logging_enabled() {
            fmt::Debug::fmt(&self.0, f)
        } else {
            f.write_str(SCRUBBED)
        }
    }
}

#[cfg(test)]
mod tests;
