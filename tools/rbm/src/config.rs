//! The recipe files: `rbm-config` (global) and `projects/NAME/config`, both TOML.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::error::{Error, Result, io};

/// `rbm-config`: what every build shares.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GlobalConfig {
    /// The product version (goes into file names).
    pub version: String,
    /// Release channel, e.g. "alpha".
    pub channel: String,
    /// Targets the recipes support; the first is the default.
    pub targets: Vec<String>,
    /// `rustc --version` must start with this, e.g. "rustc 1.95.0".
    #[serde(default)]
    pub rustc: Option<String>,
    /// The fixed environment of every build (TZ, LC_ALL, HOME, PATH, ...).
    #[serde(default)]
    pub env: BTreeMap<String, String>,
}

impl GlobalConfig {
    /// Reads and checks `rbm-config`.
    pub fn load(path: &Path) -> Result<(Self, Vec<u8>)> {
        let bytes = fs::read(path).map_err(io(path))?;
        let config: Self = parse(path, &bytes)?;
        if config.targets.is_empty() {
            return Err(config_error(
                path,
                "`targets` is empty: name at least one target",
            ));
        }
        Ok((config, bytes))
    }
}

/// One input of a project, as written in its config.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawInput {
    file: Option<String>,
    name: Option<String>,
    sha256: Option<String>,
    apt_source: Option<String>,
    apt_binary: Option<String>,
    path: Option<String>,
    git_tree: Option<String>,
    cargo_vendor: Option<String>,
    #[serde(default)]
    exclude: Vec<String>,
    #[serde(default)]
    include: Vec<String>,
}

/// Where an input comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InputSource {
    /// A file of a Debian source package (`apt-get source --download-only PACKAGE`).
    AptSource {
        /// `package` or `package=version`.
        package: String,
    },
    /// A Debian binary package (`apt-get download PACKAGE=VERSION`), for data files such as
    /// fonts that the bundle ships; the build unpacks it with `dpkg-deb -x`.
    AptBinary {
        /// `package=version`.
        package: String,
    },
    /// A file in the repository, relative to its root.
    LocalFile {
        /// Path relative to the repository root.
        path: PathBuf,
    },
    /// The files git tracks under a directory of the repository (the workspace itself).
    GitTree {
        /// Directory relative to the repository root.
        path: PathBuf,
        /// Path prefixes (relative to `path`) left out.
        exclude: Vec<String>,
        /// If not empty, only paths under these prefixes are taken.
        include: Vec<String>,
    },
    /// The crates a `Cargo.lock` names, vendored with `cargo vendor`.
    CargoVendor {
        /// The lock file, relative to the repository root.
        lockfile: PathBuf,
    },
}

/// One input: a name inside the build's `inputs/` directory, a source, and (for files from
/// outside the repository) the pinned SHA-256.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Input {
    /// File or directory name under `inputs/`.
    pub name: String,
    /// Where it comes from.
    pub source: InputSource,
    /// The pinned SHA-256 (required for files).
    pub sha256: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawProject {
    #[serde(default)]
    deps: Vec<String>,
    #[serde(default, rename = "input")]
    inputs: Vec<RawInput>,
    #[serde(default)]
    env: BTreeMap<String, String>,
    #[serde(default)]
    build_packages: BTreeMap<String, String>,
    source_date_epoch: Option<u64>,
    #[serde(default)]
    uses_rbm: bool,
}

/// A project: its config, its build script, and where they live.
#[derive(Debug, Clone)]
pub struct Project {
    /// The directory name under `projects/`.
    pub name: String,
    /// Other projects whose outputs this one needs.
    pub deps: Vec<String>,
    /// Inputs, in config order.
    pub inputs: Vec<Input>,
    /// Extra fixed environment for this project's build.
    pub env: BTreeMap<String, String>,
    /// Debian packages the build uses from the system, with their pinned versions.
    pub build_packages: BTreeMap<String, String>,
    /// A fixed SOURCE_DATE_EPOCH (else the commit's time).
    pub source_date_epoch: Option<u64>,
    /// Whether the build calls `$RBM` (then the runner's own binary is part of its key).
    pub uses_rbm: bool,
    /// The config file's bytes (part of the output key).
    pub config_bytes: Vec<u8>,
    /// The build script's bytes (part of the output key).
    pub script_bytes: Vec<u8>,
    /// `projects/NAME/build`.
    pub script_path: PathBuf,
}

