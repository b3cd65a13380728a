//! The runner end to end on a small project (CI-sized): two builds with different paths, time
//! zones, umasks and locales give identical bytes; a tampered input is refused; changes
//! force rebuilds and unchanged projects are reused; dependency errors are clear.

// Test helpers outside #[test] functions unwrap too: a failure there is a test failure.
#![allow(clippy::unwrap_used)]

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const RBM: &str = env!("CARGO_BIN_EXE_rbm");

const MESSAGE: &[u8] = b"hello from an input\n";

/// A repository with two projects: `hello` (makes a tree from a pinned input, with modes and
/// content that would betray a leaking environment) and `package` (archives it with `rbm tar`
/// and writes the sums file).
fn make_repo(root: &Path) {
    fs::create_dir_all(root.join("projects/hello")).unwrap();
    fs::create_dir_all(root.join("projects/package")).unwrap();
    fs::create_dir_all(root.join("files")).unwrap();
    fs::write(root.join("files/message.txt"), MESSAGE).unwrap();
    fs::write(
        root.join("rbm-config"),
        "version = \"9.9\"\nchannel = \"test\"\ntargets = [\"linux-x86_64\"]\n\
         [env]\nPATH = \"/usr/bin:/bin\"\nTZ = \"UTC\"\nLC_ALL = \"C\"\nHOME = \"/nonexistent\"\n",
    )
    .unwrap();
    let sha = sha256_of(MESSAGE);
    fs::write(
        root.join("projects/hello/config"),
        format!("source_date_epoch = 1600000000\n[[input]]\nfile = \"message.txt\"\npath = \"files/message.txt\"\nsha256 = \"{sha}\"\n"),
    )
    .unwrap();
    fs::write(
        root.join("projects/hello/build"),
        r#"mkdir -p "$OUTDIR/hello/bin" "$OUTDIR/hello/Data"
cp "$INPUTS_DIR/message.txt" "$OUTDIR/hello/message.txt"
printf '#!/bin/sh\necho hi\n' > "$OUTDIR/hello/bin/hi"
chmod +x "$OUTDIR/hello/bin/hi"
# Anything that leaks from the caller shows up here.
{
  echo "umask=$(umask)"
  echo "TZ=$TZ LC_ALL=$LC_ALL HOME=$HOME"
  echo "date=$(date -d @"$SOURCE_DATE_EPOCH" '+%F %T %Z')"
  echo "user=${USER:-unset} lang=${LANG:-unset} faketime=${FAKETIME:-unset}"
  echo "version=$RBM_VERSION channel=$RBM_CHANNEL target=$RBM_TARGET"
  env | sort | grep -v -e '_DIR=' -e '^RBM=' -e '^OUTDIR=' -e '^PWD=' -e '^RBM_JOBS=' -e '^SHLVL=' -e '^_='
} > "$OUTDIR/hello/env.txt"
touch "$OUTDIR/hello/new-file"
"#,
    )
    .unwrap();
    fs::write(
        root.join("projects/package/config"),
        "source_date_epoch = 1600000000\nuses_rbm = true\ndeps = [\"hello\"]\n",
    )
    .unwrap();
    fs::write(
        root.join("projects/package/build"),
        r#""$RBM" tar --prefix hello -o "$OUTDIR/hello-$RBM_VERSION.tar.xz" "$DEPS_DIR/hello/hello"
"$RBM" sums "$OUTDIR"
"#,
    )
    .unwrap();
}

fn sha256_of(bytes: &[u8]) -> String {
    rbm::digest::sha256_bytes(bytes)
}

/// Runs rbm in `root` through a shell that sets a umask, with extra environment.
fn rbm_in(root: &Path, umask: &str, env: &[(&str, &str)], args: &[&str]) -> Output {
    let mut command = Command::new("/bin/sh");
    command
        .arg("-c")
        .arg(format!("umask {umask} && exec \"$0\" \"$@\""))
        .arg(RBM)
        .args(args)
        .current_dir(root);
    for (key, value) in env {
        command.env(key, value);
    }
    command.output().unwrap()
}

