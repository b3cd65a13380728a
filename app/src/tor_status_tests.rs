//! The watcher against real tors of the private test network: a tor that stops is shown
//! unavailable, and a new tor on the same control port is followed from its bootstrap
//! progress to ready again.

use super::*;
use harness::{ProcessGuard, TorNetwork};
use std::net::Ipv4Addr;
use std::path::Path;
use std::sync::mpsc::{Receiver, channel};
use std::time::Instant;

/// How long any wait for a state may take.
const WAIT: Duration = Duration::from_secs(90);

/// A client tor of the test network with its control port on `control_port` and its cookie
/// at `cookie` (fixed, as the launcher's are across restarts), data in `data_dir`.
fn client_tor(
    network: &TorNetwork,
    data_dir: &Path,
    control_port: u16,
    cookie: &Path,
) -> ProcessGuard {
    use std::os::unix::fs::DirBuilderExt;
    std::fs::DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(data_dir)
        .unwrap();
    let socks_port = harness::free_port().unwrap();
    let torrc = format!(
        "DataDirectory {}\nLog notice stdout\nShutdownWaitLength 0\n\
         __OwningControllerProcess {}\n{}SocksPort 127.0.0.1:{socks_port}\n\
         ControlPort 127.0.0.1:{control_port}\nCookieAuthentication 1\nCookieAuthFile {}\n",
        data_dir.display(),
        std::process::id(),
        network.client_torrc(),
        cookie.display(),
    );
    let torrc_path = data_dir.join("torrc");
    std::fs::write(&torrc_path, torrc).unwrap();
    let defaults = data_dir.join("torrc-defaults");
    std::fs::write(&defaults, "").unwrap();
    let mut command = std::process::Command::new("tor");
    command
        .arg("--hush")
        .arg("--defaults-torrc")
        .arg(&defaults)
        .arg("-f")
        .arg(&torrc_path);
    ProcessGuard::spawn("tor client", command, data_dir.join("tor.log")).unwrap()
}

/// Waits for `wanted`; returns every state seen before it.
fn until(states: &Receiver<TorState>, wanted: &TorState, what: &str) -> Vec<TorState> {
    let deadline = Instant::now() + WAIT;
    let mut seen = Vec::new();
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        match states.recv_timeout(left) {
            Ok(state) if &state == wanted => return seen,
            Ok(state) => seen.push(state),
            Err(_) => panic!("timed out waiting for {what}; seen {seen:?}"),
        }
    }
}

#[test]
fn a_restarted_tor_shows_unavailable_then_its_bootstrap_then_ready() {
    let network = TorNetwork::shared().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let cookie = dir.path().join("control_auth_cookie");
    let control_port = harness::free_port().unwrap();
    let first = client_tor(network, &dir.path().join("first"), control_port, &cookie);

    let (updates, states) = channel();
    let control = ControlPort {
        address: SocketAddr::from((Ipv4Addr::LOCALHOST, control_port)),
        cookie: Some(cookie.clone()),
    };
    std::thread::spawn(move || {
        follow(&control, Duration::from_millis(100), |state| {
            updates.send(state).is_ok()
        })
    });
    until(&states, &TorState::Ready, "the first tor to be ready");

    // Tor stops (the launcher restarts it, or it dies): the closed connection says so.
    drop(first);
    let before = until(
        &states,
        &TorState::Unavailable,
        "tor to be shown unavailable",
    );
    assert!(
        before.is_empty(),
        "nothing between ready and gone: {before:?}"
    );
    // Nothing more while no tor runs.
    assert!(
        states.recv_timeout(Duration::from_millis(500)).is_err(),
        "reported once"
    );

    // A new tor (fresh data, so it bootstraps from the start) on the same control port.
    let _second = client_tor(network, &dir.path().join("second"), control_port, &cookie);
    let progress = until(&states, &TorState::Ready, "the new tor to be ready");
    assert!(
        !progress.is_empty()
            && progress
                .iter()
                .all(|s| matches!(s, TorState::Bootstrapping { progress } if *progress < 100)),
        "its progress is shown on the way: {progress:?}"
    );
    println!("the new tor, as shown: {progress:?} then Ready");
    let percentages: Vec<u8> = progress
        .iter()
        .filter_map(|s| match s {
            TorState::Bootstrapping { progress } => Some(*progress),
            _ => None,
        })
        .collect();
    assert!(
        percentages.windows(2).all(|w| w[0] < w[1]),
        "each change once, rising: {percentages:?}"
    );
}

#[test]
fn nobody_on_the_control_port_is_unavailable_and_a_remote_port_is_refused() {
    for address in [
        SocketAddr::from((Ipv4Addr::LOCALHOST, harness::free_port().unwrap())),
        SocketAddr::from((Ipv4Addr::new(192, 0, 2, 1), 9051)),
    ] {
        let control = ControlPort {
            address,
            cookie: None,
        };
        let mut seen = Vec::new();
        follow(&control, Duration::from_millis(10), |state| {
            seen.push(state);
            false
        });
        assert_eq!(seen, [TorState::Unavailable], "{address}");
    }
}

#[test]
fn progress_is_read_from_answers_and_events() {
    assert_eq!(
        bootstrap_progress(
            "250-status/bootstrap-phase=NOTICE BOOTSTRAP PROGRESS=100 TAG=done SUMMARY=\"Done\"\r\n"
        ),
        Some(100)
    );
    assert_eq!(
        bootstrap_progress(
            "650 STATUS_CLIENT NOTICE BOOTSTRAP PROGRESS=45 TAG=requesting_descriptors\r\n"
        ),
        Some(45)
    );
    assert_eq!(
        bootstrap_progress("650 STATUS_CLIENT NOTICE CIRCUIT_ESTABLISHED\r\n"),
        None
    );
    assert_eq!(bootstrap_progress("250 OK\r\n"), None);
    assert_eq!(
        bootstrap_progress("650 STATUS_CLIENT NOTICE BOOTSTRAP PROGRESS=900\r\n"),
        None
    );
}