impl Project {
    /// Reads `projects/NAME/config` and `projects/NAME/build`.
    pub fn load(projects_dir: &Path, name: &str, wanted_by: &str) -> Result<Self> {
        if !is_plain_name(name) {
            return Err(Error::UnknownProject {
                name: name.into(),
                wanted_by: wanted_by.into(),
            });
        }
        let dir = projects_dir.join(name);
        let config_path = dir.join("config");
        if !config_path.is_file() {
            return Err(Error::UnknownProject {
                name: name.into(),
                wanted_by: wanted_by.into(),
            });
        }
        let config_bytes = fs::read(&config_path).map_err(io(&config_path))?;
        let raw: RawProject = parse(&config_path, &config_bytes)?;
        let script_path = dir.join("build");
        let script_bytes = fs::read(&script_path).map_err(|_| {
            config_error(
                &config_path,
                &format!(
                    "project `{name}` has no build script {}",
                    script_path.display()
                ),
            )
        })?;
        let inputs = raw
            .inputs
            .into_iter()
            .map(|input| check_input(&config_path, input))
            .collect::<Result<Vec<_>>>()?;
        let mut seen = std::collections::BTreeSet::new();
        for input in &inputs {
            if !seen.insert(input.name.clone()) {
                return Err(config_error(
                    &config_path,
                    &format!("two inputs are named `{}`", input.name),
                ));
            }
        }
        Ok(Self {
            name: name.into(),
            deps: raw.deps,
            inputs,
            env: raw.env,
            build_packages: raw.build_packages,
            source_date_epoch: raw.source_date_epoch,
            uses_rbm: raw.uses_rbm,
            config_bytes,
            script_bytes,
            script_path,
        })
    }
}

/// Checks one raw input: exactly one source, a plain name, a well-formed pin where needed.
fn check_input(config: &Path, raw: RawInput) -> Result<Input> {
    let sources = [
        &raw.apt_source,
        &raw.apt_binary,
        &raw.path,
        &raw.git_tree,
        &raw.cargo_vendor,
    ]
    .iter()
    .filter(|source| source.is_some())
    .count();
    let label = raw
        .file
        .clone()
        .or_else(|| raw.name.clone())
        .unwrap_or_else(|| "(unnamed)".into());
    if sources != 1 {
        return Err(config_error(
            config,
            &format!(
                "input `{label}` needs exactly one of apt_source, apt_binary, path, git_tree, cargo_vendor"
            ),
        ));
    }
    let name = match (&raw.file, &raw.name) {
        (Some(file), None) => file.clone(),
        (None, Some(name)) => name.clone(),
        _ => {
            return Err(config_error(
                config,
                &format!("input `{label}` needs exactly one of `file` or `name`"),
            ));
        }
    };
    if !is_plain_name(&name) {
        return Err(config_error(
            config,
            &format!("input name `{name}` must be a plain file name"),
        ));
    }
    let is_hex = |sha: &str| {
        sha.len() == 64
            && sha
                .bytes()
                .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
    };
    if raw.sha256.as_deref().is_some_and(|sha| !is_hex(sha)) {
        return Err(config_error(
            config,
            &format!("input `{name}`: sha256 must be 64 lowercase hex digits"),
        ));
    }
    let source = if let Some(package) = raw.apt_source {
        InputSource::AptSource { package }
    } else if let Some(package) = raw.apt_binary {
        if !package.contains('=') {
            return Err(config_error(
                config,
                &format!("input `{name}`: apt_binary needs an exact version, `package=version`"),
            ));
        }
        InputSource::AptBinary { package }
    } else if let Some(path) = raw.path {
        InputSource::LocalFile {
            path: PathBuf::from(path),
        }
    } else if let Some(path) = raw.git_tree {
        InputSource::GitTree {
            path: PathBuf::from(path),
            exclude: raw.exclude,
            include: raw.include,
        }
    } else if let Some(lockfile) = raw.cargo_vendor {
        InputSource::CargoVendor {
            lockfile: PathBuf::from(lockfile),
        }
    } else {
        return Err(config_error(
            config,
            &format!("input `{name}` has no source"),
        ));
    };
    let needs_pin = matches!(
        source,
        InputSource::AptSource { .. }
            | InputSource::AptBinary { .. }
            | InputSource::LocalFile { .. }
    );
    if needs_pin && raw.sha256.is_none() {
        return Err(config_error(
            config,
            &format!("input `{name}` must be pinned with `sha256 = \"...\"`"),
        ));
    }
    Ok(Input {
        name,
        source,
        sha256: raw.sha256,
    })
}

fn is_plain_name(name: &str) -> bool {
    !name.is_empty() && name != "." && name != ".." && !name.contains('/') && !name.contains('\0')
}

fn parse<T: serde::de::DeserializeOwned>(path: &Path, bytes: &[u8]) -> Result<T> {
    let text = std::str::from_utf8(bytes).map_err(|_| config_error(path, "is not UTF-8 text"))?;
    toml::from_str(text).map_err(|e| config_error(path, &e.to_string()))
}

fn config_error(path: &Path, message: &str) -> Error {
    Error::Config {
        path: path.to_path_buf(),
        message: message.to_string(),
    }
}

#[cfg(test)]
mod tests;
