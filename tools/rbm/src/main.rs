//! `rbm`: build a project (`rbm build bundle`), write deterministic archives and sums for
//! build scripts (`rbm tar`, `rbm sums`, `rbm manifest`), and sign a release (`rbm sign`).

use std::path::{Path, PathBuf};

use anyhow::{Context, bail};
use clap::{Parser, Subcommand};

use rbm::archive::{ArchiveOptions, write_tar_xz};
use rbm::manifest::{ManifestSettings, check_signed_manifest, write_manifest};
use rbm::pipeline::{self, Layout, Options};
use rbm::sign::{SUMS_FILE, sign_release};
use rbm::sums::sums_of_dir;

#[derive(Parser)]
#[command(name = "rbm", version, about = "Deterministic build recipes runner")]
struct Cli {
    #[command(subcommand)]
    command: Cmd,
}

#[derive(Subcommand)]
enum Cmd {
    /// Build a project and its dependencies (reusing unchanged outputs).
    Build {
        /// The project (a directory under projects/).
        project: String,
        /// The repository root.
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Where outputs, build directories and logs go.
        #[arg(long, default_value = "build/rbm")]
        state: PathBuf,
        /// The download cache (default: STATE/cache).
        #[arg(long)]
        cache: Option<PathBuf>,
        /// Copy the project's output files into this directory (replacing it).
        #[arg(long)]
        dest: Option<PathBuf>,
        /// Parallel jobs inside a build (does not change the output).
        #[arg(long)]
        jobs: Option<u32>,
        /// Also take files git does not track yet (development only; a release builds
        /// what is committed).
        #[arg(long)]
        untracked: bool,
        /// Give builds this extra variable, NAME=VALUE (testing only: `make reproduce` uses
        /// it to run builds under libfaketime). Not part of the output key.
        #[arg(long = "extra-env", value_name = "NAME=VALUE")]
        extra_env: Vec<String>,
    },
    /// Write a deterministic .tar.xz of a directory.
    Tar {
        /// The directory to archive.
        dir: PathBuf,
        /// The archive to write.
        #[arg(short, long)]
        output: PathBuf,
        /// Modification time of every entry (default: $SOURCE_DATE_EPOCH).
        #[arg(long)]
        mtime: Option<u64>,
        /// Top folder inside the archive.
        #[arg(long)]
        prefix: Option<String>,
    },
    /// Write sha256sums-unsigned-build.txt for the files of a directory.
    Sums {
        /// The release directory.
        dir: PathBuf,
    },
    /// Write manifest.json, the update manifest of a release directory's bundles
    /// (docs/update-manifest.md). Every value comes from committed data, so two builds of
    /// one commit write the same bytes.
    Manifest {
        /// The release directory (holding tor-messenger-VERSION-PLATFORM.tar.xz).
        dir: PathBuf,
        /// The sequence number (bumped by the release manager for every manifest).
        #[arg(long)]
        sequence: u64,
        /// `expires` is `issued` plus this many days.
        #[arg(long)]
        valid_days: u32,
        /// The release version (default: $RBM_VERSION).
        #[arg(long)]
        version: Option<String>,
        /// The release channel (default: $RBM_CHANNEL).
        #[arg(long)]
        channel: Option<String>,
        /// `issued`, seconds since 1970 (default: $SOURCE_DATE_EPOCH).
        #[arg(long)]
        issued: Option<i64>,
        /// Announce this public key (minisign base64 line) for later manifests (rotation).
        #[arg(long = "add-key", value_name = "BASE64")]
        add_keys: Vec<String>,
        /// Stop trusting this key id (revocation).
        #[arg(long = "revoke-key", value_name = "KEY_ID")]
        revoke_keys: Vec<String>,
    },
    /// Sign every file of a release directory with minisign (prehashed), then verify.
    Sign {
        /// The release directory.
        dir: PathBuf,
        /// The minisign secret key (never kept in the repository).
        #[arg(long)]
        key: PathBuf,
        /// Public keys to verify with (default: keys/*.pub).
        #[arg(long = "public-key")]
        public_keys: Vec<PathBuf>,
    },
}

fn main() -> anyhow::Result<()> {
    match Cli::parse().command {
        Cmd::Build {
            project,
            root,
            state,
            cache,
            dest,
            jobs,
            untracked,
            extra_env,
        } => {
            let extra_env = extra_env
                .iter()
                .map(|pair| match pair.split_once('=') {
                    Some((name, value)) if !name.is_empty() => {
                        Ok((name.to_string(), value.to_string()))
                    }
                    _ => bail!("--extra-env wants NAME=VALUE, got `{pair}`"),
                })
                .collect::<anyhow::Result<Vec<_>>>()?;
            build(
                &project,
                root,
                &state,
                cache,
                dest,
                BuildFlags {
                    jobs,
                    untracked,
                    extra_env,
                },
            )
        }
        Cmd::Tar {
            dir,
            output,
            mtime,
            prefix,
        } => {
            let mtime = match mtime {
                Some(mtime) => mtime,
                None => std::env::var("SOURCE_DATE_EPOCH")
                    .context("give --mtime or set SOURCE_DATE_EPOCH")?
                    .parse()
                    .context("SOURCE_DATE_EPOCH is not a number")?,
            };
            write_tar_xz(&dir, &output, &ArchiveOptions { mtime, prefix })?;
            Ok(())
        }
        Cmd::Sums { dir } => {
            let sums = sums_of_dir(&dir, &[SUMS_FILE])?;
            let path = dir.join(SUMS_FILE);
            std::fs::write(&path, sums).with_context(|| format!("writing {}", path.display()))?;
            Ok(())
        }
        Cmd::Sign {
            dir,
            key,
            public_keys,
        } => {
            let public_keys = if public_keys.is_empty() {
                keys_in(Path::new("keys"))?
            } else {
                public_keys
            };
            for file in sign_release(&dir, &key, &public_keys)? {
                println!("signed and verified {}", file.display());
            }
            check_manifest_after_signing(&dir, &public_keys)
        }
        Cmd::Manifest {
            dir,
            sequence,
            valid_days,
            version,
            channel,
            issued,
            add_keys,
            revoke_keys,
        } => {
            let settings = ManifestSettings {
                version: arg_or_env(version, "--version", "RBM_VERSION")?,
                channel: arg_or_env(channel, "--channel", "RBM_CHANNEL")?,
                sequence,
                issued: arg_or_env(issued, "--issued", "SOURCE_DATE_EPOCH")?,
                valid_days,
                add_keys,
                revoke_keys,
            };
            let path = write_manifest(&dir, &settings)?;
            println!("wrote {}", path.display());
            Ok(())
        }
    }
}