fn build(root: &Path, state: &Path, umask: &str, env: &[(&str, &str)], project: &str) -> Output {
    let state = state.display().to_string();
    rbm_in(
        root,
        umask,
        env,
        &["build", project, "--state", &state, "--jobs", "1"],
    )
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn output_dir(state: &Path, project: &str) -> PathBuf {
    let store = state.join("store");
    let mut dirs: Vec<PathBuf> = fs::read_dir(&store)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            p.is_dir()
                && p.file_name()
                    .unwrap()
                    .to_string_lossy()
                    .starts_with(&format!("{project}-"))
        })
        .collect();
    dirs.sort_by_key(|p| fs::metadata(p).unwrap().modified().unwrap());
    dirs.pop().unwrap()
}

#[test]
fn two_builds_with_different_paths_tz_umask_and_locale_are_identical() {
    let one = tempfile::tempdir().unwrap();
    let two = tempfile::tempdir().unwrap();
    let repo_one = one.path().join("repo");
    let repo_two = two.path().join("some/other/place/repo");
    make_repo(&repo_one);
    make_repo(&repo_two);

    let first = build(
        &repo_one,
        &one.path().join("state"),
        "022",
        &[("TZ", "UTC"), ("LC_ALL", "C")],
        "package",
    );
    assert!(first.status.success(), "{}", stderr(&first));
    let second = build(
        &repo_two,
        &two.path().join("elsewhere/state"),
        "077",
        &[
            ("TZ", "Pacific/Chatham"),
            ("LC_ALL", "fr_FR.UTF-8"),
            ("LANG", "de_DE.UTF-8"),
            ("USER", "someone-else"),
            ("FAKETIME", "+3y"),
        ],
        "package",
    );
    assert!(second.status.success(), "{}", stderr(&second));

    let archive_one =
        fs::read(output_dir(&one.path().join("state"), "package").join("hello-9.9.tar.xz"))
            .unwrap();
    let archive_two = fs::read(
        output_dir(&two.path().join("elsewhere/state"), "package").join("hello-9.9.tar.xz"),
    )
    .unwrap();
    assert_eq!(archive_one, archive_two, "the two archives differ");
    let sums_one = fs::read(
        output_dir(&one.path().join("state"), "package").join("sha256sums-unsigned-build.txt"),
    )
    .unwrap();
    let sums_two = fs::read(
        output_dir(&two.path().join("elsewhere/state"), "package")
            .join("sha256sums-unsigned-build.txt"),
    )
    .unwrap();
    assert_eq!(sums_one, sums_two);

    // The fixed environment really was in force, and nothing of the caller's leaked in.
    let env = fs::read_to_string(
        output_dir(&two.path().join("elsewhere/state"), "hello").join("hello/env.txt"),
    )
    .unwrap();
    assert!(env.contains("umask=0022"), "{env}");
    assert!(env.contains("TZ=UTC LC_ALL=C HOME=/nonexistent"), "{env}");
    assert!(env.contains("date=2020-09-13 12:26:40 UTC"), "{env}");
    assert!(
        env.contains("user=unset lang=unset faketime=unset"),
        "{env}"
    );
    assert!(
        env.contains("version=9.9 channel=test target=linux-x86_64"),
        "{env}"
    );
}

#[test]
fn sums_file_is_sorted_and_checks_with_sha256sum() {
    let temp = tempfile::tempdir().unwrap();
    let repo = temp.path().join("repo");
    make_repo(&repo);
    let state = temp.path().join("state");
    let output = build(&repo, &state, "022", &[], "package");
    assert!(output.status.success(), "{}", stderr(&output));
    let dir = output_dir(&state, "package");
    let sums = fs::read_to_string(dir.join("sha256sums-unsigned-build.txt")).unwrap();
    assert_eq!(sums.lines().count(), 1, "{sums}");
    assert!(sums.ends_with("  hello-9.9.tar.xz\n"), "{sums}");
    let check = Command::new("sha256sum")
        .args(["-c", "--strict", "sha256sums-unsigned-build.txt"])
        .current_dir(&dir)
        .output()
        .unwrap();
    assert!(check.status.success(), "{}", stdout(&check));
}

