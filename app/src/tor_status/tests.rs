//! The watcher against real tors of the private test network: a tor that stops is shown
//! unavailable, and a new tor on the same control port is followed from its bootstrap
//! progress to ready again.

use super::*;
use harness::{ProcessGuard, TorNetwork};
use messenger_tor_control::ReplyParser;
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
    client_tor_with(network, data_dir, control_port, cookie, "")
}

/// `client_tor` with `extra` lines in its torrc.
fn client_tor_with(
    network: &TorNetwork,
    data_dir: &Path,
    control_port: u16,
    cookie: &Path,
    extra: &str,
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
         ControlPort 127.0.0.1:{control_port}\nCookieAuthentication 1\nCookieAuthFile {}\n{extra}",
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

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
}

/// Runs the watcher on a thread of its own, sending the states (not the warnings) it
/// reports to `updates`.
fn follow_states(control: ControlPort, updates: std::sync::mpsc::Sender<TorState>) {
    std::thread::spawn(move || {
        runtime().block_on(follow(
            &control,
            Duration::from_millis(100),
            |report| match report {
                TorReport::State(state) => updates.send(state).is_ok(),
                TorReport::Warning(_) | TorReport::Connection(_) => true,
            },
        ))
    });
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
    follow_states(control, updates);
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
        runtime().block_on(follow(&control, Duration::from_millis(10), |report| {
            seen.push(report);
            false
        }));
        assert_eq!(seen, [TorReport::State(TorState::Unavailable)], "{address}");
    }
}

