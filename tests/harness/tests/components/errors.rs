//! Bad set-up gives a clear error quickly, never a hang.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use harness::{HarnessError, TorNetwork, TorNetworkOptions, TorPrograms};

#[test]
fn a_missing_tor_names_the_debian_package() {
    let started = Instant::now();
    let error = TorNetwork::start_with(TorNetworkOptions {
        programs: TorPrograms {
            tor: PathBuf::from("/nonexistent/tor"),
            ..TorPrograms::default()
        },
        ..TorNetworkOptions::default()
    })
    .unwrap_err();
    assert!(started.elapsed() < Duration::from_secs(5));
    assert!(
        matches!(error, HarnessError::MissingProgram { .. }),
        "{error}"
    );
    assert!(error.to_string().contains("apt-get install tor"), "{error}");
}
