//! Readiness of the network: every authority's DirPort serves a consensus that lists every
//! relay with the flags clients need.

use std::collections::HashMap;
use std::io::{Read, Write};
use std::net::{Ipv4Addr, SocketAddr, TcpStream};
use std::time::Duration;

/// The flags every relay must carry before clients start.
pub(crate) const REQUIRED_FLAGS: [&str; 5] = ["Exit", "Fast", "Running", "Stable", "Valid"];
/// The flags asked only of directory caches (the authorities): tor gives Guard and HSDir only
/// to relays that serve directory data, and the other relays run `DirCache 0`.
pub(crate) const DIR_CACHE_FLAGS: [&str; 2] = ["Guard", "HSDir"];

const IO_LIMIT: Duration = Duration::from_secs(5);

/// Relay nickname → its flags, from the unflavoured consensus.
pub(crate) type Flags = HashMap<String, Vec<String>>;

/// Fetches the current consensus from a DirPort; `Err` with a short reason when there is none
/// yet (404 before the first vote) or the port does not answer.
pub(crate) fn fetch_flags(dir_port: u16) -> Result<Flags, String> {
    let addr = SocketAddr::from((Ipv4Addr::LOCALHOST, dir_port));
    let mut stream =
        TcpStream::connect_timeout(&addr, IO_LIMIT).map_err(|e| format!("connect: {e}"))?;
    stream
        .set_read_timeout(Some(IO_LIMIT))
        .and_then(|()| stream.set_write_timeout(Some(IO_LIMIT)))
        .map_err(|e| format!("socket: {e}"))?;
    stream
        .write_all(b"GET /tor/status-vote/current/consensus HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n")
        .map_err(|e| format!("request: {e}"))?;
    let mut response = Vec::new();
    stream
        .read_to_end(&mut response)
        .map_err(|e| format!("response: {e}"))?;
    let text = String::from_utf8_lossy(&response);
    let (head, body) = text
        .split_once("\r\n\r\n")
        .ok_or_else(|| "a response without headers".to_owned())?;
    let status = head.lines().next().unwrap_or_default();
    if !status.contains(" 200 ") {
        return Err(format!("no consensus yet ({})", status.trim()));
    }
    Ok(parse_flags(body))
}

/// Reads `r NICKNAME ...` / `s FLAG FLAG ...` pairs.
pub(crate) fn parse_flags(consensus: &str) -> Flags {
    let mut flags = Flags::new();
    let mut current: Option<String> = None;
    for line in consensus.lines() {
        if let Some(rest) = line.strip_prefix("r ") {
            current = rest.split_whitespace().next().map(str::to_owned);
        } else if let Some(rest) = line.strip_prefix("s ")
            && let Some(nickname) = current.take()
        {
            flags.insert(
                nickname,
                rest.split_whitespace().map(str::to_owned).collect(),
            );
        }
    }
    flags
}

/// What is still missing for one relay, or `None` when it has every flag asked of it.
pub(crate) fn missing_flags(flags: &Flags, nickname: &str, is_dir_cache: bool) -> Option<String> {
    let Some(have) = flags.get(nickname) else {
        return Some(format!("{nickname} not listed"));
    };
    let mut wanted: Vec<&str> = REQUIRED_FLAGS.to_vec();
    if is_dir_cache {
        wanted.extend(DIR_CACHE_FLAGS);
    }
    let missing: Vec<&str> = wanted
        .into_iter()
        .filter(|flag| !have.iter().any(|has| has == flag))
        .collect();
    (!missing.is_empty()).then(|| format!("{nickname} lacks {}", missing.join(",")))
}

#[cfg(test)]
mod tests;
