//! Signs a release directory with the real `minisign` CLI (prehashed signatures, `-H`) and
//! checks each signature with `minisign -V` before saying it is done.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::error::{Error, Result, io};

/// The sums file every release directory holds.
pub const SUMS_FILE: &str = "sha256sums-unsigned-build.txt";

/// Signs every artifact in `dir` and the sums file with `secret_key`, writing `FILE.minisig`
/// beside each; then verifies each signature with one of `public_keys`. Returns the files
/// signed.
pub fn sign_release(
    dir: &Path,
    secret_key: &Path,
    public_keys: &[PathBuf],
) -> Result<Vec<PathBuf>> {
    if !dir.join(SUMS_FILE).is_file() {
        return Err(Error::Tool {
            tool: "sign".into(),
            message: format!(
                "{} has no {SUMS_FILE}: build the release first (make release)",
                dir.display()
            ),
        });
    }
    if !secret_key.is_file() {
        return Err(Error::Tool {
            tool: "sign".into(),
            message: format!(
                "secret key {} does not exist (give it with KEY=path)",
                secret_key.display()
            ),
        });
    }
    if public_keys.is_empty() {
        return Err(Error::Tool {
            tool: "sign".into(),
            message: "no public key to check the signatures with (keys/*.pub is empty; pass --public-key)".into(),
        });
    }
    let mut files = Vec::new();
    for entry in fs::read_dir(dir).map_err(io(dir))? {
        let entry = entry.map_err(io(dir))?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if entry.file_type().map_err(io(entry.path()))?.is_file() && !name.ends_with(".minisig") {
            files.push(entry.path());
        }
    }
    files.sort();
    let status = Command::new("minisign")
        .args(["-S", "-H", "-s"])
        .arg(secret_key)
        .arg("-m")
        .args(&files)
        .status()
        .map_err(|e| Error::Tool {
            tool: "minisign".into(),
            message: format!("cannot run it ({e}); install minisign"),
        })?;
    if !status.success() {
        return Err(Error::Tool {
            tool: "minisign -S".into(),
            message: format!("signing failed ({status})"),
        });
    }
    for file in &files {
        let verified = public_keys.iter().any(|key| {
            Command::new("minisign")
                .args(["-V", "-q", "-p"])
                .arg(key)
                .arg("-m")
                .arg(file)
                .output()
                .is_ok_and(|o| o.status.success())
        });
        if !verified {
            return Err(Error::Tool {
                tool: "minisign -V".into(),
                message: format!(
                    "the signature of {} does not verify with any public key given (keys/*.pub): \
                     is the secret key's public half in keys/?",
                    file.display()
                ),
            });
        }
    }
    Ok(files)
}
