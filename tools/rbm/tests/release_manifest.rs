//! The real `projects/release` recipe on a small fake bundle: it writes the update manifest
//! with the same bytes under different paths, time zones, umasks and locales; `rbm sign`
//! signs it (prehashed) and checks it as clients will; messenger-update's `check_manifest`
//! and the real `minisign -V` accept it.

// Test helpers outside #[test] functions unwrap too: a failure there is a test failure.
#![allow(clippy::unwrap_used)]

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use messenger_update::{CheckContext, TrustedKeys, UpdateState, Verdict, check_manifest};
use rbm::manifest::{ManifestError, check_signed_manifest};
use time::OffsetDateTime;

mod common;

use common::{RBM, make_key, sign};
const BUNDLE: &str = "tor-messenger-9.9.0-linux-x86_64.tar.xz";
const DAY: i64 = 86_400;

/// A repository whose `bundle` project makes a fake archive and whose `release` and `source`
/// projects are the real ones, committed at `commit_time` (SOURCE_DATE_EPOCH).
fn make_repo(root: &Path, commit_time: i64) {
    let projects = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../projects");
    fs::create_dir_all(root.join("projects/bundle")).unwrap();
    // The real release recipe, and the real source project it depends on.
    for project in ["release", "source"] {
        fs::create_dir_all(root.join("projects").join(project)).unwrap();
        for file in ["config", "build"] {
            let to = root.join("projects").join(project).join(file);
            fs::copy(projects.join(project).join(file), &to).unwrap();
        }
    }
    fs::write(
        root.join("rbm-config"),
        "version = \"9.9.0\"\nchannel = \"test\"\ntargets = [\"linux-x86_64\"]\n\
         [env]\nPATH = \"/usr/bin:/bin\"\nTZ = \"UTC\"\nLC_ALL = \"C\"\nHOME = \"/nonexistent\"\n",
    )
    .unwrap();
    fs::write(root.join("projects/bundle/config"), "").unwrap();
    fs::write(
        root.join("projects/bundle/build"),
        "printf 'a bundle built at %s\\n' \"$SOURCE_DATE_EPOCH\" \
         > \"$OUTDIR/tor-messenger-$RBM_VERSION-$RBM_TARGET.tar.xz\"\n",
    )
    .unwrap();
    let date = format!("@{commit_time} +0000");
    for args in [
        &["init", "-q"][..],
        &["add", "."],
        &[
            "-c",
            "user.name=t",
            "-c",
            "user.email=t@example.invalid",
            "commit",
            "-q",
            "-m",
            "release",
        ],
    ] {
        let status = Command::new("git")
            .args(args)
            .current_dir(root)
            .env("GIT_AUTHOR_DATE", &date)
            .env("GIT_COMMITTER_DATE", &date)
            .status()
            .unwrap();
        assert!(status.success(), "git {args:?}");
    }
}

