//! `verify`, `check-update` and `download` through the real binary: signatures made by the
//! real minisign CLI, the update server reached through the private Tor network by name.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use harness::{HttpsFileServer, Route, TorNetwork};
use messenger_update::{FORMAT, KeyChanges, Manifest, PRODUCT, PlatformRelease};
use sha2::{Digest, Sha256};

const LAUNCHER: &str = env!("CARGO_BIN_EXE_tor-messenger-launcher");
const HOST: &str = "updates.test";

/// A release key made by `minisign -G` in its own folder (`keys/test.pub`, `test.key`).
struct Key {
    dir: tempfile::TempDir,
}

impl Key {
    fn new() -> Key {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("keys")).unwrap();
        let made = Command::new("minisign")
            .arg("-GW")
            .arg("-p")
            .arg(dir.path().join("keys/test.pub"))
            .arg("-s")
            .arg(dir.path().join("test.key"))
            .output()
            .unwrap();
        assert!(made.status.success());
        Key { dir }
    }
    fn keys_dir(&self) -> PathBuf {
        self.dir.path().join("keys")
    }
    fn id(&self) -> String {
        let text = std::fs::read_to_string(self.keys_dir().join("test.pub")).unwrap();
        text.lines()
            .next()
            .unwrap()
            .rsplit(' ')
            .next()
            .unwrap()
            .to_owned()
    }
    /// Signs `file` into `file.minisig` with the minisign CLI (prehashed).
    fn sign(&self, file: &Path) {
        let signed = Command::new("minisign")
            .arg("-S")
            .arg("-s")
            .arg(self.dir.path().join("test.key"))
            .arg("-m")
            .arg(file)
            .output()
            .unwrap();
        assert!(signed.status.success());
    }
    fn sign_bytes(&self, bytes: &[u8]) -> Vec<u8> {
        let file = self.dir.path().join("to-sign");
        std::fs::write(&file, bytes).unwrap();
        self.sign(&file);
        std::fs::read(self.dir.path().join("to-sign.minisig")).unwrap()
    }
}

fn run(args: &[&str]) -> Output {
    Command::new(LAUNCHER).args(args).output().unwrap()
}

