//! `rbm sign` with a throwaway minisign key: prehashed signatures of every artifact and of
//! the sums file, which the real `minisign -V` accepts; refusals are clear.

// Test helpers outside #[test] functions unwrap too: a failure there is a test failure.
#![allow(clippy::unwrap_used)]

use std::fs;
use std::path::Path;
use std::process::Command;

mod common;

use common::{RBM, make_key, sign};

fn release_dir(dir: &Path) -> std::path::PathBuf {
    let release = dir.join("release");
    fs::create_dir_all(&release).unwrap();
    fs::write(
        release.join("tor-messenger-0.1.0-linux-x86_64.tar.xz"),
        b"not really an archive",
    )
    .unwrap();
    let status = Command::new(RBM)
        .arg("sums")
        .arg(&release)
        .status()
        .unwrap();
    assert!(status.success());
    release
}

#[test]
fn every_artifact_and_the_sums_file_get_a_prehashed_signature_minisign_verifies() {
    let temp = tempfile::tempdir().unwrap();
    let (public, secret) = make_key(temp.path(), "throwaway");
    let release = release_dir(temp.path());
    let output = sign(&release, &secret, &public);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    for name in [
        "tor-messenger-0.1.0-linux-x86_64.tar.xz",
        "sha256sums-unsigned-build.txt",
    ] {
        let signature = fs::read_to_string(release.join(format!("{name}.minisig"))).unwrap();
        // Line 2 is the base64 signature; it starts with the algorithm bytes: "ED"
        // (prehashed, BLAKE2b) encodes as "RU", the legacy "Ed" as "RW".
        let line = signature.lines().nth(1).unwrap();
        assert!(line.starts_with("RU"), "not a prehashed signature: {line}");
        let verify = Command::new("minisign")
            .args(["-V", "-p"])
            .arg(&public)
            .arg("-m")
            .arg(release.join(name))
            .output()
            .unwrap();
        assert!(
            verify.status.success(),
            "{}",
            String::from_utf8_lossy(&verify.stderr)
        );
    }
    // The sums file still checks (signatures are not listed in it).
    let check = Command::new("sha256sum")
        .args(["-c", "sha256sums-unsigned-build.txt"])
        .current_dir(&release)
        .output()
        .unwrap();
    assert!(check.status.success());
}

#[test]
fn a_key_whose_public_half_is_not_given_is_refused() {
    let temp = tempfile::tempdir().unwrap();
    let (_, secret) = make_key(temp.path(), "one");
    let (other_public, _) = make_key(temp.path(), "two");
    let release = release_dir(temp.path());
    let output = sign(&release, &secret, &other_public);
    assert!(!output.status.success());
    let error = String::from_utf8_lossy(&output.stderr);
    assert!(
        error.contains("does not verify with any public key"),
        "{error}"
    );
}

#[test]
fn a_directory_without_sums_or_a_missing_key_is_refused() {
    let temp = tempfile::tempdir().unwrap();
    let (public, secret) = make_key(temp.path(), "k");
    let empty = temp.path().join("empty");
    fs::create_dir(&empty).unwrap();
    let output = sign(&empty, &secret, &public);
    assert!(String::from_utf8_lossy(&output.stderr).contains("build the release first"));
    let release = release_dir(temp.path());
    let output = sign(&release, &temp.path().join("nope.key"), &public);
    assert!(!output.status.success());
    assert!(String::from_utf8_lossy(&output.stderr).contains("give it with KEY=path"));
}

#[test]
fn tampering_after_signing_is_caught_by_minisign() {
    let temp = tempfile::tempdir().unwrap();
    let (public, secret) = make_key(temp.path(), "k");
    let release = release_dir(temp.path());
    assert!(sign(&release, &secret, &public).status.success());
    let artifact = release.join("tor-messenger-0.1.0-linux-x86_64.tar.xz");
    fs::write(&artifact, b"evil").unwrap();
    let verify = Command::new("minisign")
        .args(["-V", "-p"])
        .arg(&public)
        .arg("-m")
        .arg(&artifact)
        .output()
        .unwrap();
    assert!(!verify.status.success());
}