/// `rbm build release --dest DEST` through a shell with `umask`, in `root`.
fn build_release(root: &Path, umask: &str, env: &[(&str, &str)]) -> PathBuf {
    let dest = root.join("out/release");
    let output = Command::new("/bin/sh")
        .arg("-c")
        .arg(format!("umask {umask} && exec \"$0\" \"$@\""))
        .arg(RBM)
        .args(["build", "release", "--jobs", "1", "--dest"])
        .arg(&dest)
        .args(["--state"])
        .arg(root.join("state"))
        .current_dir(root)
        .envs(env.iter().copied())
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", text(&output.stderr));
    dest
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// Yesterday at midnight UTC: the manifest is valid now and both repositories agree.
fn commit_time() -> i64 {
    let now = OffsetDateTime::now_utc().unix_timestamp();
    now - now % DAY - DAY
}

#[test]
fn two_release_builds_write_the_same_manifest_and_clients_accept_it_once_signed() {
    let when = commit_time();
    let one = tempfile::tempdir().unwrap();
    let two = tempfile::tempdir().unwrap();
    let repo_one = one.path().join("repo");
    let repo_two = two.path().join("somewhere/much/deeper/repo");
    make_repo(&repo_one, when);
    make_repo(&repo_two, when);
    let first = build_release(&repo_one, "022", &[("TZ", "UTC"), ("LC_ALL", "C")]);
    let second = build_release(
        &repo_two,
        "077",
        &[
            ("TZ", "Pacific/Chatham"),
            ("LC_ALL", "C.UTF-8"),
            ("USER", "someone-else"),
        ],
    );

    let manifest = fs::read(first.join("manifest.json")).unwrap();
    assert_eq!(
        manifest,
        fs::read(second.join("manifest.json")).unwrap(),
        "the manifest differs between two builds of one commit"
    );
    let sums = fs::read_to_string(first.join("sha256sums-unsigned-build.txt")).unwrap();
    assert_eq!(
        sums,
        fs::read_to_string(second.join("sha256sums-unsigned-build.txt")).unwrap()
    );
    assert!(sums.contains("  manifest.json\n"), "{sums}");
    assert!(sums.contains(&format!("  {BUNDLE}\n")), "{sums}");
    // The source tarball is published and summed, but is no update: not in the manifest.
    assert!(
        sums.contains("  tor-messenger-9.9.0-src.tar.xz\n"),
        "{sums}"
    );
    let listed = String::from_utf8(manifest.clone()).unwrap();
    assert!(!listed.contains("-src"), "{listed}");

    let keys_dir = tempfile::tempdir().unwrap();
    let (public, secret) = make_key(keys_dir.path(), "throwaway");
    let signed = sign(&first, &secret, &public);
    assert!(signed.status.success(), "{}", text(&signed.stderr));
    let said = text(&signed.stdout);
    assert!(
        said.contains("manifest sequence 1 checked as clients will check it"),
        "{said}"
    );
    for name in ["manifest.json", BUNDLE, "sha256sums-unsigned-build.txt"] {
        assert!(first.join(format!("{name}.minisig")).is_file(), "{name}");
    }
    let cli = Command::new("minisign")
        .args(["-V", "-q", "-p"])
        .arg(&public)
        .arg("-m")
        .arg(first.join("manifest.json"))
        .output()
        .unwrap();
    assert!(cli.status.success(), "{}", text(&cli.stderr));

    let mut trusted = TrustedKeys::empty();
    trusted
        .add_minisign_pub(&fs::read_to_string(&public).unwrap())
        .unwrap();
    let signature = fs::read_to_string(first.join("manifest.json.minisig")).unwrap();
    let state = UpdateState::default();
    let context = CheckContext {
        shipped_keys: &trusted,
        state: &state,
        current_version: "9.8.0",
        platform: "linux-x86_64",
        channel: "test",
        now: OffsetDateTime::from_unix_timestamp(when + 59 * DAY).unwrap(),
    };
    let accepted = check_manifest(&manifest, &signature, &context).unwrap();
    let Verdict::Available(release) = accepted.verdict else {
        panic!("9.9.0 is newer than 9.8.0: {:?}", accepted.verdict);
    };
    assert_eq!(release.file, BUNDLE);
    assert_eq!(release.path, BUNDLE);
    let bundle = fs::read(first.join(BUNDLE)).unwrap();
    assert_eq!(release.size, bundle.len() as u64);
    assert_eq!(release.sha256, rbm::digest::sha256_bytes(&bundle));
    assert_eq!(accepted.new_state.highest_sequence, 1);

    // The committed validity: 60 days from the commit time, then clients refuse it.
    let expired = CheckContext {
        now: OffsetDateTime::from_unix_timestamp(when + 60 * DAY).unwrap(),
        ..context
    };
    let error = check_manifest(&manifest, &signature, &expired).unwrap_err();
    assert!(error.to_string().contains("expired"), "{error}");
}

#[test]
fn signing_refuses_a_release_whose_bundle_changed_after_the_manifest() {
    let repo = tempfile::tempdir().unwrap();
    make_repo(repo.path(), commit_time());
    let release = build_release(repo.path(), "022", &[]);
    fs::write(release.join(BUNDLE), b"swapped").unwrap();
    let keys_dir = tempfile::tempdir().unwrap();
    let (public, secret) = make_key(keys_dir.path(), "throwaway");
    let signed = sign(&release, &secret, &public);
    assert!(!signed.status.success());
    let said = text(&signed.stderr);
    assert!(said.contains("no longer matches the manifest"), "{said}");
}

#[test]
fn the_check_after_signing_refuses_an_expired_manifest_an_unknown_key_and_no_signature() {
    let when = commit_time();
    let repo = tempfile::tempdir().unwrap();
    make_repo(repo.path(), when);
    let release = build_release(repo.path(), "022", &[]);
    let keys_dir = tempfile::tempdir().unwrap();
    let (public, secret) = make_key(keys_dir.path(), "release");
    let (unknown, _) = make_key(keys_dir.path(), "unknown");
    let day_one = OffsetDateTime::from_unix_timestamp(when + DAY).unwrap();

    let error =
        check_signed_manifest(&release, std::slice::from_ref(&public), day_one).unwrap_err();
    assert!(matches!(error, ManifestError::Missing { .. }), "{error}");
    assert!(
        error.to_string().contains("manifest.json.minisig"),
        "{error}"
    );

    assert!(sign(&release, &secret, &public).status.success());
    check_signed_manifest(&release, std::slice::from_ref(&public), day_one).unwrap();

    let later = OffsetDateTime::from_unix_timestamp(when + 61 * DAY).unwrap();
    let error = check_signed_manifest(&release, &[public], later).unwrap_err();
    assert!(matches!(error, ManifestError::Refused { .. }), "{error}");
    assert!(error.to_string().contains("expired"), "{error}");

    let error = check_signed_manifest(&release, &[unknown], day_one).unwrap_err();
    assert!(matches!(error, ManifestError::Refused { .. }), "{error}");
    assert!(error.to_string().contains("signature"), "{error}");
}
