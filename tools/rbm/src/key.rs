//! The output key: a hash of everything that can change a project's output. A change to any
//! part forces a rebuild; an unchanged project is reused from the store.

use sha2::{Digest, Sha256};

use crate::config::Project;
use crate::digest::hex;
use crate::fetch::Fetched;

/// What goes into a key besides the project's own files.
pub struct KeyParts<'a> {
    /// `rbm-config`'s bytes.
    pub global_config: &'a [u8],
    /// The project's verified inputs.
    pub inputs: &'a [Fetched],
    /// (dep name, dep output hash), in config order.
    pub deps: &'a [(String, String)],
    /// (package, installed version) of the pinned build packages.
    pub packages: &'a [(String, String)],
    /// `rustc --version`, if the recipes pin a toolchain.
    pub rustc: Option<&'a str>,
    /// The SOURCE_DATE_EPOCH the build gets.
    pub source_date_epoch: u64,
    /// SHA-256 of the runner binary, for projects that call `$RBM`.
    pub runner: Option<&'a str>,
}

/// The hex SHA-256 naming the project's output.
pub fn output_key(project: &Project, parts: &KeyParts<'_>) -> String {
    let mut hasher = Sha256::new();
    // Length-prefixed fields: no two different key contents hash the same bytes.
    let mut field = |label: &str, bytes: &[u8]| {
        hasher.update(label.as_bytes());
        hasher.update((bytes.len() as u64).to_le_bytes());
        hasher.update(bytes);
    };
    field("rbm-key-v1", b"");
    field("project", project.name.as_bytes());
    field("global", parts.global_config);
    field("config", &project.config_bytes);
    field("script", &project.script_bytes);
    for input in parts.inputs {
        field("input", input.name.as_bytes());
        field("input-sha256", input.sha256.as_bytes());
    }
    for (name, hash) in parts.deps {
        field("dep", name.as_bytes());
        field("dep-output", hash.as_bytes());
    }
    for (package, version) in parts.packages {
        field("package", package.as_bytes());
        field("version", version.as_bytes());
    }
    if let Some(rustc) = parts.rustc {
        field("rustc", rustc.as_bytes());
    }
    field(
        "source-date-epoch",
        parts.source_date_epoch.to_string().as_bytes(),
    );
    if let Some(runner) = parts.runner {
        field("runner", runner.as_bytes());
    }
    hex(&hasher.finalize())
}