fn text(output: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

#[test]
fn verify_accepts_a_file_signed_by_the_minisign_cli() {
    let key = Key::new();
    let file = key
        .dir
        .path()
        .join("tor-messenger-0.2.0-linux-x86_64.tar.xz");
    std::fs::write(&file, b"bundle").unwrap();
    key.sign(&file);
    let output = run(&[
        "verify",
        file.to_str().unwrap(),
        "--keys",
        key.keys_dir().to_str().unwrap(),
    ]);
    assert!(output.status.success(), "{}", text(&output));
    assert!(
        text(&output).contains(&format!("signed by release key {}", key.id())),
        "{}",
        text(&output)
    );
}

#[test]
fn verify_refuses_a_tampered_file_and_another_key() {
    let key = Key::new();
    let other = Key::new();
    let file = key.dir.path().join("bundle.tar.xz");
    std::fs::write(&file, b"bundle").unwrap();
    key.sign(&file);
    let output = run(&[
        "verify",
        file.to_str().unwrap(),
        "--keys",
        other.keys_dir().to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        text(&output).contains(&key.id()),
        "names the signer: {}",
        text(&output)
    );
    std::fs::write(&file, b"bundlE").unwrap();
    let output = run(&[
        "verify",
        file.to_str().unwrap(),
        "--keys",
        key.keys_dir().to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(1));
    assert!(text(&output).contains("BAD SIGNATURE"), "{}", text(&output));
}

#[test]
fn verify_without_built_in_keys_says_what_to_pass() {
    let file = tempfile::NamedTempFile::new().unwrap();
    let output = run(&["verify", file.path().to_str().unwrap()]);
    // This repository ships no release key yet; the message must say what to do.
    if output.status.success() {
        return;
    }
    assert!(text(&output).contains("--keys"), "{}", text(&output));
}

#[test]
fn verify_sums_checks_every_listed_file() {
    let key = Key::new();
    let dir = key.dir.path();
    std::fs::write(dir.join("a.tar.xz"), b"aaa").unwrap();
    std::fs::write(dir.join("b.tar.xz"), b"bbb").unwrap();
    let sums = Command::new("sha256sum")
        .args(["a.tar.xz", "b.tar.xz"])
        .current_dir(dir)
        .output()
        .unwrap();
    let sums_path = dir.join("sha256sums-unsigned-build.txt");
    std::fs::write(&sums_path, sums.stdout).unwrap();
    key.sign(&sums_path);
    let keys = key.keys_dir();
    let args = [
        "verify",
        "--sums",
        sums_path.to_str().unwrap(),
        "--keys",
        keys.to_str().unwrap(),
    ];
    let output = run(&args);
    assert!(output.status.success(), "{}", text(&output));
    assert!(
        text(&output).contains("All 2 listed files check out"),
        "{}",
        text(&output)
    );
    std::fs::write(dir.join("b.tar.xz"), b"evil").unwrap();
    let output = run(&args);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        text(&output).contains("CHANGED  b.tar.xz"),
        "{}",
        text(&output)
    );
}

/// A bundle folder holding a copy of the launcher (so `Downloads/` is inside it), an update
/// server with a signed release, and a certs folder pinning the server.
struct UpdateSetup {
    key: Key,
    bundle_dir: tempfile::TempDir,
    server: HttpsFileServer,
    bundle: Vec<u8>,
    release: PlatformRelease,
}

impl UpdateSetup {
    fn new(version: &str) -> UpdateSetup {
        let key = Key::new();
        let bundle: Vec<u8> = (0..150_000u32).map(|i| (i % 253) as u8).collect();
        let file = PlatformRelease::expected_file_name(version, "linux-x86_64");
        let release = PlatformRelease {
            version: version.into(),
            path: format!("dist/{file}"),
            size: bundle.len() as u64,
            sha256: hex::encode(Sha256::digest(&bundle)),
            file,
        };
        let now = time::OffsetDateTime::now_utc();
        let manifest = Manifest {
            format: FORMAT,
            product: PRODUCT.into(),
            channel: "alpha".into(),
            sequence: 1,
            issued: now,
            expires: now + time::Duration::days(30),
            platforms: BTreeMap::from([("linux-x86_64".to_string(), release.clone())]),
            keys: KeyChanges::default(),
        };
        let json = serde_json::to_vec_pretty(&manifest).unwrap();
        let routes = HashMap::from([
            (
                "/update/manifest.json".to_string(),
                Route::File(json.clone()),
            ),
            (
                "/update/manifest.json.minisig".to_string(),
                Route::File(key.sign_bytes(&json)),
            ),
            (
                format!("/update/{}", release.path),
                Route::File(bundle.clone()),
            ),
            (
                format!("/update/{}.minisig", release.path),
                Route::File(key.sign_bytes(&bundle)),
            ),
        ]);
        let server = HttpsFileServer::start(HOST, routes).unwrap();
        let bundle_dir = tempfile::tempdir().unwrap();
        std::fs::copy(LAUNCHER, bundle_dir.path().join("tor-messenger-launcher")).unwrap();
        std::fs::create_dir(bundle_dir.path().join("certs")).unwrap();
        std::fs::write(
            bundle_dir.path().join("certs/cert_override.txt"),
            format!(
                "{HOST}:{} {}\n",
                server.port(),
                hex::encode(server.cert_sha256())
            ),
        )
        .unwrap();
        UpdateSetup {
            key,
            bundle_dir,
            server,
            bundle,
            release,
        }
    }

    fn run(&self, subcommand: &str) -> Output {
        let tor = TorNetwork::shared_client().unwrap();
        let url = format!("https://{HOST}:{}/update/manifest.json", self.server.port());
        let mut command = Command::new(self.bundle_dir.path().join("tor-messenger-launcher"));
        command
            .arg(subcommand)
            .args(["--manifest-url", &url, "--keys"])
            .arg(self.key.keys_dir())
            .args(["--socks-port", &tor.socks_addr().port().to_string()]);
        // The launcher was just copied: its exec can meet ETXTBSY (see util).
        crate::util::output_retrying(&mut command)
    }

    fn downloads(&self) -> Vec<String> {
        match std::fs::read_dir(self.bundle_dir.path().join("Downloads")) {
            Err(_) => Vec::new(),
            Ok(entries) => {
                let mut names: Vec<String> = entries
                    .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                    .collect();
                names.sort();
                names
            }
        }
    }
}

#[test]
fn check_update_reports_a_newer_version_through_tor_and_downloads_nothing() {
    let setup = UpdateSetup::new("9.0.0");
    let output = setup.run("check-update");
    assert!(output.status.success(), "{}", text(&output));
    assert!(
        text(&output).contains("Version 9.0.0 is available"),
        "{}",
        text(&output)
    );
    assert!(setup.downloads().is_empty());
    assert!(
        setup
            .bundle_dir
            .path()
            .join("Data/update-state.json")
            .exists(),
        "seen state kept"
    );
}

#[test]
fn download_keeps_a_verified_bundle_and_says_the_next_step() {
    let setup = UpdateSetup::new("9.0.0");
    let output = setup.run("download");
    assert!(output.status.success(), "{}", text(&output));
    assert!(
        text(&output).contains("Nothing was installed"),
        "{}",
        text(&output)
    );
    assert_eq!(
        setup.downloads(),
        [
            setup.release.file.clone(),
            format!("{}.minisig", setup.release.file)
        ]
    );
    let kept = std::fs::read(
        setup
            .bundle_dir
            .path()
            .join("Downloads")
            .join(&setup.release.file),
    )
    .unwrap();
    assert_eq!(kept, setup.bundle);
}

#[test]
fn download_of_a_tampered_bundle_is_refused_and_leaves_nothing() {
    let setup = UpdateSetup::new("9.0.0");
    let mut evil = setup.bundle.clone();
    evil[7] ^= 1;
    setup.server.set_route(
        &format!("/update/{}", setup.release.path),
        Route::File(evil),
    );
    let output = setup.run("download");
    assert_eq!(output.status.code(), Some(1), "{}", text(&output));
    assert!(text(&output).contains("tampered"), "{}", text(&output));
    assert!(setup.downloads().is_empty(), "{:?}", setup.downloads());
}

#[test]
fn check_update_without_tor_says_so() {
    let setup = UpdateSetup::new("9.0.0");
    let closed = harness::free_port().unwrap();
    let url = format!(
        "https://{HOST}:{}/update/manifest.json",
        setup.server.port()
    );
    let output = Command::new(LAUNCHER)
        .args([
            "check-update",
            "--manifest-url",
            &url,
            "--socks-port",
            &closed.to_string(),
            "--keys",
        ])
        .arg(setup.key.keys_dir())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert!(
        text(&output).to_lowercase().contains("tor"),
        "{}",
        text(&output)
    );
}
