use super::*;

#[test]
fn a_free_port_can_be_bound() {
    let port = free_port().unwrap();
    assert_ne!(port, 0);
    TcpListener::bind((Ipv4Addr::LOCALHOST, port)).unwrap();
}

#[test]
fn free_ports_are_distinct() {
    let mut ports = free_ports(8).unwrap();
    ports.sort_unstable();
    ports.dedup();
    assert_eq!(ports.len(), 8);
}

#[test]
fn a_busy_port_is_named() {
    let holder = TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).unwrap();
    let port = holder.local_addr().unwrap().port();
    let error = ensure_port_free("test", port).unwrap_err();
    assert!(matches!(error, HarnessError::PortBusy { port: p, .. } if p == port));
}
