//! Leak checks shared by the protocol tests: what an `strace` of a session may show, and
//! whether a secret string ended up in any file.

use std::path::{Path, PathBuf};

/// The `strace -e` filter the leak tests trace: every way to open a connection or send a
/// datagram, and every file opened (resolver files give local DNS away).
pub const STRACE_FILTER: &str = "trace=connect,sendto,sendmsg,sendmmsg,openat,open";

/// Files whose opening means a local name lookup.
const RESOLVER_FILES: [&str; 4] = [
    "/etc/resolv.conf",
    "/etc/hosts",
    "/etc/nsswitch.conf",
    "/etc/gai.conf",
];

/// Checks an `strace -f -e STRACE_FILTER` log: every `connect()` goes to tor's SOCKS port on
/// 127.0.0.1, nothing goes to port 53, no netlink socket (getaddrinfo's first step), no
/// resolver file is opened. Returns how many connections went to tor, or the offending line.
pub fn check_trace(trace: &str, socks_port: u16) -> Result<usize, String> {
    let mut socks_connects = 0;
    let to_tor = format!("sin_port=htons({socks_port})");
    for line in trace.lines() {
        if line.contains("connect(") {
            if !(line.contains(&to_tor) && line.contains("inet_addr(\"127.0.0.1\")")) {
                return Err(format!("a connection not to tor's SOCKS port: {line}"));
            }
            socks_connects += 1;
        }
        if line.contains("htons(53)") {
            return Err(format!("a DNS packet: {line}"));
        }
        if line.contains("AF_NETLINK") {
            return Err(format!("a netlink socket (resolver): {line}"));
        }
        if let Some(file) = RESOLVER_FILES.iter().find(|file| line.contains(*file)) {
            return Err(format!("a resolver file ({file}) was opened: {line}"));
        }
    }
    if socks_connects == 0 {
        return Err("the trace saw no connection at all".to_owned());
    }
    Ok(socks_connects)
}

/// Checks an `strace -f -e STRACE_FILTER` log of a client that must reach the Tor network
/// only through a bridge on loopback (tor, its transport programs, the app): every address
/// any process connects or sends to is 127.0.0.1 (or ::1), none of `forbidden_ports` (the
/// network's relays, reached directly) is connected to, nothing goes to port 53, and
/// `bridge_port` is connected to at least once. Netlink messages are allowed here: tor asks
/// the kernel for its interface addresses that way, and they never leave the computer (the
/// app's own trace, [`check_trace`], refuses them as the first step of a name lookup).
/// Returns the loopback ports connected to, sorted, or the offending line.
pub fn check_bridge_only_trace(
    trace: &str,
    forbidden_ports: &[u16],
    bridge_port: u16,
) -> Result<Vec<u16>, String> {
    let mut ports = Vec::new();
    for line in trace.lines() {
        if line.contains("htons(53)") {
            return Err(format!("a DNS packet: {line}"));
        }
        if let Some(address) = quoted_after(line, "inet_addr(\"")
            && address != "127.0.0.1"
        {
            return Err(format!("an address outside loopback: {line}"));
        }
        if line.contains("AF_INET6") && !line.contains("\"::1\"") {
            return Err(format!("an IPv6 address outside loopback: {line}"));
        }
        if !line.contains("connect(") {
            continue;
        }
        let Some(port) = port_in(line) else {
            continue; // AF_UNIX: on this computer.
        };
        if forbidden_ports.contains(&port) {
            return Err(format!(
                "a direct connection to the network's relay port {port}, not through the bridge: {line}"
            ));
        }
        ports.push(port);
    }
    if !ports.contains(&bridge_port) {
        return Err(format!(
            "no connection to the bridge's port {bridge_port} (ports connected: {ports:?})"
        ));
    }
    ports.sort_unstable();
    ports.dedup();
    Ok(ports)
}

/// The text between `prefix` and the next `"` in `line`.
fn quoted_after<'a>(line: &'a str, prefix: &str) -> Option<&'a str> {
    let start = line.find(prefix)? + prefix.len();
    let rest = &line[start..];
    rest.find('"').map(|end| &rest[..end])
}

/// The port of a `sin_port=htons(N)` or `sin6_port=htons(N)` in `line`.
fn port_in(line: &str) -> Option<u16> {
    let start = line.find("_port=htons(")? + "_port=htons(".len();
    let rest = &line[start..];
    rest[..rest.find(')')?].parse().ok()
}

/// The first file under `dir` (not following links, files up to 64 MiB) containing `needle`.
pub fn find_in_files(dir: &Path, needle: &[u8]) -> Option<PathBuf> {
    let entries = std::fs::read_dir(dir).ok()?;
    for entry in entries.flatten() {
        let Ok(kind) = entry.file_type() else {
            continue;
        };
        let path = entry.path();
        if kind.is_dir() {
            if let Some(hit) = find_in_files(&path, needle) {
                return Some(hit);
            }
        } else if kind.is_file() {
            let small = entry.metadata().is_ok_and(|m| m.len() <= 64 * 1024 * 1024);
            if small
                && let Ok(bytes) = std::fs::read(&path)
                && bytes.windows(needle.len()).any(|w| w == needle)
            {
                return Some(path);
            }
        }
    }
    None
}

#[cfg(test)]
mod tests;
