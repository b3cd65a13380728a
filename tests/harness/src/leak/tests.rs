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
