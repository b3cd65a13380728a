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

fn connect(port: u16) -> String {
    TOR.replace("htons(9152)", &format!("htons({port})"))
}

#[test]
fn bridge_only_trace_allows_loopback_and_needs_the_bridge() {
    let trace = [
        connect(9152),
        connect(41000),
        connect(5555),
        "1 connect(4, {sa_family=AF_UNIX, sun_path=\"/x\"}, 110) = -1".to_owned(),
    ]
    .join("\n");
    assert_eq!(
        check_bridge_only_trace(&trace, &[7000, 7001], 5555),
        Ok(vec![5555, 9152, 41000])
    );
    assert!(
        check_bridge_only_trace(&trace, &[7000], 6666)
            .unwrap_err()
            .contains("no connection to the bridge")
    );
}

#[test]
fn bridge_only_trace_refuses_relays_outside_addresses_and_dns() {
    let direct = [connect(5555), connect(7000)].join("\n");
    assert!(
        check_bridge_only_trace(&direct, &[7000], 5555)
            .unwrap_err()
            .contains("relay port 7000")
    );
    let outside = connect(5555).replace("127.0.0.1", "192.0.2.1");
    assert!(check_bridge_only_trace(&outside, &[], 5555).is_err());
    let v6 = format!(
        "{}\n1 connect(3, {{sa_family=AF_INET6, sin6_port=htons(443), inet_pton(AF_INET6, \"2001:db8::1\", &sin6_addr)}}, 28) = 0",
        connect(5555)
    );
    assert!(check_bridge_only_trace(&v6, &[], 5555).is_err());
    let dns = format!(
        "{}\n1 sendto(3, ..., {{sa_family=AF_INET, sin_port=htons(53), sin_addr=inet_addr(\"127.0.0.1\")}}, 16) = 30",
        connect(5555)
    );
    assert!(
        check_bridge_only_trace(&dns, &[], 5555)
            .unwrap_err()
            .contains("DNS")
    );
}
