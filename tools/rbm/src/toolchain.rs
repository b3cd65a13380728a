//! Facts about the build machine that the recipes pin: the Rust toolchain, Debian build
//! packages, and the commit time.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::error::{Error, Result};

/// The pinned Rust toolchain, as found.
#[derive(Debug, Clone)]
pub struct Rust {
    /// `rustc --version` output.
    pub version: String,
    /// The toolchain's `bin` directory (put first on the build's PATH, so builds do not go
    /// through rustup or depend on the caller's environment).
    pub bin_dir: PathBuf,
}

/// Checks `rustc --version` (as the repository's `rust-toolchain.toml` selects it).
pub fn check_rustc(root: &Path, pin: &str) -> Result<Rust> {
    let version = run(root, "rustc", &["--version"])?;
    if !version.starts_with(pin) {
        return Err(Error::Toolchain {
            pinned: pin.into(),
            found: version,
        });
    }
    let sysroot = run(root, "rustc", &["--print", "sysroot"])?;
    Ok(Rust {
        version,
        bin_dir: PathBuf::from(sysroot).join("bin"),
    })
}

/// The installed version of each pinned Debian package; an error if any differs.
pub fn check_packages(pins: &BTreeMap<String, String>) -> Result<Vec<(String, String)>> {
    let mut found = Vec::new();
    for (package, pinned) in pins {
        let output = Command::new("dpkg-query")
            .args(["-W", "-f", "${Status}\t${Version}", package])
            .output()
            .map_err(|e| Error::Tool {
                tool: "dpkg-query".into(),
                message: e.to_string(),
            })?;
        let text = String::from_utf8_lossy(&output.stdout).into_owned();
        let installed = match text.split_once('\t') {
            Some((status, version))
                if output.status.success()
                    && status.ends_with("installed")
                    && status.contains("ok installed") =>
            {
                version.to_string()
            }
            _ => "nothing".to_string(),
        };
        if &installed != pinned {
            return Err(Error::PackagePin {
                package: package.clone(),
                pinned: pinned.clone(),
                installed,
            });
        }
        found.push((package.clone(), installed));
    }
    Ok(found)
}

/// SOURCE_DATE_EPOCH: the time of the last commit.
pub fn commit_epoch(root: &Path) -> Result<u64> {
    let text = run(root, "git", &["log", "-1", "--format=%ct"])?;
    text.parse().map_err(|_| Error::Tool {
        tool: "git log".into(),
        message: format!(
            "expected a commit time, got `{text}` (is {} a git repository with a commit?)",
            root.display()
        ),
    })
}

fn run(dir: &Path, program: &str, args: &[&str]) -> Result<String> {
    let output = Command::new(program)
        .args(args)
        .current_dir(dir)
        .output()
        .map_err(|e| Error::Tool {
            tool: program.into(),
            message: e.to_string(),
        })?;
    if !output.status.success() {
        return Err(Error::Tool {
            tool: program.into(),
            message: String::from_utf8_lossy(&output.stderr).trim().to_string(),
        });
    }
    Ok(String::from_utf8_lossy(&output.stdout).trim().to_string())
}