/// A value from the command line, else from the environment the runner gives build scripts.
fn arg_or_env<T: std::str::FromStr>(arg: Option<T>, flag: &str, var: &str) -> anyhow::Result<T>
where
    T::Err: std::fmt::Display,
{
    if let Some(value) = arg {
        return Ok(value);
    }
    let text = std::env::var(var).with_context(|| format!("give {flag} or set {var}"))?;
    text.parse()
        .map_err(|error| anyhow::anyhow!("{var}={text:?}: {error}"))
}

/// A signed release with a manifest is only done when clients would accept the manifest.
fn check_manifest_after_signing(dir: &Path, public_keys: &[PathBuf]) -> anyhow::Result<()> {
    if !dir.join(rbm::manifest::MANIFEST_FILE).exists() {
        eprintln!(
            "note: {} has no {}: clients cannot learn of this release (make release writes it)",
            dir.display(),
            rbm::manifest::MANIFEST_FILE
        );
        return Ok(());
    }
    let now = time::OffsetDateTime::now_utc();
    let manifest = check_signed_manifest(dir, public_keys, now)?;
    println!(
        "manifest sequence {} checked as clients will check it; it expires {} ({} days from now)",
        manifest.sequence,
        manifest
            .expires
            .format(&time::format_description::well_known::Rfc3339)
            .unwrap_or_default(),
        (manifest.expires - now).whole_days()
    );
    Ok(())
}

struct BuildFlags {
    jobs: Option<u32>,
    untracked: bool,
    extra_env: Vec<(String, String)>,
}

fn build(
    project: &str,
    root: PathBuf,
    state: &Path,
    cache: Option<PathBuf>,
    dest: Option<PathBuf>,
    flags: BuildFlags,
) -> anyhow::Result<()> {
    let BuildFlags {
        jobs,
        untracked,
        extra_env,
    } = flags;
    let root = std::fs::canonicalize(&root)
        .with_context(|| format!("repository root {}", root.display()))?;
    std::fs::create_dir_all(state).with_context(|| format!("creating {}", state.display()))?;
    let state = std::fs::canonicalize(state)?;
    let cache = cache.unwrap_or_else(|| state.join("cache"));
    std::fs::create_dir_all(&cache).with_context(|| format!("creating {}", cache.display()))?;
    let cache = std::fs::canonicalize(&cache)?;
    let layout = Layout::new(root, &state, cache);
    let jobs =
        jobs.unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get() as u32));
    let runner = std::env::current_exe().context("finding the rbm executable")?;
    let options = Options {
        jobs,
        runner,
        untracked,
        extra_env,
    };
    let started = std::time::Instant::now();
    let built = pipeline::build(&layout, &options, project, |b| {
        let how = if b.reused { "reused" } else { "built" };
        println!(
            "{how:>6} {:<14} {:>7.1}s  {}",
            b.name,
            b.seconds,
            b.dir.display()
        );
    })?;
    println!("total {:.1}s", started.elapsed().as_secs_f64());
    if let (Some(dest), Some(last)) = (dest, built.last()) {
        copy_output(&last.dir, &dest)?;
        println!("output in {}", dest.display());
    }
    Ok(())
}

/// Replaces `dest` with a copy of the output tree `from`.
fn copy_output(from: &Path, dest: &Path) -> anyhow::Result<()> {
    if dest.exists() {
        std::fs::remove_dir_all(dest).with_context(|| format!("removing {}", dest.display()))?;
    }
    copy_tree(from, dest)
}

fn copy_tree(from: &Path, dest: &Path) -> anyhow::Result<()> {
    std::fs::create_dir_all(dest).with_context(|| format!("creating {}", dest.display()))?;
    for entry in std::fs::read_dir(from)? {
        let entry = entry?;
        let target = dest.join(entry.file_name());
        let kind = entry.file_type()?;
        if kind.is_dir() {
            copy_tree(&entry.path(), &target)?;
        } else if kind.is_symlink() {
            std::os::unix::fs::symlink(std::fs::read_link(entry.path())?, &target)?;
        } else if kind.is_file() {
            std::fs::copy(entry.path(), &target)
                .with_context(|| format!("copying to {}", target.display()))?;
        } else {
            bail!(
                "{}: not a file, directory or symlink",
                entry.path().display()
            );
        }
    }
    Ok(())
}

fn keys_in(dir: &Path) -> anyhow::Result<Vec<PathBuf>> {
    let mut keys = Vec::new();
    if let Ok(entries) = std::fs::read_dir(dir) {
        for entry in entries.flatten() {
            if entry.path().extension().is_some_and(|e| e == "pub") {
                keys.push(entry.path());
            }
        }
    }
    keys.sort();
    Ok(keys)
}
