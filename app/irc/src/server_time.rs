//! IRCv3 `server-time`: the `time` tag (`2026-01-02T03:04:05.678Z`, UTC, milliseconds) says
//! when the server saw a message; messages are shown at that time rather than when they
//! arrived through tor's delay.
//!
//! A time that does not parse, is before 2000 or more than a day ahead of our clock is
//! ignored (the local arrival time is used): a server cannot push a message far into the
//! future of the conversation.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// The earliest time believed (2000-01-01T00:00:00Z).
const EARLIEST: u64 = 946_684_800;
/// How far ahead of our clock a server's time may be.
const AHEAD: Duration = Duration::from_secs(24 * 3600);

/// The time of a message: the server's `time` tag when it is believable, else `now`.
pub fn message_time(tag: Option<&str>, now: SystemTime) -> SystemTime {
    tag.and_then(parse)
        .filter(|time| *time >= UNIX_EPOCH + Duration::from_secs(EARLIEST) && *time <= now + AHEAD)
        .unwrap_or(now)
}

/// Parses `YYYY-MM-DDThh:mm:ss[.fraction]Z`.
pub fn parse(text: &str) -> Option<SystemTime> {
    let text = text.strip_suffix('Z')?;
    let (date, clock) = text.split_once('T')?;
    let mut date_parts = date.split('-');
    let year: i64 = date_parts.next()?.parse().ok()?;
    let month: u32 = date_parts.next()?.parse().ok()?;
    let day: u32 = date_parts.next()?.parse().ok()?;
    if date_parts.next().is_some() || !(1..=12).contains(&month) || !(1..=31).contains(&day) {
        return None;
    }
    let (whole, fraction) = match clock.split_once('.') {
        Some((whole, fraction)) => (whole, fraction),
        None => (clock, ""),
    };
    let mut clock_parts = whole.split(':');
    let hour: u64 = clock_parts.next()?.parse().ok()?;
    let minute: u64 = clock_parts.next()?.parse().ok()?;
    let second: u64 = clock_parts.next()?.parse().ok()?;
    if clock_parts.next().is_some() || hour > 23 || minute > 59 || second > 60 {
        return None;
    }
    if fraction.len() > 9 || !fraction.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let nanos: u32 = if fraction.is_empty() {
        0
    } else {
        format!("{fraction:0<9}").parse().ok()?
    };
    let days = u64::try_from(days_from_civil(year, month, day)).ok()?;
    let seconds = days * 86_400 + hour * 3600 + minute * 60 + second;
    Some(UNIX_EPOCH + Duration::new(seconds, nanos))
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let year_of_era = year - era * 400;
    let month = i64::from(month);
    let day_of_year =
        (153 * (if month > 2 { month - 3 } else { month + 9 }) + 2) / 5 + i64::from(day) - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

#[cfg(test)]
mod tests;
