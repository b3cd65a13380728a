use super::*;

fn parse_all(lines: &[&str]) -> Result<Vec<Reply>, ProtocolError> {
    let mut parser = ReplyParser::new();
    let mut replies = Vec::new();
    for line in lines {
        if let Some(reply) = parser.feed_line(line)? {
            replies.push(reply);
        }
    }
    Ok(replies)
}

#[test]
fn single_line_ok() {
    let replies = parse_all(&["250 OK"]).unwrap();
    assert_eq!(replies.len(), 1);
    assert!(replies[0].is_ok());
    assert_eq!(replies[0].message(), "OK");
}

#[test]
fn multi_line_reply_keeps_every_line() {
    let replies = parse_all(&[
        "250-PROTOCOLINFO 1",
        "250-AUTH METHODS=COOKIE,SAFECOOKIE COOKIEFILE=\"/x/control_auth_cookie\"",
        "250-VERSION Tor=\"0.4.9.11\"",
        "250 OK",
    ])
    .unwrap();
    assert_eq!(replies.len(), 1);
    assert_eq!(replies[0].lines.len(), 4);
    assert_eq!(replies[0].lines[1].text.split(' ').next(), Some("AUTH"));
}

#[test]
fn data_block_is_dot_unescaped() {
    let replies = parse_all(&[
        "250+config-text=",
        "SocksPort 9152",
        "..leading dot",
        ".",
        "250 OK",
    ])
    .unwrap();
    let data = replies[0].lines[0].data.as_deref().unwrap();
    assert_eq!(data, "SocksPort 9152\n.leading dot");
}

#[test]
fn async_event_is_recognised() {
    let replies = parse_all(&[
        "650 STATUS_CLIENT NOTICE BOOTSTRAP PROGRESS=5 TAG=conn SUMMARY=\"Connecting\"",
    ])
    .unwrap();
    assert!(replies[0].is_async_event());
    assert!(!replies[0].is_ok());
}

#[test]
fn error_status_is_not_ok() {
    let replies =
        parse_all(&["515 Authentication failed: Wrong length on authentication cookie."]).unwrap();
    assert!(!replies[0].is_ok());
    assert_eq!(replies[0].status, 515);
}

#[test]
fn two_replies_in_a_row() {
    let replies = parse_all(&["250 OK", "650 WARN something", "250 OK"]).unwrap();
    assert_eq!(replies.len(), 3);
}

#[test]
fn rejects_missing_separator() {
    assert!(matches!(
        parse_all(&["250"]),
        Err(ProtocolError::MalformedLine { .. })
    ));
}

#[test]
fn rejects_non_digit_status() {
    assert!(matches!(
        parse_all(&["2x0 OK"]),
        Err(ProtocolError::MalformedLine { .. })
    ));
}

#[test]
fn rejects_unknown_separator() {
    assert!(matches!(
        parse_all(&["250*OK"]),
        Err(ProtocolError::MalformedLine { .. })
    ));
}

#[test]
fn rejects_empty_and_garbage_lines() {
    assert!(parse_all(&[""]).is_err());
    assert!(parse_all(&["HTTP/1.0 200 OK"]).is_err());
    assert!(parse_all(&["099 too small"]).is_err());
    assert!(parse_all(&["é50 x"]).is_err());
}

#[test]
fn rejects_mixed_status_in_one_reply() {
    assert!(matches!(
        parse_all(&["250-a", "550 b"]),
        Err(ProtocolError::MixedStatus {
            first: 250,
            then: 550
        })
    ));
}

#[test]
fn rejects_overlong_line() {
    let long = format!("250 {}", "x".repeat(MAX_LINE_LEN));
    assert!(matches!(
        parse_all(&[&long]),
        Err(ProtocolError::LineTooLong { .. })
    ));
}

#[test]
fn rejects_endless_data_block() {
    let mut parser = ReplyParser::new();
    parser.feed_line("250+x=").unwrap();
    let chunk = "y".repeat(MAX_LINE_LEN);
    let mut result = Ok(None);
    for _ in 0..(MAX_REPLY_LEN / MAX_LINE_LEN + 2) {
        result = parser.feed_line(&chunk);
        if result.is_err() {
            break;
        }
    }
    assert!(matches!(result, Err(ProtocolError::ReplyTooLarge { .. })));
}

#[test]
fn error_message_shortens_the_bad_line() {
    let garbage = "z".repeat(1000);
    let err = parse_all(&[&garbage]).unwrap_err().to_string();
    assert!(err.len() < 300, "{err}");
}

#[test]
fn idle_only_between_replies() {
    let mut parser = ReplyParser::new();
    assert!(parser.is_idle());
    parser.feed_line("250-a").unwrap();
    assert!(!parser.is_idle());
    parser.feed_line("250 OK").unwrap();
    assert!(parser.is_idle());
}
