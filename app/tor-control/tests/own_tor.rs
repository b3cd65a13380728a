//! The client against a tor of its own (configuration changes must not disturb the shared
//! client other tests use): SETCONF quoting with real bridge lines, SAVECONF, GETCONF, RESETCONF, a
//! refused value, and the events of a pluggable transport (the system's obfs4proxy) and of
//! a bootstrap that cannot reach its bridge.
//!
//! The tor knows only the private test network's authorities and starts with
//! `DisableNetwork 1`; when the network is enabled it uses bridges on 127.0.0.1 only.

// Test support code panics on setup failures by design.
#![allow(clippy::unwrap_used)]

use std::net::{Ipv4Addr, SocketAddr};
use std::path::PathBuf;
use std::time::{Duration, Instant};

use harness::{ProcessGuard, TorNetwork};
use messenger_tor_control::{
    ConfigEntry, ControlClient, ControlError, Event, EventKind, EventStream,
};

/// How long any wait here may take.
const WAIT: Duration = Duration::from_secs(60);

/// A tor of this test's own.
struct OwnTor {
    _guard: ProcessGuard,
    control: SocketAddr,
    cookie: PathBuf,
    torrc: PathBuf,
    _dir: tempfile::TempDir,
}

fn own_tor() -> OwnTor {
    let network = TorNetwork::shared().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    std::fs::create_dir(&data).unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&data, std::fs::Permissions::from_mode(0o700)).unwrap();
    }
    let control_port = harness::free_port().unwrap();
    let cookie = data.join("control_auth_cookie");
    let torrc = format!(
        "DataDirectory {}\nLog notice stdout\nShutdownWaitLength 0\nDisableNetwork 1\n\
         __OwningControllerProcess {}\n{}SocksPort 0\n\
         ControlPort 127.0.0.1:{control_port}\nCookieAuthentication 1\nCookieAuthFile {}\n",
        data.display(),
        std::process::id(),
        network.client_torrc(),
        cookie.display(),
    );
    let torrc_path = dir.path().join("torrc");
    std::fs::write(&torrc_path, torrc).unwrap();
    let defaults = dir.path().join("torrc-defaults");
    std::fs::write(&defaults, "").unwrap();
    let mut command = std::process::Command::new("tor");
    command
        .arg("--hush")
        .arg("--defaults-torrc")
        .arg(&defaults)
        .arg("-f")
        .arg(&torrc_path);
    let guard = ProcessGuard::spawn("own tor", command, dir.path().join("tor.log")).unwrap();
    OwnTor {
        _guard: guard,
        control: SocketAddr::from((Ipv4Addr::LOCALHOST, control_port)),
        cookie,
        torrc: torrc_path,
        _dir: dir,
    }
}

impl OwnTor {
    /// An authenticated connection, once tor listens and has written its cookie.
    async fn connect(&self) -> (ControlClient, EventStream) {
        let deadline = Instant::now() + WAIT;
        loop {
            match ControlClient::connect_authenticated(
                self.control,
                Duration::from_secs(5),
                Some(&self.cookie),
            )
            .await
            {
                Ok(connection) => return connection,
                Err(error) if Instant::now() < deadline => {
                    let _ = error;
                    tokio::time::sleep(Duration::from_millis(100)).await;
                }
                Err(error) => panic!("tor's control port did not open: {error}"),
            }
        }
    }
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
}

/// Bridge lines as users paste them: spaces, '=', and base64 with '+' and '/'.
const OBFS4_BRIDGE: &str = "obfs4 127.0.0.1:9 0123456789ABCDEF0123456789ABCDEF01234567 \
     cert=CzBVep/E6Q4zWH2ix+wRNluApcrvFDleg6jN8hc8YYar0PUaP2SJrtP4HUJnjLHW+yBFag iat-mode=0";
const PLAIN_BRIDGE: &str = "127.0.0.1:10 89ABCDEF0123456789ABCDEF0123456789ABCDEF";

#[test]
fn setconf_sends_bridge_lines_and_odd_values_intact() {
    let tor = own_tor();
    runtime().block_on(async {
        let (mut control, _events) = tor.connect().await;
        let contact = r#"tests "at" example \ with = and +/ signs"#;
        control
            .set_conf(&[
                ConfigEntry::new("Bridge", OBFS4_BRIDGE),
                ConfigEntry::new("Bridge", PLAIN_BRIDGE),
                ConfigEntry::new("ContactInfo", contact),
            ])
            .await
            .unwrap();
        let bridges = control.get_conf(&["Bridge"]).await.unwrap();
        assert_eq!(
            bridges,
            [
                ConfigEntry::new("Bridge", OBFS4_BRIDGE),
                ConfigEntry::new("Bridge", PLAIN_BRIDGE)
            ]
        );
        let contact_now = control.get_conf(&["ContactInfo"]).await.unwrap();
        assert_eq!(contact_now, [ConfigEntry::new("ContactInfo", contact)]);

        // SAVECONF: tor itself writes the change into its torrc, the lines intact.
        control.save_conf().await.unwrap();
        let saved = std::fs::read_to_string(&tor.torrc).unwrap();
        for expected in [
            format!("Bridge {OBFS4_BRIDGE}"),
            format!("Bridge {PLAIN_BRIDGE}"),
        ] {
            assert!(saved.lines().any(|line| line == expected), "{saved}");
        }

        // A value tor refuses: a typed rejection, and nothing changed (SETCONF is atomic).
        let err = control
            .set_conf(&[
                ConfigEntry::new("Bridge", "not a bridge line"),
                ConfigEntry::new("ContactInfo", "changed"),
            ])
            .await
            .unwrap_err();
        assert!(
            matches!(
                err,
                ControlError::Rejected {
                    command: "SETCONF",
                    status: 513 | 552,
                    ..
                }
            ),
            "{err}"
        );
        assert_eq!(control.get_conf(&["Bridge"]).await.unwrap().len(), 2);
        assert_eq!(
            control.get_conf(&["ContactInfo"]).await.unwrap(),
            [ConfigEntry::new("ContactInfo", contact)]
        );

        // RESETCONF: back to unset.
        control
            .reset_conf(&["Bridge", "ContactInfo"])
            .await
            .unwrap();
        assert_eq!(
            control.get_conf(&["Bridge", "ContactInfo"]).await.unwrap(),
            [
                ConfigEntry::reset("Bridge"),
                ConfigEntry::reset("ContactInfo")
            ]
        );
        control.quit().await.unwrap();
    });
}

