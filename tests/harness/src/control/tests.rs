use super::*;

#[test]
fn recognises_done() {
    assert!(bootstrap_done(
        "NOTICE BOOTSTRAP PROGRESS=100 TAG=done SUMMARY=\"Done\""
    ));
    assert!(!bootstrap_done(
        "NOTICE BOOTSTRAP PROGRESS=10 TAG=conn_done SUMMARY=\"x\""
    ));
}
