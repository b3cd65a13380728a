//! `bridges add|use|list|remove|off` through the real binary, in a bundle folder with the
//! bundle's transports.

use std::io::Write;
use std::process::{Command, Stdio};

use crate::util::{LAUNCHER, TestBundle};

const FINGERPRINT: &str = "0123456789ABCDEF0123456789ABCDEF01234567";
const CERT: &str = "ssH+9rP8dG2NLDN2XuFw63hIO/9MNNinLmxQDpVa+7kTOa9/m+tGWT1SmSYpQ9uTBGa6Hw";

fn obfs4(n: u8) -> String {
    format!("obfs4 192.0.2.{n}:443 {FINGERPRINT} cert={CERT} iat-mode=0")
}

struct Cli {
    _temp: tempfile::TempDir,
    bundle: TestBundle,
    data: std::path::PathBuf,
}

impl Cli {
    fn new() -> Self {
        let temp = tempfile::tempdir().unwrap();
        let bundle = TestBundle::new(temp.path());
        let data = temp.path().join("Data");
        Self {
            _temp: temp,
            bundle,
            data,
        }
    }

    /// Runs `bridges ARGS` with `stdin`; returns the exit code, stdout and stderr.
    fn run_with_input(&self, args: &[&str], stdin: &str) -> (i32, String, String) {
        let mut child = Command::new(&self.bundle.launcher)
            .arg("bridges")
            .arg("--data-dir")
            .arg(&self.data)
            .args(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        child
            .stdin
            .take()
            .unwrap()
            .write_all(stdin.as_bytes())
            .unwrap();
        let output = child.wait_with_output().unwrap();
        (
            output.status.code().unwrap_or(-1),
            String::from_utf8_lossy(&output.stdout).into_owned(),
            String::from_utf8_lossy(&output.stderr).into_owned(),
        )
    }

    fn run(&self, args: &[&str]) -> (i32, String, String) {
        self.run_with_input(args, "")
    }

    fn torrc(&self) -> String {
        std::fs::read_to_string(self.data.join("Tor/torrc")).unwrap_or_default()
    }
}

#[test]
fn add_list_use_remove_off() {
    let cli = Cli::new();
    let (code, out, stderr) = cli.run(&["add", &obfs4(1)]);
    assert_eq!(code, 0, "{stderr}");
    assert!(out.contains("Added 1 bridge"), "{out}");
    // As separate words, too.
    let (code, _, stderr) = cli.run(&["add", "192.0.2.2:9001", FINGERPRINT]);
    assert_eq!(code, 0, "{stderr}");
    let (_, listed, _) = cli.run(&["list"]);
    assert_eq!(
        listed,
        format!(
            "In use: your own bridges (2)\nYour own bridges (`bridges use custom` to use them):\n\
             1: {}\n2: 192.0.2.2:9001 {FINGERPRINT}\n",
            obfs4(1)
        )
    );
    let torrc = cli.torrc();
    assert!(torrc.contains("UseBridges 1"), "{torrc}");
    assert!(!torrc.contains("ClientTransportPlugin"), "{torrc}");

    let (code, out, _) = cli.run(&["use", "snowflake"]);
    assert_eq!(code, 0);
    assert!(
        out.contains("Using the built-in snowflake bridges"),
        "{out}"
    );
    let (_, listed, _) = cli.run(&["list"]);
    assert!(
        listed.starts_with("In use: the built-in snowflake bridges (2)\n"),
        "{listed}"
    );
    assert!(
        listed.contains(&format!("1: {}", obfs4(1))),
        "your own are kept: {listed}"
    );

    let (code, _, _) = cli.run(&["use", "custom"]);
    assert_eq!(code, 0);
    let (code, out, _) = cli.run(&["remove", "1"]);
    assert_eq!(code, 0);
    assert!(out.contains(&obfs4(1)), "{out}");
    assert!(!cli.torrc().contains(&obfs4(1)));
    assert!(cli.torrc().contains("192.0.2.2:9001"));

    let (code, _, _) = cli.run(&["off"]);
    assert_eq!(code, 0);
    let torrc = cli.torrc();
    assert!(!torrc.contains("Bridge"), "{torrc}");
    let (_, listed, _) = cli.run(&["list"]);
    assert!(listed.starts_with("In use: no bridges"), "{listed}");
}

#[test]
fn built_in_bridges_are_written_exactly() {
    let cli = Cli::new();
    assert_eq!(cli.run(&["use", "obfs4"]).0, 0);
    let config = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../app/bridges/pt_config"),
    )
    .unwrap();
    let expected: Vec<String> = config
        .lines()
        .filter_map(|line| line.strip_prefix("bridge obfs4 "))
        .map(|rest| format!("Bridge obfs4 {rest}"))
        .collect();
    let torrc = cli.torrc();
    let written: Vec<&str> = torrc.lines().filter(|l| l.starts_with("Bridge ")).collect();
    assert_eq!(written, expected);
}