/// The percentage the watcher takes from a line of tor's (the GETINFO answer or a
/// `STATUS_CLIENT` event), read with the control crate's parsers as the watcher reads it.
fn bootstrap_progress(line: &str) -> Option<u8> {
    let mut parser = ReplyParser::new();
    let reply = match parser.feed_line(line.trim_end()).ok()? {
        Some(reply) => reply,
        None => parser.feed_line("250 OK").ok()??,
    };
    let status = if reply.is_async_event() {
        match Event::from_reply(&reply).ok()? {
            Event::Bootstrap(status) => status,
            _ => return None,
        }
    } else {
        let value = reply
            .lines
            .iter()
            .find_map(|line| line.text.strip_prefix("status/bootstrap-phase="))?;
        BootstrapStatus::parse(value).ok()??
    };
    Some(status.progress)
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

#[test]
fn a_tor_that_cannot_reach_its_bridge_is_reported_with_tors_warning() {
    let network = TorNetwork::shared().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let cookie = dir.path().join("control_auth_cookie");
    let control_port = harness::free_port().unwrap();
    // Nothing listens on the bridge's port: tor retries and warns.
    let bridge_port = harness::free_port().unwrap();
    let _tor = client_tor_with(
        network,
        &dir.path().join("tor"),
        control_port,
        &cookie,
        &format!("UseBridges 1\nBridge 127.0.0.1:{bridge_port}\n"),
    );
    let control = ControlPort {
        address: SocketAddr::from((Ipv4Addr::LOCALHOST, control_port)),
        cookie: Some(cookie),
    };
    let (updates, reports) = channel();
    std::thread::spawn(move || {
        runtime().block_on(follow(&control, Duration::from_millis(100), |report| {
            updates.send(report).is_ok()
        }))
    });
    let deadline = Instant::now() + WAIT;
    let mut seen = Vec::new();
    let warning = loop {
        let left = deadline.saturating_duration_since(Instant::now());
        match reports.recv_timeout(left) {
            Ok(TorReport::Warning(warning)) => break warning,
            Ok(other) => seen.push(other),
            Err(_) => panic!("no warning; seen {seen:?}"),
        }
    };
    println!("reported: {warning:?}");
    assert!(
        !warning.warning.is_empty() && !warning.reason.is_empty(),
        "{warning:?}"
    );
    assert!(warning.count >= 1);
    assert_eq!(
        warning.host_address.as_deref(),
        Some(format!("127.0.0.1:{bridge_port}").as_str())
    );
    // Unavailable until tor listens, then its progress.
    assert!(
        seen.iter().all(|report| matches!(
            report,
            TorReport::State(TorState::Bootstrapping { .. } | TorState::Unavailable)
        )),
        "only states before: {seen:?}"
    );
    // Tor repeats the problem with a higher count: not reported again.
    let again = reports.recv_timeout(Duration::from_secs(3));
    assert!(
        !matches!(&again, Ok(TorReport::Warning(next)) if TorWarning { count: warning.count, ..next.clone() } == warning),
        "a repetition is not news: {again:?}"
    );
}

#[test]
fn a_control_port_without_safecookie_is_unavailable() {
    // A tor that lets anyone in without a cookie: the watcher does not talk to it.
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    {
        use std::os::unix::fs::DirBuilderExt;
        std::fs::DirBuilder::new()
            .mode(0o700)
            .create(&data)
            .unwrap();
    }
    let control_port = harness::free_port().unwrap();
    let mut command = std::process::Command::new("tor");
    command.args([
        "--hush",
        "DataDirectory",
        data.to_str().unwrap(),
        "DisableNetwork",
        "1",
        "SocksPort",
        "0",
        "ControlPort",
        &format!("127.0.0.1:{control_port}"),
        "__OwningControllerProcess",
        &std::process::id().to_string(),
    ]);
    let _tor =
        ProcessGuard::spawn("tor without cookie", command, dir.path().join("tor.log")).unwrap();
    let address = SocketAddr::from((Ipv4Addr::LOCALHOST, control_port));
    // Tor listens within a few seconds; until then the refusal would prove nothing.
    let deadline = Instant::now() + WAIT;
    while std::net::TcpStream::connect(address).is_err() {
        assert!(
            Instant::now() < deadline,
            "tor did not open its control port"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    let control = ControlPort {
        address,
        cookie: None,
    };
    let mut seen = Vec::new();
    runtime().block_on(follow(&control, Duration::from_millis(10), |report| {
        seen.push(report);
        false
    }));
    assert_eq!(seen, [TorReport::State(TorState::Unavailable)]);
}

#[test]
fn repeated_warnings_and_states_are_reported_once() {
    let mut reporter = Reporter::default();
    let mut reported = Vec::new();
    let mut report = |news: TorReport| {
        reported.push(news);
        true
    };
    let warning = TorWarning {
        progress: 5,
        summary: "Connecting".into(),
        warning: "Connection refused".into(),
        reason: "CONNECTREFUSED".into(),
        recommendation: "ignore".into(),
        count: 1,
        host_address: None,
    };
    let state = TorState::Bootstrapping { progress: 5 };
    for count in 1..4 {
        reporter.publish(TorReport::State(state.clone()), &mut report);
        reporter.publish(
            TorReport::Warning(TorWarning {
                count,
                ..warning.clone()
            }),
            &mut report,
        );
    }
    let other = TorWarning {
        reason: "TIMEOUT".into(),
        ..warning.clone()
    };
    reporter.publish(TorReport::Warning(other.clone()), &mut report);
    assert_eq!(
        reported,
        [
            TorReport::State(state),
            TorReport::Warning(warning),
            TorReport::Warning(other)
        ]
    );
}

/// A tor like the launcher's in a censored place: the private network's authorities on
/// closed ports, the bundle's transports (unpacked from the pinned packages) in its plugin
/// lines, its control port and cookie at fixed places.
fn blocked_tor(
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
    let defaults = format!(
        "DataDirectory {}\nLog notice stdout\nShutdownWaitLength 0\n\
         __OwningControllerProcess {}\n{}SocksPort 127.0.0.1:{}\n\
         ControlPort 127.0.0.1:{control_port}\nCookieAuthentication 1\nCookieAuthFile {}\n\
         ClientTransportPlugin obfs4 exec {}\nClientTransportPlugin snowflake exec {}\n",
        data_dir.display(),
        std::process::id(),
        network.blocked_client_torrc().unwrap(),
        harness::free_port().unwrap(),
        cookie.display(),
        harness::pinned_transports::obfs4proxy().unwrap().display(),
        harness::pinned_transports::snowflake_client()
            .unwrap()
            .display(),
    );
    let defaults_path = data_dir.join("torrc-defaults");
    std::fs::write(&defaults_path, defaults).unwrap();
    // As the launcher does: tor 0.4.9 answers SAVECONF with 250 but writes nothing when its
    // `-f` file did not exist at start.
    std::fs::write(data_dir.join("torrc"), "").unwrap();
    let mut command = std::process::Command::new("tor");
    command
        .arg("--hush")
        .arg("--defaults-torrc")
        .arg(&defaults_path)
        .arg("-f")
        .arg(data_dir.join("torrc"))
        .arg("--allow-missing-torrc");
    ProcessGuard::spawn("blocked tor", command, data_dir.join("tor.log")).unwrap()
}

/// Waits for a report matching `wanted`; returns it (with the last connection seen).
fn wait_report(
    reports: &Receiver<TorReport>,
    what: &str,
    wanted: impl Fn(&TorReport) -> bool,
) -> TorReport {
    let deadline = Instant::now() + WAIT;
    let mut seen = Vec::new();
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        match reports.recv_timeout(left) {
            Ok(report) if wanted(&report) => return report,
            Ok(report) => seen.push(format!("{report:?}")),
            Err(_) => panic!(
                "timed out waiting for {what}; last reports:\n{}",
                seen[seen.len().saturating_sub(8)..].join("\n")
            ),
        }
    }
}

fn connection_of(report: TorReport) -> messenger_ui::TorConnection {
    match report {
        TorReport::Connection(connection) => connection,
        other => panic!("not a connection report: {other:?}"),
    }
}

/// The whole way out of a censored network, for real: a blocked tor stalls and the watcher
/// says why; the person picks the built-in snowflake bridges (here pointing at a broker on a
/// closed loopback port: no broker is reachable offline), tor launches the bundle's
/// snowflake-client, the stall comes back as "snowflake cannot reach its broker"; the real
/// connection screen (kittest) then offers the other ways, the person clicks "built-in obfs4"
/// (here the loopback obfs4 bridge in front of a relay of the network) and tor reaches 100%.
/// Every change goes through the control port; tor saves it in its own torrc.
#[test]
fn a_blocked_tor_is_explained_and_the_window_gets_it_connected() {
    use egui_kittest::kittest::Queryable;
    use messenger_bridges::{BridgeMode, StallCause, Transport};
    let network = TorNetwork::shared().unwrap();
    let bridge = harness::Obfs4Bridge::start(
        network,
        &harness::pinned_transports::obfs4proxy().unwrap(),
        WAIT,
    )
    .unwrap();
    let closed = harness::ports::free_ports(2).unwrap();
    let pt_config = PtConfig::parse(
        &format!(
            "transport obfs4 obfs4proxy\ntransport snowflake snowflake-client\nbridge {}\n\
             bridge snowflake 192.0.2.3:80 2B280B23E1107BB62ABFC40DDCC8824814F80A72 \
             fingerprint=2B280B23E1107BB62ABFC40DDCC8824814F80A72 url=https://127.0.0.1:{}/ \
             ice=stun:127.0.0.1:{}\n",
            bridge.line(),
            closed[0],
            closed[1]
        ),
        "test",
    )
    .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let cookie = dir.path().join("control_auth_cookie");
    let control_port = harness::free_port().unwrap();
    let data = dir.path().join("Tor");
    let _tor = blocked_tor(network, &data, control_port, &cookie);
    let connecting = Connecting {
        pt_config,
        own_bridges: Some(dir.path().join("custom-bridges")),
        stall_after: Duration::from_secs(3),
    };
    let control = ControlPort {
        address: SocketAddr::from((Ipv4Addr::LOCALHOST, control_port)),
        cookie: Some(cookie),
    };
    let (requests, mut received) = tokio::sync::mpsc::unbounded_channel();
    let (updates, reports) = channel();
    std::thread::spawn(move || {
        runtime().block_on(follow_with(
            &control,
            Duration::from_millis(100),
            &connecting,
            &mut received,
            |report| updates.send(report).is_ok(),
        ))
    });

    // Direct connections are refused: a stall that says so.
    let blocked = connection_of(wait_report(
        &reports,
        "the direct stall",
        |report| matches!(report, TorReport::Connection(c) if c.stall.as_ref().is_some_and(|s| s.cause == StallCause::Blocked)),
    ));
    assert_eq!(blocked.transports, [Transport::Obfs4, Transport::Snowflake]);
    assert_eq!(blocked.bridges.unwrap().mode, BridgeMode::Direct);

    // Built-in snowflake: tor starts the bundle's snowflake-client, whose broker is out of
    // reach: the stall comes back, explained.
    requests
        .send(TorRequest::BuiltIn(Transport::Snowflake))
        .unwrap();
    let snowflake = connection_of(wait_report(&reports, "the snowflake stall", |report| {
        matches!(report, TorReport::Connection(c)
            if c.bridges.as_ref().is_some_and(|b| b.mode == BridgeMode::BuiltIn(Transport::Snowflake))
                && c.stall.as_ref().is_some_and(|s| s.cause == StallCause::SnowflakeBroker))
    }));

    // The real connection screen shows it, with the other ways; the person picks obfs4.
    let mut model = messenger_chat::Model::new();
    model.tor = TorState::Bootstrapping { progress: 10 };
    let mut ui = messenger_ui::MessengerUi::new(messenger_ui::Settings {
        first_run_done: true,
        ..messenger_ui::Settings::default()
    });
    ui.set_tor_connection(snowflake);
    let mut window = egui_kittest::Harness::builder()
        .with_size(egui::vec2(1100.0, 800.0))
        .build_ui_state(
            |frame,
             state: &mut (
                messenger_ui::MessengerUi,
                messenger_chat::Model,
                Vec<messenger_ui::Action>,
            )| {
                let actions = state.0.show(frame, &mut state.1);
                state.2.extend(actions);
            },
            (ui, model, Vec::new()),
        );
    window.run();
    window.get_by_label_contains("Snowflake cannot reach its broker");
    assert!(
        window
            .query_by_label("Use the built-in snowflake bridges")
            .is_none()
    );
    window.get_by_label("Keep waiting");
    window.get_by_label("Connect without bridges");
    window
        .get_by_label("Use the built-in obfs4 bridges")
        .click();
    window.run();
    let actions = std::mem::take(&mut window.state_mut().2);
    assert_eq!(
        actions,
        [messenger_ui::Action::Tor(TorRequest::BuiltIn(
            Transport::Obfs4
        ))]
    );
    for action in actions {
        if let messenger_ui::Action::Tor(request) = action {
            requests.send(request).unwrap();
        }
    }
    wait_report(&reports, "tor ready through the obfs4 bridge", |report| {
        *report == TorReport::State(TorState::Ready)
    });
    // Tor saved the choice in its own torrc.
    let torrc = std::fs::read_to_string(data.join("torrc")).unwrap();
    assert!(
        torrc.contains(&format!("Bridge {}", bridge.line())),
        "{torrc}"
    );
}
