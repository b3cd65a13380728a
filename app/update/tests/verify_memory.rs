//! `verify` streams: checking a 1 GiB file must not grow memory with the file.
//!
//! The check runs in a child process (this test binary again) so its peak RSS can be read
//! from `getrusage(RUSAGE_CHILDREN)` without counting the parent's own allocations.
#![allow(clippy::unwrap_used)] // test code: a panic is the failure report

use messenger_update::{TrustedKeys, verify_file};
use std::path::Path;
use std::process::Command;

const CHILD_ENV: &str = "MESSENGER_UPDATE_VERIFY_CHILD";

#[test]
fn verifying_a_1_gib_file_keeps_memory_flat() {
    if let Ok(dir) = std::env::var(CHILD_ENV) {
        let dir = Path::new(&dir);
        let keys = TrustedKeys::load_dir(&dir.join("keys")).unwrap();
        let verified = verify_file(&dir.join("big.bin"), None, &keys).unwrap();
        assert_eq!(verified.bytes, 1 << 30);
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let big = dir.path().join("big.bin");
    // Sparse: a 1 GiB file that costs no disk space; reading it still yields 1 GiB of data.
    std::fs::File::create(&big)
        .unwrap()
        .set_len(1 << 30)
        .unwrap();
    std::fs::create_dir(dir.path().join("keys")).unwrap();
    let public = dir.path().join("keys/test.pub");
    let secret = dir.path().join("test.key");
    let made = Command::new("minisign")
        .arg("-GW")
        .arg("-p")
        .arg(&public)
        .arg("-s")
        .arg(&secret)
        .output()
        .unwrap();
    assert!(made.status.success());
    let signed = Command::new("minisign")
        .arg("-S")
        .arg("-s")
        .arg(&secret)
        .arg("-m")
        .arg(&big)
        .output()
        .unwrap();
    assert!(signed.status.success());

    let status = Command::new(std::env::current_exe().unwrap())
        .args([
            "--exact",
            "verifying_a_1_gib_file_keeps_memory_flat",
            "--nocapture",
            "--test-threads=1",
        ])
        .env(CHILD_ENV, dir.path())
        .status()
        .unwrap();
    assert!(status.success(), "the child's verification failed");
    let usage =
        nix::sys::resource::getrusage(nix::sys::resource::UsageWho::RUSAGE_CHILDREN).unwrap();
    let peak_mib = usage.max_rss() as f64 / 1024.0;
    println!("peak RSS of verify over 1 GiB: {peak_mib:.1} MiB");
    assert!(
        peak_mib < 64.0,
        "verify used {peak_mib:.1} MiB for a 1 GiB file: it does not stream"
    );
}
