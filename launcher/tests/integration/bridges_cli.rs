//! `bridges add|list|remove` through the real binary.

use std::process::Command;

use crate::util::LAUNCHER;

const FINGERPRINT: &str = "0123456789ABCDEF0123456789ABCDEF01234567";

fn bridges(data_dir: &std::path::Path, args: &[&str]) -> (i32, String, String) {
    let output = Command::new(LAUNCHER)
        .arg("bridges")
        .arg("--data-dir")
        .arg(data_dir)
        .args(args)
        .output()
        .unwrap();
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[test]
fn add_list_remove() {
    let temp = tempfile::tempdir().unwrap();
    let data = temp.path().join("Data");
    let obfs4 = format!("obfs4 192.0.2.1:443 {FINGERPRINT} cert=abcd+/= iat-mode=0");
    let (code, _, stderr) = bridges(&data, &["add", &obfs4]);
    assert_eq!(code, 0, "{stderr}");
    let (code, _, _) = bridges(&data, &["add", "192.0.2.2:9001", FINGERPRINT]);
    assert_eq!(code, 0);
    let (_, listed, _) = bridges(&data, &["list"]);
    assert_eq!(
        listed,
        format!("1: {obfs4}\n2: 192.0.2.2:9001 {FINGERPRINT}\n")
    );
    let torrc = std::fs::read_to_string(data.join("Tor/torrc")).unwrap();
    assert!(torrc.contains("UseBridges 1"), "{torrc}");
    assert!(torrc.contains("ClientTransportPlugin obfs4 exec /usr/bin/obfs4proxy"));
    let (code, out, _) = bridges(&data, &["remove", "1"]);
    assert_eq!(code, 0);
    assert!(out.contains(&obfs4), "{out}");
    let torrc = std::fs::read_to_string(data.join("Tor/torrc")).unwrap();
    assert!(!torrc.contains("ClientTransportPlugin"), "{torrc}");
}

#[test]
fn tor_accepts_the_written_torrc() {
    let temp = tempfile::tempdir().unwrap();
    let data = temp.path().join("Data");
    let obfs4 = format!("obfs4 192.0.2.1:443 {FINGERPRINT} cert=abcd+/= iat-mode=0");
    assert_eq!(bridges(&data, &["add", &obfs4]).0, 0);
    let output = Command::new("tor")
        .arg("--verify-config")
        .arg("-f")
        .arg(data.join("Tor/torrc"))
        .args(["--DataDirectory"])
        .arg(temp.path().join("tor-data"))
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stdout)
    );
}

#[test]
fn invalid_line_is_named_and_nothing_written() {
    let temp = tempfile::tempdir().unwrap();
    let data = temp.path().join("Data");
    let (code, _, stderr) = bridges(&data, &["add", "obfs4 bridge.example:443"]);
    assert_eq!(code, 1);
    assert!(
        stderr.contains("invalid bridge line \"obfs4 bridge.example:443\""),
        "{stderr}"
    );
    assert!(!data.join("Tor/torrc").exists());
}

#[test]
fn removing_a_missing_bridge_is_an_error() {
    let temp = tempfile::tempdir().unwrap();
    let (code, _, stderr) = bridges(&temp.path().join("Data"), &["remove", "3"]);
    assert_eq!(code, 1);
    assert!(stderr.contains("no bridge number 3"), "{stderr}");
}