#[test]
fn archive_unpacks_with_gnu_tar_with_normalised_metadata() {
    let temp = tempfile::tempdir().unwrap();
    let repo = temp.path().join("repo");
    make_repo(&repo);
    let state = temp.path().join("state");
    let output = build(&repo, &state, "077", &[], "package");
    assert!(output.status.success(), "{}", stderr(&output));
    let archive = output_dir(&state, "package").join("hello-9.9.tar.xz");
    let listing = Command::new("tar")
        .args(["-tvJf"])
        .arg(&archive)
        .output()
        .unwrap();
    let listing = stdout(&listing);
    let lines: Vec<&str> = listing.lines().collect();
    assert_eq!(lines.len(), 7, "{listing}");
    for line in &lines {
        assert!(line.contains(" 0/0 "), "owner not 0/0: {line}");
        assert!(
            line.contains("2020-09-13 12:26"),
            "mtime not SOURCE_DATE_EPOCH: {line}"
        );
    }
    let find = |name: &str| *lines.iter().find(|l| l.ends_with(name)).unwrap();
    assert!(find("hello/bin/hi").starts_with("-rwxr-xr-x"), "{listing}");
    assert!(
        find("hello/message.txt").starts_with("-rw-r--r--"),
        "{listing}"
    );
    assert!(find("hello/Data").starts_with("drwxr-xr-x"), "{listing}");
}

#[test]
fn tampered_input_is_refused_naming_the_file_and_both_hashes() {
    let temp = tempfile::tempdir().unwrap();
    let repo = temp.path().join("repo");
    make_repo(&repo);
    fs::write(repo.join("files/message.txt"), b"hello from an attacker\n").unwrap();
    let state = temp.path().join("state");
    let output = build(&repo, &state, "022", &[], "package");
    assert!(!output.status.success());
    let error = stderr(&output);
    assert!(
        error.contains("sha256 mismatch for input `message.txt`"),
        "{error}"
    );
    assert!(
        error.contains(&format!("expected {}", sha256_of(MESSAGE))),
        "{error}"
    );
    assert!(
        error.contains(&format!("got {}", sha256_of(b"hello from an attacker\n"))),
        "{error}"
    );
    assert!(
        !state.join("store").exists()
            || fs::read_dir(state.join("store")).unwrap().next().is_none(),
        "something was built"
    );
}

#[test]
fn tampered_cached_download_is_refused() {
    // A file already in the download cache is checked again at every use.
    let temp = tempfile::tempdir().unwrap();
    let repo = temp.path().join("repo");
    make_repo(&repo);
    let pinned = sha256_of(b"debian tarball\n");
    fs::write(
        repo.join("projects/hello/config"),
        format!("source_date_epoch = 1600000000\n[[input]]\nfile = \"x.orig.tar.gz\"\napt_source = \"x=1\"\nsha256 = \"{pinned}\"\n"),
    )
    .unwrap();
    let state = temp.path().join("state");
    fs::create_dir_all(state.join("cache/downloads")).unwrap();
    fs::write(
        state.join("cache/downloads/x.orig.tar.gz"),
        b"debian tarball, modified\n",
    )
    .unwrap();
    let output = build(&repo, &state, "022", &[], "hello");
    assert!(!output.status.success());
    let error = stderr(&output);
    assert!(
        error.contains("sha256 mismatch for input `x.orig.tar.gz`"),
        "{error}"
    );
    assert!(error.contains(&pinned), "{error}");
}

