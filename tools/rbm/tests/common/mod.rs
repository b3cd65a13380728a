//! Support shared by the runner's integration tests: throwaway minisign keys and `rbm sign`.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub(crate) const RBM: &str = env!("CARGO_BIN_EXE_rbm");

/// A password-less throwaway key pair made by the real minisign CLI:
/// (`DIR/NAME.pub`, `DIR/NAME.key`).
pub(crate) fn make_key(dir: &Path, name: &str) -> (PathBuf, PathBuf) {
    let public = dir.join(format!("{name}.pub"));
    let secret = dir.join(format!("{name}.key"));
    let output = Command::new("minisign")
        .args(["-G", "-W", "-p"])
        .arg(&public)
        .arg("-s")
        .arg(&secret)
        .output()
        .expect("the minisign CLI is installed (make deps)");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    (public, secret)
}

/// `rbm sign RELEASE --key SECRET --public-key PUBLIC`.
pub(crate) fn sign(release: &Path, secret: &Path, public: &Path) -> Output {
    Command::new(RBM)
        .arg("sign")
        .arg(release)
        .arg("--key")
        .arg(secret)
        .arg("--public-key")
        .arg(public)
        .output()
        .expect("rbm runs")
}
