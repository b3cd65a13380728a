//! `cargo bench -p messenger-update`: verify throughput on a 100 MB file against
//! `sha256sum` and `minisign -V` on the same file (ratios), and our peak RSS. Printed only.
#![allow(clippy::unwrap_used, clippy::print_stdout)] // a benchmark binary: panics are its errors

use messenger_update::{TrustedKeys, check_sums, verify_file};
use std::process::Command;
use std::time::{Duration, Instant};

const SIZE: usize = 100 * 1000 * 1000;
const ROUNDS: usize = 5;

fn best_of(mut run: impl FnMut()) -> Duration {
    (0..ROUNDS)
        .map(|_| {
            let start = Instant::now();
            run();
            start.elapsed()
        })
        .min()
        .unwrap()
}

fn main() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("bundle.tar.xz");
    let data: Vec<u8> = (0..SIZE)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    std::fs::write(&file, &data).unwrap();
    drop(data);
    let public = dir.path().join("keys/release.pub");
    std::fs::create_dir(dir.path().join("keys")).unwrap();
    let secret = dir.path().join("release.key");
    assert!(
        Command::new("minisign")
            .arg("-GW")
            .arg("-p")
            .arg(&public)
            .arg("-s")
            .arg(&secret)
            .output()
            .unwrap()
            .status
            .success()
    );
    assert!(
        Command::new("minisign")
            .arg("-S")
            .arg("-s")
            .arg(&secret)
            .arg("-m")
            .arg(&file)
            .output()
            .unwrap()
            .status
            .success()
    );
    let sums = dir.path().join("sha256sums-unsigned-build.txt");
    let output = Command::new("sha256sum")
        .arg("bundle.tar.xz")
        .current_dir(dir.path())
        .output()
        .unwrap();
    std::fs::write(&sums, output.stdout).unwrap();
    let keys = TrustedKeys::load_dir(&dir.path().join("keys")).unwrap();

    let ours = best_of(|| {
        verify_file(&file, None, &keys).unwrap();
    });
    let our_sums = best_of(|| {
        assert!(check_sums(&sums).unwrap()[0].is_good());
    });
    let sha256sum = best_of(|| {
        assert!(
            Command::new("sha256sum")
                .arg(&file)
                .output()
                .unwrap()
                .status
                .success()
        );
    });
    let minisign = best_of(|| {
        let out = Command::new("minisign")
            .arg("-V")
            .arg("-q")
            .arg("-p")
            .arg(&public)
            .arg("-m")
            .arg(&file)
            .output()
            .unwrap();
        assert!(out.status.success());
    });
    let mb = SIZE as f64 / 1e6;
    let rate = |d: Duration| mb / d.as_secs_f64();
    println!(
        "verify (minisign signature, BLAKE2b): {:>7.3} s  {:>7.0} MB/s",
        ours.as_secs_f64(),
        rate(ours)
    );
    println!(
        "verify --sums (SHA-256):               {:>7.3} s  {:>7.0} MB/s",
        our_sums.as_secs_f64(),
        rate(our_sums)
    );
    println!(
        "minisign -V:                           {:>7.3} s  {:>7.0} MB/s",
        minisign.as_secs_f64(),
        rate(minisign)
    );
    println!(
        "sha256sum:                             {:>7.3} s  {:>7.0} MB/s",
        sha256sum.as_secs_f64(),
        rate(sha256sum)
    );
    println!(
        "ratio verify / minisign -V:   {:.2}",
        ours.as_secs_f64() / minisign.as_secs_f64()
    );
    println!(
        "ratio sums / sha256sum:       {:.2}",
        our_sums.as_secs_f64() / sha256sum.as_secs_f64()
    );
    let peak = nix::sys::resource::getrusage(nix::sys::resource::UsageWho::RUSAGE_SELF)
        .map(|usage| usage.max_rss())
        .unwrap_or(0);
    println!(
        "peak RSS of this process (includes building the 100 MB test file): {} MiB",
        peak / 1024
    );
}
