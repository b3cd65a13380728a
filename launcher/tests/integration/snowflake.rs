//! snowflake, as far as it can be tested offline (no broker is reachable): a launcher run
//! from a bundle folder writes exactly the documented plugin lines; a snowflake bridge added
//! with `bridges add` while tor runs reaches tor on its control port (no file edited behind
//! it), and tor starts the bundle's snowflake-client as a managed proxy (the pluggable
//! transport handshake completes: `TRANSPORT_LAUNCHED`); its broker (a closed port on
//! loopback here, as a censor would block it) cannot be reached, the bootstrap stalls, and
//! the launcher explains that with the other choices.
//!
//! The bridge line sends snowflake-client only to loopback (broker and STUN on closed
//! ports): nothing leaves the computer.

use std::process::Command;
use std::time::{Duration, Instant};

use messenger_tor_control::{ControlClient, Event, EventKind};

use crate::util::{Launcher, Setup, TestBundle, child_executables, sh_app};

/// The lines launcher/README.md and app/bridges/README.md document.
const DOCUMENTED: [&str; 2] = [
    "ClientTransportPlugin obfs4 exec ./pluggable_transports/obfs4proxy",
    "ClientTransportPlugin snowflake exec ./pluggable_transports/snowflake-client",
];

#[test]
fn tor_launches_the_bundled_snowflake_client_and_the_stall_is_explained() {
    let setup = Setup::new();
    let network = harness::TorNetwork::shared().unwrap();
    let bundle = TestBundle::new(setup.temp.path());
    let closed = harness::ports::free_ports(2).unwrap();
    let line = format!(
        "snowflake 192.0.2.3:80 2B280B23E1107BB62ABFC40DDCC8824814F80A72 \
         fingerprint=2B280B23E1107BB62ABFC40DDCC8824814F80A72 \
         url=https://127.0.0.1:{}/ ice=stun:127.0.0.1:{} utls-imitate=hellorandomizedalpn",
        closed[0], closed[1]
    );
    let blocked = setup.file("blocked.torrc", &network.blocked_client_torrc().unwrap());
    let stop = setup.temp.path().join("stop");
    let mut command = bundle.command(&setup);
    command.arg("--torrc").arg(&blocked).args([
        "--stall-timeout",
        "4",
        "--start-app-at",
        "connecting",
    ]);
    sh_app(
        &mut command,
        &format!("while [ ! -e '{}' ]; do sleep 0.1; done", stop.display()),
    );
    let mut launcher = Launcher::start(command);
    let tor_pid = launcher.tor_pid(0, Duration::from_secs(20));

    // The plugin lines tor got are exactly the documented ones.
    let defaults = std::fs::read_to_string(setup.data_dir().join("Tor/torrc-defaults")).unwrap();
    let plugins: Vec<&str> = defaults
        .lines()
        .filter(|line| line.starts_with("ClientTransportPlugin"))
        .collect();
    assert_eq!(plugins, DOCUMENTED, "{defaults}");
    for readme in ["README.md", "../app/bridges/README.md"] {
        let text =
            std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(readme))
                .unwrap();
        for documented in DOCUMENTED {
            assert!(text.contains(documented), "{readme} lacks {documented}");
        }
    }

    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let launched = runtime.block_on(async {
        let addr = std::net::SocketAddr::from(([127, 0, 0, 1], setup.control_port));
        let cookie = setup.data_dir().join("Tor/control_auth_cookie");
        let deadline = Instant::now() + Duration::from_secs(30);
        let (mut control, mut events) = loop {
            match ControlClient::connect_authenticated(addr, Duration::from_secs(2), Some(&cookie))
                .await
            {
                Ok(connection) => break connection,
                Err(error) => {
                    assert!(Instant::now() < deadline, "control port: {error}");
                    tokio::time::sleep(Duration::from_millis(100)).await;
                }
            }
        };
        control
            .set_events(&[EventKind::TransportLaunched])
            .await
            .unwrap();
        // The running tor gets the bridge on its control port.
        let added = Command::new(&bundle.launcher)
            .arg("bridges")
            .arg("--data-dir")
            .arg(setup.data_dir())
            .args(["add", &line])
            .output()
            .unwrap();
        let out = String::from_utf8_lossy(&added.stdout);
        assert!(
            added.status.success(),
            "{}",
            String::from_utf8_lossy(&added.stderr)
        );
        assert!(out.contains("tor uses them now"), "{out}");
        tokio::time::timeout(Duration::from_secs(30), async {
            loop {
                match events.next().await {
                    Some(Ok(Event::TransportLaunched(launched))) => return launched,
                    Some(_) => {}
                    None => panic!("tor closed the control connection"),
                }
            }
        })
        .await
        .expect("no TRANSPORT_LAUNCHED within 30 s")
    });
    assert_eq!(launched.mode, "client");
    assert_eq!(launched.name, "snowflake");
    assert_eq!(launched.address, "127.0.0.1");
    assert!(launched.port > 0);
    let children = child_executables(tor_pid);
    assert!(
        children.contains(&bundle.program("snowflake-client")),
        "tor's children: {children:?}"
    );

    // The broker cannot be reached: a stall, explained, with the other choices.
    launcher.wait_for("snowflake cannot reach its broker", Duration::from_secs(90));
    let text = launcher.seen().join("\n");
    for expected in [
        "use the built-in obfs4 bridges",
        "enter bridges",
        "use no bridges",
        "keep waiting",
        "the messenger's window offers the same choices",
    ] {
        assert!(text.contains(expected), "missing {expected:?}:\n{text}");
    }
    // Tor saved the bridge in its own torrc (SAVECONF).
    let torrc = std::fs::read_to_string(setup.data_dir().join("Tor/torrc")).unwrap();
    assert!(torrc.contains(&format!("Bridge {line}")), "{torrc}");
    std::fs::write(&stop, "").unwrap();
    let (status, stderr) = launcher.wait_exit(Duration::from_secs(30));
    assert_eq!(status.code(), Some(0), "{stderr}");
}