#[test]
fn several_lines_pasted_at_once() {
    let cli = Cli::new();
    let pasted = format!("{}\n\n  Bridge {}\n", obfs4(3), obfs4(4));
    let (code, out, stderr) = cli.run_with_input(&["add"], &pasted);
    assert_eq!(code, 0, "{stderr}");
    assert!(out.contains("Added 2 bridge"), "{out}");
    // And in one argument with line breaks.
    let (code, out, _) = cli.run(&["add", &format!("{}\n{}", obfs4(5), obfs4(3))]);
    assert_eq!(code, 0);
    assert!(out.contains("Added 1 bridge(s); you have 3"), "{out}");
}

#[test]
fn bad_input_is_named_and_nothing_written() {
    let cli = Cli::new();
    let cases = [
        (
            "obfs4 bridge.example:443".to_owned(),
            "invalid bridge line \"obfs4 bridge.example:443\"",
        ),
        (
            format!("webtunnel 192.0.2.1:443 {FINGERPRINT} url=https://x.example/"),
            "does not ship",
        ),
        (
            format!("obfs4 192.0.2.1:443 {FINGERPRINT} cert=shortened iat-mode=0"),
            "not a valid obfs4 certificate",
        ),
        (
            format!("obfs4 192.0.2.1:443 ABC cert={CERT} iat-mode=0"),
            "\"ABC\" is not a fingerprint",
        ),
        (
            format!("{}\nobfs4 192.0.2.9:443 {FINGERPRINT}", obfs4(1)),
            "line 2: invalid bridge line",
        ),
    ];
    for (input, expected) in cases {
        let (code, _, stderr) = cli.run(&["add", &input]);
        assert_eq!(code, 1, "{input}");
        assert!(stderr.contains(expected), "{input}: {stderr}");
        assert!(stderr.contains("Nothing was changed"), "{stderr}");
        assert!(!cli.data.join("Tor/torrc").exists(), "{input}");
        assert!(!cli.data.join("Tor/custom-bridges").exists(), "{input}");
    }
}

#[test]
fn missing_transport_program_is_reported_with_what_to_do() {
    let cli = Cli::new();
    std::fs::remove_file(cli.bundle.program("snowflake-client")).unwrap();
    let (code, _, stderr) = cli.run(&["use", "snowflake"]);
    assert_eq!(code, 1);
    assert!(
        stderr.contains("snowflake program") && stderr.contains("unpack the bundle again"),
        "{stderr}"
    );
    assert!(!cli.data.join("Tor/torrc").exists());
}

#[test]
fn removing_a_missing_bridge_is_an_error() {
    let cli = Cli::new();
    let (code, _, stderr) = cli.run(&["remove", "3"]);
    assert_eq!(code, 1);
    assert!(stderr.contains("no bridge number 3"), "{stderr}");
    let (code, _, stderr) = cli.run(&["use", "custom"]);
    assert_eq!(code, 1);
    assert!(stderr.contains("no bridges of your own"), "{stderr}");
}

#[test]
fn tor_accepts_the_written_torrc() {
    let cli = Cli::new();
    assert_eq!(cli.run(&["add", &obfs4(1)]).0, 0);
    let defaults = cli.data.join("defaults");
    std::fs::write(
        &defaults,
        "ClientTransportPlugin obfs4 exec ./pluggable_transports/obfs4proxy\n",
    )
    .unwrap();
    let output = Command::new("tor")
        .current_dir(cli.bundle.dir.join("tor"))
        .arg("--verify-config")
        .arg("--defaults-torrc")
        .arg(&defaults)
        .arg("-f")
        .arg(cli.data.join("Tor/torrc"))
        .args(["--DataDirectory"])
        .arg(cli.data.join("tor-data"))
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stdout)
    );
}

#[test]
fn development_run_without_a_bundle_uses_the_launcher_beside_cargo() {
    // The launcher in the cargo target folder has no transports folder: a development run.
    let temp = tempfile::tempdir().unwrap();
    let output = Command::new(LAUNCHER)
        .arg("bridges")
        .arg("--data-dir")
        .arg(temp.path().join("Data"))
        .args(["add", &obfs4(1)])
        .output()
        .unwrap();
    // obfs4proxy is a Debian package the development setup installs (scripts/deps).
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
}