#[test]
fn unchanged_projects_are_reused_and_a_change_rebuilds_dependents() {
    let temp = tempfile::tempdir().unwrap();
    let repo = temp.path().join("repo");
    make_repo(&repo);
    let state = temp.path().join("state");
    let first = build(&repo, &state, "022", &[], "package");
    assert!(first.status.success(), "{}", stderr(&first));
    let built = stdout(&first)
        .lines()
        .filter(|l| l.trim_start().starts_with("built "))
        .count();
    assert_eq!(built, 2, "{}", stdout(&first));

    let again = build(&repo, &state, "022", &[], "package");
    assert!(again.status.success(), "{}", stderr(&again));
    assert_eq!(
        stdout(&again).matches("reused").count(),
        2,
        "{}",
        stdout(&again)
    );

    // A change to hello's script changes hello's key, its output, and so package's key.
    let script = repo.join("projects/hello/build");
    let mut text = fs::read_to_string(&script).unwrap();
    text.push_str("echo changed > \"$OUTDIR/hello/changed.txt\"\n");
    fs::write(&script, text).unwrap();
    let changed = build(&repo, &state, "022", &[], "package");
    assert!(changed.status.success(), "{}", stderr(&changed));
    assert_eq!(
        stdout(&changed).matches("reused").count(),
        0,
        "{}",
        stdout(&changed)
    );

    // A comment in package's config changes only package.
    let config = repo.join("projects/package/config");
    let mut text = fs::read_to_string(&config).unwrap();
    text.push_str("# a comment\n");
    fs::write(&config, text).unwrap();
    let only_package = build(&repo, &state, "022", &[], "package");
    assert!(only_package.status.success(), "{}", stderr(&only_package));
    let out = stdout(&only_package);
    assert!(out.contains("reused hello"), "{out}");
    assert!(out.contains("built package"), "{out}");
}

#[test]
fn failing_build_reports_the_log_and_its_last_lines() {
    let temp = tempfile::tempdir().unwrap();
    let repo = temp.path().join("repo");
    make_repo(&repo);
    fs::write(
        repo.join("projects/hello/build"),
        "echo compiling\necho 'cc: error: no such file' >&2\nexit 3\n",
    )
    .unwrap();
    let state = temp.path().join("state");
    let output = build(&repo, &state, "022", &[], "package");
    assert!(!output.status.success());
    let error = stderr(&output);
    assert!(error.contains("project `hello` failed"), "{error}");
    assert!(error.contains("cc: error: no such file"), "{error}");
    let log = fs::read_to_string(state.join("logs/hello.log")).unwrap();
    assert!(log.contains("compiling"), "{log}");
}

#[test]
fn unset_variable_in_a_script_stops_the_build() {
    let temp = tempfile::tempdir().unwrap();
    let repo = temp.path().join("repo");
    make_repo(&repo);
    fs::write(
        repo.join("projects/hello/build"),
        "echo \"$NO_SUCH_VARIABLE\"\n",
    )
    .unwrap();
    let output = build(
        &repo,
        &temp.path().join("state"),
        "022",
        &[("NO_SUCH_VARIABLE", "from outside")],
        "hello",
    );
    assert!(
        !output.status.success(),
        "the caller's variable leaked into the build"
    );
}

#[test]
fn dependency_cycle_is_a_clear_error() {
    let temp = tempfile::tempdir().unwrap();
    let repo = temp.path().join("repo");
    make_repo(&repo);
    let config = repo.join("projects/hello/config");
    let text = fs::read_to_string(&config).unwrap();
    fs::write(&config, format!("deps = [\"package\"]\n{text}")).unwrap();
    let output = build(&repo, &temp.path().join("state"), "022", &[], "package");
    assert!(!output.status.success());
    let error = stderr(&output);
    assert!(
        error.contains("dependency cycle between projects: package -> hello -> package"),
        "{error}"
    );
}

#[test]
fn unknown_dependency_is_a_clear_error() {
    let temp = tempfile::tempdir().unwrap();
    let repo = temp.path().join("repo");
    make_repo(&repo);
    fs::write(
        repo.join("projects/package/config"),
        "deps = [\"hello\", \"nothing\"]\n",
    )
    .unwrap();
    let output = build(&repo, &temp.path().join("state"), "022", &[], "package");
    assert!(!output.status.success());
    let error = stderr(&output);
    assert!(
        error.contains("unknown project `nothing` (wanted by project `package`)"),
        "{error}"
    );
}

