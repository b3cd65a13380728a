use super::*;

#[test]
fn busy_port_is_named() {
    let holder = TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).unwrap();
    let port = holder.local_addr().unwrap().port();
    let err = ensure_port_free(port, PortRole::Control).unwrap_err();
    let text = err.to_string();
    assert!(text.contains(&port.to_string()), "{text}");
    assert!(text.contains("--control-port"), "{text}");
}

#[test]
fn free_port_passes() {
    let port = {
        let probe = TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).unwrap();
        probe.local_addr().unwrap().port()
    };
    ensure_port_free(port, PortRole::Socks).unwrap();
}

#[test]
fn known_owners() {
    assert_eq!(likely_user(9150), "Tor Browser");
    assert!(likely_user(9152).contains("Tor Messenger"));
}
