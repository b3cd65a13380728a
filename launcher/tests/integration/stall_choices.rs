//! A tor that cannot reach the network (the private network's authorities on closed ports,
//! as a censor would block them): the launcher explains the stall and offers the choices;
//! the person picks "enter bridges" and pastes the line of a real obfs4 bridge on loopback;
//! the launcher gives it to the running tor (SETCONF, SAVECONF) and bootstrap reaches 100%
//! through the bundle's own obfs4proxy.

use std::process::Stdio;
use std::time::Duration;

use crate::util::{BOOTSTRAP_LIMIT, Launcher, Setup, TestBundle, child_executables, sh_app};

/// The number the launcher printed for the choice whose text starts with `words`.
fn choice_number(launcher: &Launcher, words: &str) -> String {
    launcher
        .seen()
        .iter()
        .rev()
        .find_map(|line| {
            let (number, text) = line.trim().split_once(". ")?;
            text.starts_with(words).then(|| number.to_owned())
        })
        .unwrap_or_else(|| panic!("no choice {words:?}:\n{}", launcher.seen().join("\n")))
}

#[test]
fn blocked_tor_offers_the_choices_and_a_pasted_obfs4_bridge_connects() {
    let setup = Setup::new();
    let network = harness::TorNetwork::shared().unwrap();
    let bundle = TestBundle::new(setup.temp.path());
    let bridge = harness::Obfs4Bridge::start(
        network,
        &harness::pinned_transports::obfs4proxy().unwrap(),
        Duration::from_secs(90),
    )
    .unwrap();
    let blocked = setup.file("blocked.torrc", &network.blocked_client_torrc().unwrap());
    let stop = setup.temp.path().join("stop");
    let mut command = bundle.command(&setup);
    command
        .arg("--torrc")
        .arg(&blocked)
        .args(["--stall-timeout", "4"])
        .stdin(Stdio::piped());
    // The app waits until the test has looked at tor's children.
    sh_app(
        &mut command,
        &format!("while [ ! -e '{}' ]; do sleep 0.1; done", stop.display()),
    );
    let mut launcher = Launcher::start_with_stdin(command);
    let tor_pid = launcher.tor_pid(0, Duration::from_secs(20));
    launcher.wait_for("made no progress for 4 s", Duration::from_secs(60));
    launcher.wait_for("Type a number", Duration::from_secs(5));
    let text = launcher.seen().join("\n");
    for expected in [
        "What this means: connections to the Tor network are refused",
        "use the built-in snowflake bridges",
        "use the built-in obfs4 bridges",
        "enter bridges",
        "keep waiting",
    ] {
        assert!(text.contains(expected), "missing {expected:?}:\n{text}");
    }
    let enter = choice_number(&launcher, "enter bridges");
    launcher.type_line(&enter);
    launcher.wait_for("Paste your bridge lines", Duration::from_secs(5));
    launcher.type_line(bridge.line());
    launcher.type_line("");
    launcher.wait_for("now using your own bridges", Duration::from_secs(10));
    launcher.wait_for("Bootstrapped 100%", BOOTSTRAP_LIMIT);
    launcher.wait_for("tor is ready", Duration::from_secs(10));
    // The transport tor runs is the bundle's own program, not the system's.
    let children = child_executables(tor_pid);
    assert!(
        children.contains(&bundle.program("obfs4proxy")),
        "tor's children: {children:?}"
    );
    std::fs::write(&stop, "").unwrap();
    let (status, stderr) = launcher.wait_exit(Duration::from_secs(30));
    assert_eq!(status.code(), Some(0), "{stderr}");
    // Tor saved the choice itself (SAVECONF), and the bridge is kept as the person's own.
    let torrc = std::fs::read_to_string(setup.data_dir().join("Tor/torrc")).unwrap();
    assert!(
        torrc.contains(&format!("Bridge {}", bridge.line())),
        "{torrc}"
    );
    assert!(torrc.contains("UseBridges 1"), "{torrc}");
    let own = std::fs::read_to_string(setup.data_dir().join("Tor/custom-bridges")).unwrap();
    assert!(own.contains(bridge.line()), "{own}");
    let defaults = std::fs::read_to_string(setup.data_dir().join("Tor/torrc-defaults")).unwrap();
    assert!(
        defaults.contains("ClientTransportPlugin obfs4 exec ./pluggable_transports/obfs4proxy"),
        "{defaults}"
    );
    assert!(!defaults.contains("/usr/bin"), "{defaults}");
}
