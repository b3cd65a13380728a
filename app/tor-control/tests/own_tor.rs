//! The client against a tor of its own (configuration changes must not disturb the shared
//! client other tests use): SETCONF quoting with real bridge lines, GETCONF, RESETCONF, a
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

        // A value tor refuses: a typed rejection, and nothing changed (SETCONF is atomic).
        let err = control
            .set_conf(&[
                ConfigEntry::new("Bridge", "not a bridge line"),
                ConfigEntry::new("ContactInfo", "changed"),
            ])
            .await
            .unwrap_err();
        assert!(
            matches!(err, ControlError::Rejected { command: "SETCONF", status: 513 | 552, .. }),
            "{err}"
        );
        assert_eq!(control.get_conf(&["Bridge"]).await.unwrap().len(), 2);
        assert_eq!(
            control.get_conf(&["ContactInfo"]).await.unwrap(),
            [ConfigEntry::new("ContactInfo", contact)]
        );

        // RESETCONF: back to unset.
        control.reset_conf(&["Bridge", "ContactInfo"]).await.unwrap();
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
    // Nothing listens on the bridge port: tor's bootstrap stalls with a warning.
    let closed_port = harness::free_port().unwrap();
    let bridge = OBFS4_BRIDGE.replace("127.0.0.1:9 ", &format!("127.0.0.1:{closed_port} "));
    runtime().block_on(async {
        let (mut control, mut events) = tor.connect().await;
        control
            .set_events(&[
                EventKind::StatusClient,
                EventKind::TransportLaunched,
                EventKind::PtLog,
                EventKind::PtStatus,
            ])
            .await
            .unwrap();
        control
            .set_conf(&[
                ConfigEntry::new("UseBridges", "1"),
                ConfigEntry::new("ClientTransportPlugin", "obfs4 exec /usr/bin/obfs4proxy"),
                ConfigEntry::new("Bridge", bridge.as_str()),
                ConfigEntry::new("DisableNetwork", "0"),
            ])
            .await
            .unwrap();
        let mut launched = None;
        let mut warning = None;
        let mut others = Vec::new();
        let deadline = tokio::time::Instant::now() + WAIT;
        while launched.is_none() || warning.is_none() {
            let event = tokio::time::timeout_at(deadline, events.next())
                .await
                .unwrap_or_else(|_| {
                    panic!("launched {launched:?}, warning {warning:?}, seen {others:?}")
                })
                .expect("tor closed the connection")
                .unwrap();
            match event {
                Event::TransportLaunched(transport) => launched = Some(transport),
                Event::Bootstrap(status) if status.is_problem() => warning = Some(status),
                other => others.push(other),
            }
        }
        let launched = launched.unwrap();
        assert_eq!(launched.mode, "client");
        assert_eq!(launched.name, "obfs4");
        assert_eq!(launched.address, "127.0.0.1");
        assert_ne!(launched.port, 0);
        let warning = warning.unwrap();
        println!("tor's warning: {warning:?}");
        assert!(warning.warning.is_some(), "{warning:?}");
        assert!(warning.reason.is_some(), "{warning:?}");
        assert!(warning.count.is_some_and(|count| count >= 1), "{warning:?}");
        assert!(warning.recommendation.is_some(), "{warning:?}");
        assert_eq!(
            warning.host_address.as_deref(),
            Some(format!("127.0.0.1:{closed_port}").as_str()),
            "{warning:?}"
        );
        println!("other events: {others:?}");
    });
}
