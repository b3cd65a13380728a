use super::*;

#[tokio::test]
async fn splits_crlf_and_lf() {
    let mut input: &[u8] = b"250 OK\r\n650 X\nlast";
    assert_eq!(read_line(&mut input).await.unwrap().unwrap(), "250 OK");
    assert_eq!(read_line(&mut input).await.unwrap().unwrap(), "650 X");
    assert!(matches!(
        read_line(&mut input).await,
        Err(ControlError::Closed)
    ));
}

#[tokio::test]
async fn clean_end() {
    let mut input: &[u8] = b"";
    assert!(read_line(&mut input).await.unwrap().is_none());
}

#[tokio::test]
async fn limits_length() {
    let long = vec![b'x'; MAX_LINE_LEN + 10];
    let mut input: &[u8] = &long;
    assert!(matches!(
        read_line(&mut input).await,
        Err(ControlError::Protocol(ProtocolError::LineTooLong { .. }))
    ));
}

#[tokio::test]
async fn invalid_utf8_is_kept_lossy() {
    let mut input: &[u8] = b"650 NOTICE \xff\r\n";
    assert_eq!(
        read_line(&mut input).await.unwrap().unwrap(),
        "650 NOTICE \u{fffd}"
    );
}