#[test]
fn unpinned_external_input_is_refused() {
    let temp = tempfile::tempdir().unwrap();
    let repo = temp.path().join("repo");
    make_repo(&repo);
    fs::write(
        repo.join("projects/hello/config"),
        "[[input]]\nfile = \"a.tar.gz\"\napt_source = \"a\"\n",
    )
    .unwrap();
    let output = build(&repo, &temp.path().join("state"), "022", &[], "hello");
    assert!(!output.status.success());
    let error = stderr(&output);
    assert!(
        error.contains("input `a.tar.gz` must be pinned with `sha256"),
        "{error}"
    );
}

#[test]
fn wrong_build_package_version_is_refused() {
    let temp = tempfile::tempdir().unwrap();
    let repo = temp.path().join("repo");
    make_repo(&repo);
    let config = repo.join("projects/hello/config");
    let text = fs::read_to_string(&config).unwrap();
    fs::write(
        &config,
        format!("{text}[build_packages]\ncoreutils = \"0.0-not-this-one\"\n"),
    )
    .unwrap();
    let output = build(&repo, &temp.path().join("state"), "022", &[], "hello");
    assert!(!output.status.success());
    let error = stderr(&output);
    assert!(
        error.contains("build package coreutils: the recipe pins version 0.0-not-this-one"),
        "{error}"
    );
}

#[test]
fn source_date_epoch_defaults_to_the_commit_time() {
    let temp = tempfile::tempdir().unwrap();
    let repo = temp.path().join("repo");
    make_repo(&repo);
    fs::write(repo.join("projects/hello/config"), "").unwrap();
    fs::write(
        repo.join("projects/hello/build"),
        "mkdir -p \"$OUTDIR\"; echo \"$SOURCE_DATE_EPOCH\" > \"$OUTDIR/epoch\"\n",
    )
    .unwrap();
    let git = |args: &[&str]| {
        let status = Command::new("git")
            .args(["-c", "user.name=t", "-c", "user.email=t@example.invalid"])
            .args(args)
            .current_dir(&repo)
            .env("GIT_COMMITTER_DATE", "@1500000000 +0000")
            .env("GIT_AUTHOR_DATE", "@1500000000 +0000")
            .status()
            .unwrap();
        assert!(status.success());
    };
    git(&["init", "-q"]);
    git(&["add", "."]);
    git(&["commit", "-q", "-m", "test"]);
    let state = temp.path().join("state");
    let output = build(&repo, &state, "022", &[], "hello");
    assert!(output.status.success(), "{}", stderr(&output));
    let epoch = fs::read_to_string(output_dir(&state, "hello").join("epoch")).unwrap();
    assert_eq!(epoch.trim(), "1500000000");
}

#[test]
fn extra_env_reaches_the_build_without_changing_the_key() {
    let temp = tempfile::tempdir().unwrap();
    let repo = temp.path().join("repo");
    make_repo(&repo);
    fs::write(
        repo.join("projects/hello/build"),
        "mkdir -p \"$OUTDIR\"; echo \"${PROBE:-unset}\" > \"$OUTDIR/probe\"\n",
    )
    .unwrap();
    let state = temp.path().join("state");
    let state_arg = state.display().to_string();
    let with = rbm_in(
        &repo,
        "022",
        &[],
        &[
            "build",
            "hello",
            "--state",
            &state_arg,
            "--extra-env",
            "PROBE=given",
        ],
    );
    assert!(with.status.success(), "{}", stderr(&with));
    assert_eq!(
        fs::read_to_string(output_dir(&state, "hello").join("probe")).unwrap(),
        "given\n"
    );
    // Same key without it: the output is reused (extra variables are for testing only).
    let without = build(&repo, &state, "022", &[], "hello");
    assert!(
        stdout(&without).contains("reused hello"),
        "{}",
        stdout(&without)
    );
    let bad = rbm_in(
        &repo,
        "022",
        &[],
        &[
            "build",
            "hello",
            "--state",
            &state_arg,
            "--extra-env",
            "PROBE",
        ],
    );
    assert!(!bad.status.success());
    assert!(
        stderr(&bad).contains("--extra-env wants NAME=VALUE"),
        "{}",
        stderr(&bad)
    );
}
