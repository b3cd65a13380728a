use super::*;

// Made once with `minisign -G -W` (public half only; the secret is gone).
const NEW_KEY: &str = "untrusted comment: minisign public key CF33F208F7F2C15F\nRWRfwfL3CPIzz1qXCxwGEL4NrjYHMyHEm6iCpfa6dxQtdWvOXJg3WZH3\n";

const BUNDLE: &[u8] = b"not really an archive, but bytes to hash";
const ISSUED: i64 = 1_764_115_200; // 2025-11-26T00:00:00Z

fn settings() -> ManifestSettings {
    ManifestSettings {
        version: "1.2.3".into(),
        channel: "alpha".into(),
        sequence: 7,
        issued: ISSUED,
        valid_days: 60,
        add_keys: Vec::new(),
        revoke_keys: Vec::new(),
    }
}

fn release_dir() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("tor-messenger-1.2.3-linux-x86_64.tar.xz"),
        BUNDLE,
    )
    .unwrap();
    fs::write(dir.path().join("sha256sums-unsigned-build.txt"), "x").unwrap();
    dir
}

/// The release directory plus one more file named `extra`.
fn release_dir_with(extra: &str) -> tempfile::TempDir {
    let dir = release_dir();
    fs::write(dir.path().join(extra), b"another archive").unwrap();
    dir
}

fn at(epoch: i64) -> OffsetDateTime {
    OffsetDateTime::from_unix_timestamp(epoch).unwrap()
}

#[test]
fn one_entry_per_bundle_with_size_hash_and_a_path_beside_the_manifest() {
    let dir = release_dir();
    let manifest = build_manifest(dir.path(), &settings()).unwrap();
    assert_eq!(manifest.format, FORMAT);
    assert_eq!(manifest.product, "tor-messenger");
    assert_eq!(manifest.channel, "alpha");
    assert_eq!(manifest.sequence, 7);
    assert_eq!(manifest.issued, at(ISSUED));
    assert_eq!(manifest.expires, at(ISSUED + 60 * 86_400));
    assert!(manifest.keys.is_empty());
    let platforms: Vec<_> = manifest.platforms.keys().collect();
    assert_eq!(platforms, ["linux-x86_64"]);
    let release = &manifest.platforms["linux-x86_64"];
    assert_eq!(release.version, "1.2.3");
    assert_eq!(release.file, "tor-messenger-1.2.3-linux-x86_64.tar.xz");
    assert_eq!(release.path, release.file);
    assert_eq!(release.size, BUNDLE.len() as u64);
    assert_eq!(release.sha256, crate::digest::sha256_bytes(BUNDLE));
}

#[test]
fn the_bytes_are_the_documented_json_and_read_back_equal() {
    let dir = release_dir();
    let manifest = build_manifest(dir.path(), &settings()).unwrap();
    let bytes = manifest_bytes(&manifest).unwrap();
    let text = String::from_utf8(bytes.clone()).unwrap();
    assert!(text.ends_with("}\n"), "{text}");
    for expected in [
        "\"format\": 1,",
        "\"sequence\": 7,",
        "\"issued\": \"2025-11-26T00:00:00Z\",",
        "\"expires\": \"2026-01-25T00:00:00Z\",",
        "\"path\": \"tor-messenger-1.2.3-linux-x86_64.tar.xz\"",
    ] {
        assert!(text.contains(expected), "{expected} not in\n{text}");
    }
    // No key changes: no `keys` member at all.
    assert!(!text.contains("\"keys\""), "{text}");
    let back: Manifest = serde_json::from_slice(&bytes).unwrap();
    assert_eq!(back, manifest);
    assert_eq!(manifest_bytes(&back).unwrap(), bytes);
}

#[test]
fn several_platforms_are_sorted_by_name() {
    let dir = release_dir_with("tor-messenger-1.2.3-linux-aarch64.tar.xz");
    let manifest = build_manifest(dir.path(), &settings()).unwrap();
    let platforms: Vec<_> = manifest.platforms.keys().cloned().collect();
    assert_eq!(platforms, ["linux-aarch64", "linux-x86_64"]);
    let text = String::from_utf8(manifest_bytes(&manifest).unwrap()).unwrap();
    assert!(text.find("linux-aarch64") < text.find("linux-x86_64"));
}

#[test]
fn key_rotation_and_revocation_are_carried_in_minisign_spelling() {
    let pub_text = NEW_KEY.to_owned();
    let base64_line = pub_text.lines().nth(1).unwrap().to_owned();
    let mut settings = settings();
    // The whole .pub text and the bare line name one key: it is listed once.
    settings.add_keys = vec![pub_text.clone(), base64_line.clone()];
    settings.revoke_keys = vec!["00cf33f208f7f2c15f".trim_start_matches('0').to_lowercase()];
    let dir = release_dir();
    let manifest = build_manifest(dir.path(), &settings).unwrap();
    assert_eq!(manifest.keys.add, [base64_line]);
    assert_eq!(manifest.keys.revoke, ["CF33F208F7F2C15F"]);
}

#[test]
fn bad_settings_are_refused_with_what_to_fix() {
    let dir = release_dir();
    let cases: Vec<(ManifestSettings, &str)> = vec![
        (
            ManifestSettings {
                version: "1.2".into(),
                ..settings()
            },
            "not a semantic version",
        ),
        (
            ManifestSettings {
                channel: String::new(),
                ..settings()
            },
            "channel is empty",
        ),
        (
            ManifestSettings {
                sequence: 0,
                ..settings()
            },
            "start at 1",
        ),
        (
            ManifestSettings {
                valid_days: 0,
                ..settings()
            },
            "give 1 to 366",
        ),
        (
            ManifestSettings {
                valid_days: 400,
                ..settings()
            },
            "give 1 to 366",
        ),
        (
            ManifestSettings {
                add_keys: vec!["not a key".into()],
                ..settings()
            },
            "not a minisign public key",
        ),
        (
            ManifestSettings {
                revoke_keys: vec!["xyz".into()],
                ..settings()
            },
            "not a key id",
        ),
    ];
    for (settings, expected) in cases {
        let error = build_manifest(dir.path(), &settings)
            .unwrap_err()
            .to_string();
        assert!(error.contains(expected), "{error:?} lacks {expected:?}");
    }
}

#[test]
fn a_directory_without_the_bundle_or_with_a_leftover_is_refused() {
    let empty = tempfile::tempdir().unwrap();
    let error = build_manifest(empty.path(), &settings()).unwrap_err();
    assert!(matches!(error, ManifestError::NoBundle { .. }), "{error}");
    assert!(error.to_string().contains("build the bundle first"));

    let dir = release_dir_with("tor-messenger-1.2.2-linux-x86_64.tar.xz");
    let error = build_manifest(dir.path(), &settings()).unwrap_err();
    assert!(
        matches!(error, ManifestError::StrayBundle { .. }),
        "{error}"
    );
    assert!(error.to_string().contains("tor-messenger-1.2.2"), "{error}");

    let missing = tempfile::tempdir().unwrap().path().join("gone");
    let error = build_manifest(&missing, &settings()).unwrap_err();
    assert!(matches!(error, ManifestError::Io { .. }), "{error}");
}
