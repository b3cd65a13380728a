//! Brings every input into the cache (or finds it in the repository) and checks its pin.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::apt::AptSources;
use crate::config::{Input, InputSource};
use crate::digest::{self, sha256_file};
use crate::error::{Error, Result, io};

/// An input ready to be placed in a build directory.
#[derive(Debug, Clone)]
pub struct Fetched {
    /// Name under `inputs/`.
    pub name: String,
    /// SHA-256 of its content (for a tree: of its manifest).
    pub sha256: String,
    /// What to place.
    pub content: Content,
}

/// The content of a fetched input.
#[derive(Debug, Clone)]
pub enum Content {
    /// A single file (verified against its pin).
    File(PathBuf),
    /// A directory in the cache, used as it is (vendored crates).
    Dir(PathBuf),
    /// Files of the repository, copied into the build directory: (source, relative path).
    Files(Vec<(PathBuf, PathBuf)>),
}

/// Fetches inputs into `cache` for a repository at `root`.
pub struct Fetcher {
    root: PathBuf,
    cache: PathBuf,
    apt: AptSources,
    untracked: bool,
}

impl Fetcher {
    /// A fetcher with its download cache in `cache`. With `untracked`, repository trees
    /// also take files git does not track yet (but does not ignore): handy while
    /// developing, never for a release (a fresh clone would not have them).
    pub fn new(root: PathBuf, cache: PathBuf, untracked: bool) -> Self {
        let apt = AptSources::new(cache.join("apt"));
        Self {
            root,
            cache,
            apt,
            untracked,
        }
    }

    /// Fetches (if needed) and verifies one input.
    pub fn fetch(&mut self, input: &Input) -> Result<Fetched> {
        let (sha256, content) = match &input.source {
            InputSource::AptSource { package } | InputSource::AptBinary { package } => {
                let downloads = self.cache.join("downloads");
                fs::create_dir_all(&downloads).map_err(io(&downloads))?;
                let path = downloads.join(&input.name);
                if !path.exists() {
                    let partial = downloads.join(format!("{}.part", input.name));
                    if matches!(input.source, InputSource::AptBinary { .. }) {
                        self.apt.download_binary(package, &input.name, &partial)?;
                    } else {
                        self.apt.download(package, &input.name, &partial)?;
                    }
                    verify(&input.name, input.sha256.as_deref(), &partial)?;
                    fs::rename(&partial, &path).map_err(io(&path))?;
                }
                (
                    verify(&input.name, input.sha256.as_deref(), &path)?,
                    Content::File(path),
                )
            }
            InputSource::LocalFile { path } => {
                let path = self.root.join(path);
                if !path.is_file() {
                    return Err(Error::Fetch {
                        file: input.name.clone(),
                        message: format!("{} does not exist", path.display()),
                    });
                }
                (
                    verify(&input.name, input.sha256.as_deref(), &path)?,
                    Content::File(path),
                )
            }
            InputSource::GitTree {
                path,
                exclude,
                include,
            } => {
                let files = git_files(&self.root, path, exclude, include, self.untracked)?;
                let mut manifest = String::new();
                for (source, relative) in &files {
                    let metadata = fs::symlink_metadata(source).map_err(io(source))?;
                    let exec = if digest::is_executable(&metadata) {
                        "x"
                    } else {
                        "-"
                    };
                    let hash = if metadata.file_type().is_symlink() {
                        digest::sha256_bytes(
                            fs::read_link(source)
                                .map_err(io(source))?
                                .as_os_str()
                                .as_encoded_bytes(),
                        )
                    } else {
                        sha256_file(source)?
                    };
                    manifest.push_str(&format!("{exec} {hash} {}\n", relative.display()));
                }
                (
                    digest::sha256_bytes(manifest.as_bytes()),
                    Content::Files(files),
                )
            }
            InputSource::CargoVendor { lockfile } => {
                let lock = self.root.join(lockfile);
                let sha = sha256_file(&lock)?;
                let dir = self.cache.join("vendor").join(&sha[..16]);
                if !dir.join(".rbm-complete").exists() {
                    self.vendor(&lock, &dir)?;
                }
                // Cargo itself checks every vendored crate against the checksums that the
                // lock file pins (`--locked` with a directory source), so the lock file's
                // hash identifies the vendored tree.
                (sha, Content::Dir(dir))
            }
        };
        Ok(Fetched {
            name: input.name.clone(),
            sha256,
            content,
        })
    }

    /// `cargo vendor` of the workspace the lock file belongs to (uses the crates registry).
    fn vendor(&self, lock: &Path, dir: &Path) -> Result<()> {
        let workspace = lock.parent().unwrap_or(&self.root);
        if dir.exists() {
            fs::remove_dir_all(dir).map_err(io(dir))?;
        }
        let output = Command::new("cargo")
            .args([
                "vendor",
                "--locked",
                "--versioned-dirs",
                "--quiet",
                "--manifest-path",
            ])
            .arg(workspace.join("Cargo.toml"))
            .arg(dir)
            .current_dir(workspace)
            .output()
            .map_err(|e| Error::Tool {
                tool: "cargo vendor".into(),
                message: e.to_string(),
            })?;
        if !output.status.success() {
            return Err(Error::Fetch {
                file: "Cargo.lock".into(),
                message: format!(
                    "cargo vendor failed: {}",
                    String::from_utf8_lossy(&output.stderr).trim()
                ),
            });
        }
        let marker = dir.join(".rbm-complete");
        fs::write(&marker, b"").map_err(io(&marker))
    }
}

/// Checks a file against its pin; returns its hash.
pub fn verify(name: &str, expected: Option<&str>, path: &Path) -> Result<String> {
    let got = sha256_file(path)?;
    match expected {
        Some(expected) if expected != got => Err(Error::HashMismatch {
            file: name.into(),
            expected: expected.into(),
            got,
            path: path.to_path_buf(),
        }),
        _ => Ok(got),
    }
}

/// The files git tracks under `subdir` (only under `include` prefixes, if any), minus
/// excluded prefixes and files deleted in the working tree. Uncommitted edits of tracked files are included (that is what an
/// incremental rebuild builds); untracked files are not (a fresh clone would lack them).
fn git_files(
    root: &Path,
    subdir: &Path,
    exclude: &[String],
    include: &[String],
    untracked: bool,
) -> Result<Vec<(PathBuf, PathBuf)>> {
    let base = root.join(subdir);
    let mut args = vec!["ls-files", "-z", "--cached"];
    if untracked {
        args.extend(["--others", "--exclude-standard"]);
    }
    let output = Command::new("git")
        .args(&args)
        .args(["--", "."])
        .current_dir(&base)
        .output()
        .map_err(|e| Error::Tool {
            tool: "git".into(),
            message: e.to_string(),
        })?;
    if !output.status.success() {
        return Err(Error::Tool {
            tool: "git ls-files".into(),
            message: format!(
                "{}: {}",
                base.display(),
                String::from_utf8_lossy(&output.stderr).trim()
            ),
        });
    }
    let mut files = Vec::new();
    for raw in output.stdout.split(|b| *b == 0).filter(|s| !s.is_empty()) {
        let relative = PathBuf::from(String::from_utf8_lossy(raw).into_owned());
        let excluded = exclude.iter().any(|prefix| relative.starts_with(prefix))
            || (!include.is_empty() && !include.iter().any(|prefix| relative.starts_with(prefix)));
        let source = base.join(&relative);
        if !excluded && fs::symlink_metadata(&source).is_ok() {
            files.push((source, relative));
        }
    }
    files.sort_by(|a, b| a.1.cmp(&b.1));
    Ok(files)
}
