use super::*;

fn query(name: &str, qtype: u16) -> Vec<u8> {
    let mut packet = vec![0x12, 0x34, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0];
    for label in name.split('.') {
        packet.push(u8::try_from(label.len()).unwrap());
        packet.extend_from_slice(label.as_bytes());
    }
    packet.push(0);
    packet.extend_from_slice(&qtype.to_be_bytes());
    packet.extend_from_slice(&CLASS_IN.to_be_bytes());
    packet
}

#[test]
fn an_a_query_gets_loopback() {
    let stub = DnsStub::start().unwrap();
    let client = UdpSocket::bind((Ipv4Addr::LOCALHOST, 0)).unwrap();
    client
        .set_read_timeout(Some(Duration::from_secs(5)))
        .unwrap();
    let request = query("irc.test", TYPE_A);
    client.send_to(&request, stub.addr()).unwrap();
    let mut buffer = [0u8; 512];
    let length = client.recv(&mut buffer).unwrap();
    let reply = &buffer[..length];
    assert_eq!(&reply[0..2], &[0x12, 0x34]);
    assert_eq!(u16::from_be_bytes([reply[6], reply[7]]), 1, "one answer");
    assert_eq!(&reply[length - 4..], &[127, 0, 0, 1]);
    assert_eq!(reply[3] & 0x0F, 0, "no error");
}

#[test]
fn an_aaaa_query_gets_no_answer() {
    let reply = answer(&query("xmpp.test", 28)).unwrap();
    assert_eq!(u16::from_be_bytes([reply[6], reply[7]]), 0);
    assert_eq!(reply[3] & 0x0F, 0, "no error, just no data");
}

#[test]
fn garbage_is_ignored() {
    assert!(answer(&[1, 2, 3]).is_none());
    let mut truncated = query("irc.test", TYPE_A);
    truncated.truncate(16);
    assert!(answer(&truncated).is_none());
}

#[test]
fn the_resolv_conf_names_the_port() {
    let stub = DnsStub::start().unwrap();
    assert_eq!(
        stub.resolv_conf(),
        format!("nameserver 127.0.0.1:{}\n", stub.addr().port())
    );
}
