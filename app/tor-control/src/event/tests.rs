use super::*;
use crate::reply::ReplyParser;

fn event(lines: &[&str]) -> Event {
    let mut parser = ReplyParser::new();
    for line in lines {
        if let Some(reply) = parser.feed_line(line).unwrap() {
            return Event::from_reply(&reply).unwrap();
        }
    }
    panic!("no complete reply");
}

#[test]
fn bootstrap_event() {
    let parsed = event(&[
        "650 STATUS_CLIENT NOTICE BOOTSTRAP PROGRESS=50 TAG=loading_descriptors SUMMARY=\"Loading relay descriptors\"",
    ]);
    let Event::Bootstrap(status) = parsed else {
        panic!("not bootstrap: {parsed:?}")
    };
    assert_eq!(status.progress, 50);
}

#[test]
fn log_event_single_and_data() {
    assert_eq!(
        event(&["650 WARN Bad thing"]),
        Event::Log {
            severity: "WARN".into(),
            message: "Bad thing".into()
        }
    );
    assert_eq!(
        event(&["650+NOTICE", "long", "text", ".", "650 OK"]),
        Event::Log {
            severity: "NOTICE".into(),
            message: "long\ntext".into()
        }
    );
}

#[test]
fn other_status_client_event() {
    assert!(matches!(
        event(&["650 STATUS_CLIENT NOTICE CIRCUIT_ESTABLISHED"]),
        Event::Other(_)
    ));
}

#[test]
fn bootstrap_warning_event() {
    let parsed = event(&[
        "650 STATUS_CLIENT WARN BOOTSTRAP PROGRESS=1 TAG=conn_pt SUMMARY=\"Connecting to pluggable transport\" \
             WARNING=\"Connection refused\" REASON=CONNECTREFUSED COUNT=2 RECOMMENDATION=ignore \
             HOSTID=\"0123456789ABCDEF0123456789ABCDEF01234567\" HOSTADDR=\"127.0.0.1:9\"",
    ]);
    let Event::Bootstrap(status) = parsed else {
        panic!("not bootstrap: {parsed:?}")
    };
    assert!(status.is_problem());
    assert_eq!(status.reason.as_deref(), Some("CONNECTREFUSED"));
    assert_eq!(status.count, Some(2));
    assert_eq!(status.host_address.as_deref(), Some("127.0.0.1:9"));
}

#[test]
fn hs_desc_events() {
    let id = "a".repeat(56);
    let parsed = event(&[&format!(
        "650 HS_DESC UPLOADED {id} UNKNOWN $0123456789ABCDEF0123456789ABCDEF01234567~relay"
    )]);
    assert_eq!(
        parsed,
        Event::HsDesc(HsDesc {
            action: HsDescAction::Uploaded,
            address: id.clone(),
            auth_type: "UNKNOWN".into(),
            hs_dir: "$0123456789ABCDEF0123456789ABCDEF01234567~relay".into(),
            descriptor_id: None,
            reason: None,
        })
    );
    let failed = event(&[&format!(
        "650 HS_DESC FAILED {id} NO_AUTH $AB~x DESCID REASON=UPLOAD_REJECTED"
    )]);
    let Event::HsDesc(failed) = failed else {
        panic!("{failed:?}")
    };
    assert_eq!(failed.action, HsDescAction::Failed);
    assert_eq!(failed.descriptor_id.as_deref(), Some("DESCID"));
    assert_eq!(failed.reason.as_deref(), Some("UPLOAD_REJECTED"));
    let mut parser = ReplyParser::new();
    let short = parser.feed_line("650 HS_DESC UPLOADED").unwrap().unwrap();
    assert!(Event::from_reply(&short).is_err());
}

#[test]
fn transport_launched_event() {
    assert_eq!(
        event(&["650 TRANSPORT_LAUNCHED client obfs4 127.0.0.1 41795"]),
        Event::TransportLaunched(TransportLaunched {
            mode: "client".into(),
            name: "obfs4".into(),
            address: "127.0.0.1".into(),
            port: 41795,
        })
    );
    let mut parser = ReplyParser::new();
    let bad = parser
        .feed_line("650 TRANSPORT_LAUNCHED client obfs4 127.0.0.1 many")
        .unwrap()
        .unwrap();
    assert!(Event::from_reply(&bad).is_err());
}

#[test]
fn pt_log_and_status_events() {
    assert_eq!(
        event(&[
            "650 PT_LOG PT=/usr/bin/obfs4proxy SEVERITY=notice MESSAGE=\"Connected to bridge A\""
        ]),
        Event::PtLog(PtLog {
            program: "/usr/bin/obfs4proxy".into(),
            severity: "notice".into(),
            message: "Connected to bridge A".into(),
        })
    );
    assert_eq!(
        event(&[
            "650 PT_STATUS PT=snowflake-client TRANSPORT=snowflake CONNECT=Failed ERROR=\"no broker\""
        ]),
        Event::PtStatus(PtStatus {
            program: "snowflake-client".into(),
            transport: "snowflake".into(),
            values: vec![
                ("CONNECT".into(), "Failed".into()),
                ("ERROR".into(), "no broker".into())
            ],
        })
    );
    let mut parser = ReplyParser::new();
    let bad = parser
        .feed_line("650 PT_LOG SEVERITY=notice")
        .unwrap()
        .unwrap();
    assert!(Event::from_reply(&bad).is_err());
}

#[test]
fn bad_bootstrap_event_is_an_error() {
    let mut parser = ReplyParser::new();
    let reply = parser
        .feed_line("650 STATUS_CLIENT NOTICE BOOTSTRAP PROGRESS=lots")
        .unwrap()
        .unwrap();
    assert!(Event::from_reply(&reply).is_err());
}
