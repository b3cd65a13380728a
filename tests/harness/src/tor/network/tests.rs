use super::*;
use crate::LogExcerpt;

fn exited_with(tail: &str) -> HarnessError {
    HarnessError::Exited {
        component: "tor auth0".to_owned(),
        port: Some(1),
        awaited: "a consensus".to_owned(),
        status: "exit code 1".to_owned(),
        log: Box::new(LogExcerpt {
            path: PathBuf::from("/tmp/tor.log"),
            tail: tail.to_owned(),
        }),
    }
}

#[test]
fn a_taken_port_is_told_apart_from_other_failures() {
    assert!(is_port_clash(&exited_with(
        "[warn] Could not bind to 127.0.0.1:5000: Address already in use. Is Tor already \
             running?"
    )));
    assert!(!is_port_clash(&exited_with(
        "[err] Failed to parse/validate config"
    )));
}
