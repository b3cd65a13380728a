//! Message times as local wall-clock "HH:MM", from a UTC offset the binary supplies
//! (the UI reads no time zone files itself).

use std::time::{SystemTime, UNIX_EPOCH};

/// `time` shifted by `utc_offset_seconds`, as "HH:MM".
pub(crate) fn hours_minutes(time: SystemTime, utc_offset_seconds: i64) -> String {
    let seconds = match time.duration_since(UNIX_EPOCH) {
        Ok(after) => i64::try_from(after.as_secs()).unwrap_or(i64::MAX),
        Err(before) => -i64::try_from(before.duration().as_secs()).unwrap_or(i64::MAX),
    };
    let local = seconds
        .saturating_add(utc_offset_seconds)
        .rem_euclid(86_400);
    format!("{:02}:{:02}", local / 3600, (local % 3600) / 60)
}

#[cfg(test)]
mod tests;
