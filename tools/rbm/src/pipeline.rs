//! Builds a project and its dependencies: fetch, key, reuse or run, store.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

use crate::config::{GlobalConfig, Project};
use crate::error::{Error, Result, io};
use crate::fetch::{Content, Fetched, Fetcher};
use crate::key::{KeyParts, output_key};
use crate::{digest, graph, toolchain};

/// Where the runner keeps its state. Everything is under one directory so a second build
/// "somewhere else" is just another `state` directory.
#[derive(Debug, Clone)]
pub struct Layout {
    /// The repository (holds `rbm-config` and `projects/`).
    pub root: PathBuf,
    /// Downloaded inputs and vendored crates (content-addressed, safe to share).
    pub cache: PathBuf,
    /// Finished outputs, `NAME-KEY/`, with `NAME-KEY.sha256` beside each.
    pub store: PathBuf,
    /// Build directories (fresh for each build, removed after success).
    pub work: PathBuf,
    /// One log per project, `NAME.log`.
    pub logs: PathBuf,
}

impl Layout {
    /// The usual layout: everything under `state`, the cache in `cache`.
    pub fn new(root: PathBuf, state: &Path, cache: PathBuf) -> Self {
        Self {
            root,
            cache,
            store: state.join("store"),
            work: state.join("work"),
            logs: state.join("logs"),
        }
    }
}

/// Knobs that must not change the output.
#[derive(Debug, Clone)]
pub struct Options {
    /// Parallel jobs a build may use (`RBM_JOBS`).
    pub jobs: u32,
    /// The runner's own executable, given to builds as `$RBM`.
    pub runner: PathBuf,
    /// Whether repository trees take untracked (not ignored) files too.
    pub untracked: bool,
    /// Extra variables for builds (only for testing that builds do not depend on them, e.g.
    /// libfaketime's LD_PRELOAD and FAKETIME). They are not part of the output key.
    pub extra_env: Vec<(String, String)>,
}

/// One built (or reused) project.
#[derive(Debug, Clone)]
pub struct Built {
    /// Project name.
    pub name: String,
    /// Its output key.
    pub key: String,
    /// The output directory in the store.
    pub dir: PathBuf,
    /// SHA-256 of the output tree's manifest.
    pub output_hash: String,
    /// Whether it came from the store without running its script.
    pub reused: bool,
    /// Seconds spent (fetch + build).
    pub seconds: f64,
}

/// Builds `target` and its dependencies; returns them in build order.
pub fn build(
    layout: &Layout,
    options: &Options,
    target: &str,
    mut report: impl FnMut(&Built),
) -> Result<Vec<Built>> {
    let (global, global_bytes) = GlobalConfig::load(&layout.root.join("rbm-config"))?;
    let order = graph::build_order(&layout.root.join("projects"), target)?;
    let rust = match &global.rustc {
        Some(pin) => Some(toolchain::check_rustc(&layout.root, pin)?),
        None => None,
    };
    let runner_hash = digest::sha256_file(&options.runner)?;
    let mut fetcher = Fetcher::new(layout.root.clone(), layout.cache.clone(), options.untracked);
    let mut done: BTreeMap<String, Built> = BTreeMap::new();
    let mut commit_epoch = None;
    for project in &order {
        let started = Instant::now();
        let inputs = project
            .inputs
            .iter()
            .map(|input| fetcher.fetch(input))
            .collect::<Result<Vec<_>>>()?;
        let packages = toolchain::check_packages(&project.build_packages)?;
        let deps: Vec<(String, String)> = project
            .deps
            .iter()
            .filter_map(|dep| done.get(dep).map(|b| (dep.clone(), b.output_hash.clone())))
            .collect();
        let epoch = match project.source_date_epoch {
            Some(epoch) => epoch,
            None => match commit_epoch {
                Some(epoch) => epoch,
                None => {
                    let epoch = toolchain::commit_epoch(&layout.root)?;
                    commit_epoch = Some(epoch);
                    epoch
                }
            },
        };
        let parts = KeyParts {
            global_config: &global_bytes,
            inputs: &inputs,
            deps: &deps,
            packages: &packages,
            rustc: rust.as_ref().map(|r| r.version.as_str()),
            source_date_epoch: epoch,
            runner: project.uses_rbm.then_some(runner_hash.as_str()),
        };
        let key = output_key(project, &parts);
        let out_dir = layout
            .store
            .join(format!("{}-{}", project.name, &key[..16]));
        let hash_file = layout
            .store
            .join(format!("{}-{}.sha256", project.name, &key[..16]));
        let (output_hash, reused) = match fs::read_to_string(&hash_file) {
            Ok(hash) if out_dir.is_dir() => (hash.trim().to_string(), true),
            _ => {
                let context = RunContext {
                    layout,
                    options,
                    global: &global,
                    project,
                    key: &key,
                    epoch,
                    rust_bin: rust.as_ref().map(|r| r.bin_dir.as_path()),
                    done: &done,
                };
                let hash = run_build(&context, &inputs, &out_dir)?;
                fs::write(&hash_file, format!("{hash}\n")).map_err(io(&hash_file))?;
                (hash, false)
            }
        };
        let built = Built {
            name: project.name.clone(),
            key,
            dir: out_dir,
            output_hash,
            reused,
            seconds: started.elapsed().as_secs_f64(),
        };
        report(&built);
        done.insert(project.name.clone(), built);
    }
    Ok(order.iter().filter_map(|p| done.remove(&p.name)).collect())
}

struct RunContext<'a> {
    layout: &'a Layout,
    options: &'a Options,
    global: &'a GlobalConfig,
    project: &'a Project,
    key: &'a str,
    epoch: u64,
    rust_bin: Option<&'a Path>,
    done: &'a BTreeMap<String, Built>,
}