#[test]
fn a_transport_launch_and_a_stalled_bootstrap_are_typed_events() {
    if !std::path::Path::new("/usr/bin/obfs4proxy").exists() {
        panic!("this test needs obfs4proxy (Debian package obfs4proxy)");
    }
    let tor = own_tor();
    // Nothing listens on the bridges' ports: tor's bootstrap stalls. Measured with tor
    // 0.4.9.11: the plain bridge's failures come as STATUS_CLIENT bootstrap warnings, the
    // obfs4 bridge's only as WARN log events ("Proxy Client: unable to connect ...").
    let obfs4_port = harness::free_port().unwrap();
    let plain_port = harness::free_port().unwrap();
    let obfs4_bridge = OBFS4_BRIDGE.replace("127.0.0.1:9 ", &format!("127.0.0.1:{obfs4_port} "));
    let plain_bridge = PLAIN_BRIDGE.replace("127.0.0.1:10 ", &format!("127.0.0.1:{plain_port} "));
    runtime().block_on(async {
        let (mut control, mut events) = tor.connect().await;
        // Tor 0.4.9 does not offer PT_LOG and PT_STATUS (control-spec describes them, its
        // event table lacks them): subscribe to them only where offered.
        let offered = control.event_names().await.unwrap();
        for needed in ["STATUS_CLIENT", "TRANSPORT_LAUNCHED", "HS_DESC", "WARN"] {
            assert!(offered.iter().any(|name| name == needed), "{offered:?}");
        }
        let mut kinds = vec![
            EventKind::StatusClient,
            EventKind::TransportLaunched,
            EventKind::Warn,
        ];
        for optional in [EventKind::PtLog, EventKind::PtStatus] {
            if offered.iter().any(|name| name == optional.name()) {
                kinds.push(optional);
            }
        }
        control.set_events(&kinds).await.unwrap();
        control
            .set_conf(&[
                ConfigEntry::new("UseBridges", "1"),
                ConfigEntry::new("ClientTransportPlugin", "obfs4 exec /usr/bin/obfs4proxy"),
                ConfigEntry::new("Bridge", obfs4_bridge.as_str()),
                ConfigEntry::new("Bridge", plain_bridge.as_str()),
                ConfigEntry::new("DisableNetwork", "0"),
            ])
            .await
            .unwrap();
        let mut launched = None;
        let mut warning = None;
        let mut proxy_failure = None;
        let mut others = Vec::new();
        let deadline = tokio::time::Instant::now() + WAIT;
        while launched.is_none() || warning.is_none() || proxy_failure.is_none() {
            let event = tokio::time::timeout_at(deadline, events.next())
                .await
                .unwrap_or_else(|_| {
                    panic!(
                        "launched {launched:?}, warning {warning:?}, proxy failure \
                         {proxy_failure:?}, seen {others:?}"
                    )
                })
                .expect("tor closed the connection")
                .unwrap();
            match event {
                Event::TransportLaunched(transport) => launched = Some(transport),
                Event::Bootstrap(status) if status.is_problem() => warning = Some(status),
                Event::Log { severity, message }
                    if severity == "WARN"
                        && message.contains(&format!("127.0.0.1:{obfs4_port}")) =>
                {
                    proxy_failure = Some(message);
                }
                other => others.push(other),
            }
        }
        let launched = launched.unwrap();
        assert_eq!(launched.mode, "client");
        assert_eq!(launched.name, "obfs4");
        assert_eq!(launched.address, "127.0.0.1");
        assert_ne!(launched.port, 0);
        let warning = warning.unwrap();
        println!("tor's bootstrap warning: {warning:?}");
        println!("the transport's failure: {}", proxy_failure.unwrap());
        assert_eq!(warning.warning.as_deref(), Some("Connection refused"));
        assert_eq!(warning.reason.as_deref(), Some("CONNECTREFUSED"));
        assert!(warning.count.is_some_and(|count| count >= 1), "{warning:?}");
        assert!(
            matches!(warning.recommendation.as_deref(), Some("warn" | "ignore")),
            "{warning:?}"
        );
        assert!(warning.host_id.is_some(), "{warning:?}");
        assert_eq!(
            warning.host_address.as_deref(),
            Some(format!("127.0.0.1:{plain_port}").as_str()),
            "{warning:?}"
        );
    });
}
