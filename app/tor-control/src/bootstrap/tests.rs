use super::*;

#[test]
fn notice() {
    let status = BootstrapStatus::parse("NOTICE BOOTSTRAP PROGRESS=100 TAG=done SUMMARY=\"Done\"")
        .unwrap()
        .unwrap();
    assert_eq!(status.severity, Severity::Notice);
    assert!(status.is_done());
    assert_eq!(status.tag, "done");
    assert_eq!(status.summary, "Done");
}

#[test]
fn warning_with_reason() {
    let status = BootstrapStatus::parse(
        "WARN BOOTSTRAP PROGRESS=5 TAG=conn SUMMARY=\"Connecting to a relay\" \
             WARNING=\"Connection refused\" REASON=CONNECTREFUSED COUNT=3 \
             RECOMMENDATION=ignore HOSTID=\"AAAA\" HOSTADDR=\"127.0.0.1:1\"",
    )
    .unwrap()
    .unwrap();
    assert_eq!(status.severity, Severity::Warn);
    assert!(status.is_problem());
    assert_eq!(status.progress, 5);
    assert_eq!(status.warning.as_deref(), Some("Connection refused"));
    assert_eq!(status.reason.as_deref(), Some("CONNECTREFUSED"));
    assert_eq!(status.recommendation.as_deref(), Some("ignore"));
    assert_eq!(status.count, Some(3));
    assert_eq!(status.host_id.as_deref(), Some("AAAA"));
    assert_eq!(status.host_address.as_deref(), Some("127.0.0.1:1"));
}

#[test]
fn progress_has_no_problem_fields() {
    let status = BootstrapStatus::parse("NOTICE BOOTSTRAP PROGRESS=5 TAG=conn SUMMARY=x")
        .unwrap()
        .unwrap();
    assert!(!status.is_problem());
    assert_eq!(status.count, None);
    assert_eq!(status.host_address, None);
}

#[test]
fn rejects_a_count_that_is_not_a_number() {
    assert!(BootstrapStatus::parse("WARN BOOTSTRAP PROGRESS=5 TAG=conn COUNT=many").is_err());
}

#[test]
fn other_status_is_none() {
    assert_eq!(
        BootstrapStatus::parse("NOTICE CIRCUIT_ESTABLISHED").unwrap(),
        None
    );
    assert_eq!(BootstrapStatus::parse("").unwrap(), None);
}

#[test]
fn rejects_bad_progress() {
    assert!(BootstrapStatus::parse("NOTICE BOOTSTRAP PROGRESS=101 TAG=x").is_err());
    assert!(BootstrapStatus::parse("NOTICE BOOTSTRAP PROGRESS=-1").is_err());
    assert!(BootstrapStatus::parse("NOTICE BOOTSTRAP TAG=x").is_err());
}

#[test]
fn rejects_unknown_severity() {
    assert!(BootstrapStatus::parse("LOUD BOOTSTRAP PROGRESS=1").is_err());
}
