//! CTCP (`\x01COMMAND args\x01` inside PRIVMSG/NOTICE), answered as Tor Messenger did: PING
//! ignored (it measures when we are online), TIME answered in UTC (never our time zone),
//! VERSION one fixed string shared by every user, DCC refused, everything else ignored.

use std::time::{SystemTime, UNIX_EPOCH};

/// The one VERSION answer, the same for every user on every platform (docs/ARCHITECTURE.md section 5:
/// the string the original Tor Messenger gave).
pub const CTCP_VERSION_REPLY: &str =
    "Mozilla/5.0 (Windows NT 6.1; rv:25.0) Gecko/20100101 Instantbird/1.5";

/// A CTCP request or reply found in a message body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ctcp<'a> {
    /// The command, upper case as sent (`ACTION`, `VERSION`...).
    pub command: &'a str,
    /// What follows the command (may be empty).
    pub args: &'a str,
}

/// Parses a CTCP body: it starts with `\x01`; the closing `\x01` is optional (some clients
/// omit it).
pub fn parse(body: &str) -> Option<Ctcp<'_>> {
    let inner = body.strip_prefix('\x01')?;
    let inner = inner.strip_suffix('\x01').unwrap_or(inner);
    let (command, args) = inner.split_once(' ').unwrap_or((inner, ""));
    Some(Ctcp { command, args })
}

/// What to do with a CTCP request that came in a PRIVMSG.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CtcpAction {
    /// A `/me` action: show it as a message.
    Action(String),
    /// Answer with this CTCP reply body (sent as a NOTICE).
    Reply(String),
    /// A DCC offer: refused, and the user is told.
    RefuseDcc,
    /// Ignore silently.
    Ignore,
}

/// Decides how to handle a CTCP request.
pub fn handle_request(ctcp: &Ctcp<'_>, now: SystemTime) -> CtcpAction {
    match ctcp.command.to_ascii_uppercase().as_str() {
        "ACTION" => CtcpAction::Action(ctcp.args.to_owned()),
        "VERSION" => CtcpAction::Reply(format!("\x01VERSION {CTCP_VERSION_REPLY}\x01")),
        "TIME" => CtcpAction::Reply(format!("\x01TIME {}\x01", utc_time(now))),
        "DCC" => CtcpAction::RefuseDcc,
        // PING, CLIENTINFO, USERINFO, FINGER, SOURCE and anything else would tell the asker
        // something about us: no answer.
        _ => CtcpAction::Ignore,
    }
}

/// `Thu, 26 Nov 2026 13:05:09 +0000`: RFC 2822 form, always UTC.
pub fn utc_time(now: SystemTime) -> String {
    let seconds = now
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    let days = i64::try_from(seconds / 86_400).unwrap_or(0);
    let second_of_day = seconds % 86_400;
    let (year, month, day) = civil_from_days(days);
    const WEEKDAYS: [&str; 7] = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"];
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let weekday = WEEKDAYS[usize::try_from(days.rem_euclid(7)).unwrap_or(0)];
    let month_name = MONTHS[usize::try_from(month - 1).unwrap_or(0).min(11)];
    format!(
        "{weekday}, {day:02} {month_name} {year} {:02}:{:02}:{:02} +0000",
        second_of_day / 3600,
        second_of_day / 60 % 60,
        second_of_day % 60
    )
}

/// Days since 1970-01-01 to (year, month 1-12, day 1-31), Howard Hinnant's algorithm.
fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

#[cfg(test)]
mod tests;
