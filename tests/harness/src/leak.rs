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
mod tests {
    use super::*;

    const TOR: &str = "123 connect(7, {sa_family=AF_INET, sin_port=htons(9152), sin_addr=inet_addr(\"127.0.0.1\")}, 16) = 0";

    #[test]
    fn only_connections_to_tor_pass() {
        assert_eq!(check_trace(TOR, 9152), Ok(1));
        assert!(check_trace(TOR, 9150).is_err());
        let elsewhere = TOR.replace("127.0.0.1", "10.0.0.1");
        assert!(check_trace(&elsewhere, 9152).is_err());
        assert!(
            check_trace("", 9152).is_err(),
            "no connection at all is suspicious"
        );
    }

    #[test]
    fn dns_and_resolver_files_are_caught() {
        let dns =
            format!("{TOR}\n1 sendto(3, ..., {{sa_family=AF_INET, sin_port=htons(53)}}, 16) = 30");
        assert!(check_trace(&dns, 9152).unwrap_err().contains("DNS"));
        let hosts = format!("{TOR}\n1 openat(AT_FDCWD, \"/etc/hosts\", O_RDONLY) = 3");
        assert!(
            check_trace(&hosts, 9152)
                .unwrap_err()
                .contains("/etc/hosts")
        );
        let netlink = format!("{TOR}\n1 connect(3, {{sa_family=AF_NETLINK}}, 12) = 0");
        assert!(check_trace(&netlink, 9152).is_err());
    }

    #[test]
    fn finds_a_needle_in_nested_files_only_when_there() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("a")).unwrap();
        std::fs::write(dir.path().join("a/b.txt"), b"xx needle-123 yy").unwrap();
        assert_eq!(
            find_in_files(dir.path(), b"needle-123"),
            Some(dir.path().join("a/b.txt"))
        );
        assert_eq!(find_in_files(dir.path(), b"absent"), None);
    }
}