/// Runs the build script in a fresh directory with a clean, fixed environment, then moves
/// its output into the store. Returns the output's hash.
fn run_build(context: &RunContext<'_>, inputs: &[Fetched], out_dir: &Path) -> Result<String> {
    let RunContext {
        layout,
        options,
        global,
        project,
        key,
        epoch,
        rust_bin,
        done,
    } = context;
    let build_dir = layout.work.join(format!("{}-{}", project.name, &key[..16]));
    if build_dir.exists() {
        fs::remove_dir_all(&build_dir).map_err(io(&build_dir))?;
    }
    let inputs_dir = build_dir.join("inputs");
    let deps_dir = build_dir.join("deps");
    let outdir = build_dir.join("out");
    for dir in [&inputs_dir, &deps_dir, &outdir, &layout.logs, &layout.store] {
        fs::create_dir_all(dir).map_err(io(dir))?;
    }
    for input in inputs {
        stage_input(&inputs_dir, input)?;
    }
    for dep in &project.deps {
        if let Some(built) = done.get(dep) {
            let link = deps_dir.join(dep);
            std::os::unix::fs::symlink(&built.dir, &link).map_err(io(&link))?;
        }
    }
    let script = build_dir.join("build.sh");
    fs::write(&script, &project.script_bytes).map_err(io(&script))?;

    let log_path = layout.logs.join(format!("{}.log", project.name));
    let log = fs::File::create(&log_path).map_err(io(&log_path))?;
    let log_err = log.try_clone().map_err(io(&log_path))?;

    let mut env: BTreeMap<String, String> = global.env.clone();
    env.extend(project.env.clone());
    let base_path = env
        .get("PATH")
        .cloned()
        .unwrap_or_else(|| "/usr/bin:/bin".into());
    if let Some(bin) = rust_bin {
        env.insert("PATH".into(), format!("{}:{base_path}", bin.display()));
    } else {
        env.insert("PATH".into(), base_path);
    }
    let dirs = [
        ("BUILD_DIR", &build_dir),
        ("INPUTS_DIR", &inputs_dir),
        ("DEPS_DIR", &deps_dir),
        ("OUTDIR", &outdir),
    ];
    for (name, dir) in dirs {
        env.insert(name.into(), dir.display().to_string());
    }
    env.insert("RBM".into(), options.runner.display().to_string());
    env.insert("RBM_PROJECT".into(), project.name.clone());
    env.insert("RBM_VERSION".into(), global.version.clone());
    env.insert("RBM_CHANNEL".into(), global.channel.clone());
    env.insert(
        "RBM_TARGET".into(),
        global.targets.first().cloned().unwrap_or_default(),
    );
    env.insert("RBM_JOBS".into(), options.jobs.to_string());
    env.insert("SOURCE_DATE_EPOCH".into(), epoch.to_string());
    env.extend(options.extra_env.iter().cloned());

    // `env -i` in effect: nothing of the caller's environment reaches the build. The umask
    // is set by the shell that then runs the script with -e (stop at the first error) and
    // -u (an unset variable is a bug).
    let status = Command::new("/bin/sh")
        .arg("-c")
        .arg("umask 022 && exec /bin/sh -eu \"$0\"")
        .arg(&script)
        .env_clear()
        .envs(&env)
        .current_dir(&build_dir)
        .stdin(Stdio::null())
        .stdout(log)
        .stderr(log_err)
        .status()
        .map_err(|e| Error::Tool {
            tool: "/bin/sh".into(),
            message: e.to_string(),
        })?;
    if !status.success() {
        return Err(Error::BuildFailed {
            project: project.name.clone(),
            status: status.to_string(),
            log: log_path.clone(),
            tail: log_tail(&log_path, 30),
        });
    }
    let hash = digest::sha256_tree(&outdir)?;
    if out_dir.exists() {
        fs::remove_dir_all(out_dir).map_err(io(out_dir))?;
    }
    fs::rename(&outdir, out_dir).map_err(io(out_dir))?;
    fs::remove_dir_all(&build_dir).map_err(io(&build_dir))?;
    Ok(hash)
}

/// Places an input under `inputs/`: files and cache directories as symlinks (the cache is
/// content-addressed and not written by builds), repository files as copies (a snapshot
/// that later edits cannot change mid-build).
fn stage_input(inputs_dir: &Path, input: &Fetched) -> Result<()> {
    let target = inputs_dir.join(&input.name);
    match &input.content {
        Content::File(path) | Content::Dir(path) => {
            let absolute = fs::canonicalize(path).map_err(io(path))?;
            std::os::unix::fs::symlink(&absolute, &target).map_err(io(&target))
        }
        Content::Files(files) => {
            for (source, relative) in files {
                let dest = target.join(relative);
                if let Some(parent) = dest.parent() {
                    fs::create_dir_all(parent).map_err(io(parent))?;
                }
                let metadata = fs::symlink_metadata(source).map_err(io(source))?;
                if metadata.file_type().is_symlink() {
                    let link = fs::read_link(source).map_err(io(source))?;
                    std::os::unix::fs::symlink(&link, &dest).map_err(io(&dest))?;
                } else {
                    fs::copy(source, &dest).map_err(io(&dest))?;
                }
            }
            Ok(())
        }
    }
}

fn log_tail(path: &Path, lines: usize) -> String {
    let text = fs::read_to_string(path).unwrap_or_default();
    let all: Vec<&str> = text.lines().collect();
    all[all.len().saturating_sub(lines)..].join("\n")
}
