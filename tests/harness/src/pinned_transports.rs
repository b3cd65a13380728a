//! The bundle's own pluggable transport programs, for tests: taken from the very `.deb` files
//! the bundle recipe pins (`projects/bundle/config`, `apt_binary` inputs with their sha256),
//! checked against the pin, and unpacked into the cargo target folder. Tests never use the
//! system's `/usr/bin/obfs4proxy` for the client side: what they prove is what ships.
//!
//! The `.deb` files are looked for where `make deps` (scripts/deps) puts them,
//! `/opt/tor-messenger-tests/debs/`, and in the recipe runner's download cache
//! (`build/rbm/cache/downloads/`, filled by `make bundle`). Tests do not download anything.

use std::path::{Path, PathBuf};
use std::process::Command;

use sha2::{Digest, Sha256};

use crate::HarnessError;

const COMPONENT: &str = "pinned transports";

/// Where scripts/deps leaves the pinned `.deb` files for tests.
pub const DEBS_DIR: &str = "/opt/tor-messenger-tests/debs";

/// One `apt_binary` input of the bundle recipe.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PinnedDeb {
    /// The `.deb` file name.
    pub file: String,
    /// `package=version`.
    pub package: String,
    /// Its pinned SHA-256, lower-case hex.
    pub sha256: String,
}

/// The repository root (the harness is `tests/harness`).
pub fn repository_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The `apt_binary` inputs of `projects/bundle/config`.
pub fn bundle_debs() -> Result<Vec<PinnedDeb>, HarnessError> {
    let path = repository_root().join("projects/bundle/config");
    let text = std::fs::read_to_string(&path)
        .map_err(|e| HarnessError::io(COMPONENT, "reading projects/bundle/config", e))?;
    Ok(parse_inputs(&text))
}

/// The `[[input]]` blocks with `file`, `apt_binary` and `sha256` (a small reader for the
/// recipe's TOML: one `key = "value"` per line).
pub fn parse_inputs(text: &str) -> Vec<PinnedDeb> {
    let mut found = Vec::new();
    for block in text.split("[[input]]").skip(1) {
        let value = |key: &str| {
            block.lines().find_map(|line| {
                let (name, value) = line.split_once('=')?;
                (name.trim() == key).then(|| value.trim().trim_matches('"').to_owned())
            })
        };
        if let (Some(file), Some(package), Some(sha256)) =
            (value("file"), value("apt_binary"), value("sha256"))
        {
            found.push(PinnedDeb {
                file,
                package,
                sha256,
            });
        }
    }
    found
}

fn sha256_hex(path: &Path) -> Result<String, HarnessError> {
    let bytes =
        std::fs::read(path).map_err(|e| HarnessError::io(COMPONENT, "reading a .deb", e))?;
    Ok(Sha256::digest(&bytes)
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect())
}

/// The target folder of the running test (`target/debug` or `target/release`), where the
/// programs are unpacked.
fn target_dir() -> PathBuf {
    std::env::current_exe()
        .ok()
        .and_then(|exe| {
            exe.ancestors()
                .find(|dir| dir.file_name().is_some_and(|name| name == "deps"))
                .and_then(Path::parent)
                .map(Path::to_path_buf)
        })
        .unwrap_or_else(std::env::temp_dir)
}

/// The bundle's program `program` (such as `obfs4proxy`) from the pinned package named
/// `package` (such as `obfs4proxy`): the `.deb` is found, checked against its sha256 pin
/// and unpacked once into the target folder. Returns the program's path.
pub fn pinned_program(package: &str, program: &str) -> Result<PathBuf, HarnessError> {
    let pin = bundle_debs()?
        .into_iter()
        .find(|deb| deb.package.split('=').next() == Some(package))
        .ok_or_else(|| HarnessError::Protocol {
            component: COMPONENT.to_owned(),
            port: None,
            message: format!("projects/bundle/config pins no package {package}"),
        })?;
    let unpacked = target_dir()
        .join("pinned-transports")
        .join(&pin.sha256[..16]);
    let path = unpacked.join("usr/bin").join(program);
    if path.is_file() {
        return Ok(path);
    }
    let candidates = [
        PathBuf::from(DEBS_DIR).join(&pin.file),
        repository_root()
            .join("build/rbm/cache/downloads")
            .join(&pin.file),
    ];
    let deb = candidates
        .iter()
        .find(|candidate| candidate.is_file())
        .ok_or_else(|| HarnessError::Protocol {
            component: COMPONENT.to_owned(),
            port: None,
            message: format!(
                "{} is not in {} nor in the recipe cache: run `make deps` (scripts/deps \
                 downloads the pinned .deb files)",
                pin.file, DEBS_DIR
            ),
        })?;
    let got = sha256_hex(deb)?;
    if got != pin.sha256 {
        return Err(HarnessError::Protocol {
            component: COMPONENT.to_owned(),
            port: None,
            message: format!(
                "{} has sha256 {got}, but projects/bundle/config pins {}: delete it and run \
                 `make deps` again",
                deb.display(),
                pin.sha256
            ),
        });
    }
    // Unpacked beside, then renamed into place: test processes running at once never see a
    // half-unpacked program.
    let parent = unpacked.parent().unwrap_or(&unpacked);
    std::fs::create_dir_all(parent)
        .map_err(|e| HarnessError::io(COMPONENT, "creating the unpack folder", e))?;
    let scratch = tempfile::Builder::new()
        .prefix(".unpack-")
        .tempdir_in(parent)
        .map_err(|e| HarnessError::io(COMPONENT, "creating the unpack folder", e))?;
    let output = Command::new("dpkg-deb")
        .arg("-x")
        .arg(deb)
        .arg(scratch.path())
        .output()
        .map_err(|e| HarnessError::io(COMPONENT, "running dpkg-deb", e))?;
    if !output.status.success() {
        return Err(HarnessError::Protocol {
            component: COMPONENT.to_owned(),
            port: None,
            message: format!(
                "dpkg-deb -x {} failed: {}",
                deb.display(),
                String::from_utf8_lossy(&output.stderr)
            ),
        });
    }
    let scratch = scratch.keep();
    if std::fs::rename(&scratch, &unpacked).is_err() {
        // Another process was first: use its copy.
        let _ = std::fs::remove_dir_all(&scratch);
    }
    if path.is_file() {
        Ok(path)
    } else {
        Err(HarnessError::Protocol {
            component: COMPONENT.to_owned(),
            port: None,
            message: format!("{} has no usr/bin/{program}", pin.file),
        })
    }
}

/// The bundle's obfs4proxy, from the pinned Debian package.
pub fn obfs4proxy() -> Result<PathBuf, HarnessError> {
    pinned_program("obfs4proxy", "obfs4proxy")
}

/// The bundle's snowflake-client, from the pinned Debian package.
pub fn snowflake_client() -> Result<PathBuf, HarnessError> {
    pinned_program("snowflake-client", "snowflake-client")
}

#[cfg(test)]
mod tests;
