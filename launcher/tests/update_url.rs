//! The manifest address built in at build time (`TOR_MESSENGER_UPDATE_URL`, set by
//! projects/tor-messenger/config): empty while the project has no update server, and then
//! `check-update` says plainly to pass `--manifest-url`, before touching the network. (How a
//! build value becomes an address is tested in messenger-update's `built_in`.)

use std::process::Command;

use tor_messenger_launcher::update_commands::BUILT_IN_MANIFEST_URL;

const LAUNCHER: &str = env!("CARGO_BIN_EXE_tor-messenger-launcher");

#[test]
fn check_update_without_an_address_says_to_pass_one() {
    if BUILT_IN_MANIFEST_URL.is_some() {
        // This build has an address; the plain message cannot appear.
        return;
    }
    let data = tempfile::tempdir().expect("temp dir");
    for subcommand in ["check-update", "download"] {
        let output = Command::new(LAUNCHER)
            .arg("--data-dir")
            .arg(data.path())
            .arg(subcommand)
            .output()
            .expect("the launcher runs");
        let said = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(1), "{said}");
        assert!(
            said.contains("this build names no update address: pass --manifest-url"),
            "{said}"
        );
        assert!(!said.contains("URL"), "no parser jargon: {said}");
    }
}
