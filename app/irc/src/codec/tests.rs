use super::*;

fn decode_all(codec: &mut LineCodec, buf: &mut BytesMut) -> Vec<Incoming> {
    let mut out = Vec::new();
    while let Some(item) = codec.decode(buf).unwrap() {
        out.push(item);
    }
    out
}

#[test]
fn frames_crlf_and_lf_and_skips_empty_lines() {
    let mut codec = LineCodec::default();
    let mut buf = BytesMut::from(&b"PING :a\r\n\r\nPING :b\nPART"[..]);
    assert_eq!(
        decode_all(&mut codec, &mut buf),
        vec![
            Incoming::Line("PING :a".into()),
            Incoming::Line("PING :b".into())
        ]
    );
    buf.extend_from_slice(b" #x\r\n");
    assert_eq!(
        decode_all(&mut codec, &mut buf),
        vec![Incoming::Line("PART #x".into())]
    );
}

#[test]
fn overlong_line_is_skipped_in_bounded_memory() {
    let mut codec = LineCodec::default();
    let mut buf = BytesMut::new();
    let mut seen = Vec::new();
    for _ in 0..100 {
        buf.extend_from_slice(&[b'x'; 1024]);
        seen.extend(decode_all(&mut codec, &mut buf));
        assert!(buf.len() <= MAX_INCOMING_LINE + 1024);
    }
    buf.extend_from_slice(b"\r\nPING :ok\r\n");
    seen.extend(decode_all(&mut codec, &mut buf));
    assert_eq!(
        seen,
        vec![Incoming::Overlong, Incoming::Line("PING :ok".into())]
    );
}

#[test]
fn invalid_utf8_reads_as_latin1() {
    let mut codec = LineCodec::default();
    let mut buf = BytesMut::from(&b"PRIVMSG #a :caf\xe9 \xff\r\n"[..]);
    assert_eq!(
        decode_all(&mut codec, &mut buf),
        vec![Incoming::Line("PRIVMSG #a :café ÿ".into())]
    );
}

#[test]
fn encoder_removes_injected_line_breaks() {
    let mut codec = LineCodec::default();
    let mut buf = BytesMut::new();
    codec
        .encode("PRIVMSG #a :hi\r\nQUIT :x\0".to_owned(), &mut buf)
        .unwrap();
    assert_eq!(&buf[..], b"PRIVMSG #a :hiQUIT :x\r\n");
}
