use super::*;
use crate::test_keys::CliKey;

struct Setup {
    key: CliKey,
    downloads: tempfile::TempDir,
    bundle: Vec<u8>,
    release: PlatformRelease,
    signature: String,
}

fn setup() -> Setup {
    let key = CliKey::generate();
    let bundle: Vec<u8> = (0..200_000u32).map(|i| (i % 251) as u8).collect();
    let file = PlatformRelease::expected_file_name("0.2.0", "linux-x86_64");
    let source = key.dir.path().join(&file);
    std::fs::write(&source, &bundle).unwrap();
    key.sign(&source, false);
    let signature =
        std::fs::read_to_string(key.dir.path().join(format!("{file}.minisig"))).unwrap();
    let release = PlatformRelease {
        version: "0.2.0".into(),
        path: format!("dist/{file}"),
        size: bundle.len() as u64,
        sha256: hex::encode(Sha256::digest(&bundle)),
        file,
    };
    Setup {
        key,
        downloads: tempfile::tempdir().unwrap(),
        bundle,
        release,
        signature,
    }
}

fn entries(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn a_good_download_is_kept_with_its_signature() {
    let s = setup();
    let mut download = PartialDownload::begin(s.downloads.path(), &s.release).unwrap();
    for chunk in s.bundle.chunks(7_000) {
        download.write(chunk).unwrap();
    }
    let kept = download.finish(&s.signature, &s.key.trusted()).unwrap();
    assert_eq!(std::fs::read(&kept.path).unwrap(), s.bundle);
    assert_eq!(kept.signed_by.to_string(), s.key.id);
    assert_eq!(
        entries(s.downloads.path()),
        [
            s.release.file.clone(),
            format!("{}.minisig", s.release.file)
        ]
    );
}

#[test]
fn more_bytes_than_listed_stop_the_download_and_leave_nothing() {
    let s = setup();
    let mut download = PartialDownload::begin(s.downloads.path(), &s.release).unwrap();
    download.write(&s.bundle).unwrap();
    let error = download.write(b"x").unwrap_err();
    assert!(matches!(error, DownloadError::TooLarge { .. }), "{error}");
    drop(download);
    assert!(entries(s.downloads.path()).is_empty());
}

#[test]
fn a_truncated_download_is_deleted() {
    let s = setup();
    let mut download = PartialDownload::begin(s.downloads.path(), &s.release).unwrap();
    download.write(&s.bundle[..1000]).unwrap();
    let error = download.finish(&s.signature, &s.key.trusted()).unwrap_err();
    assert!(
        matches!(error, DownloadError::Truncated { got: 1000, .. }),
        "{error}"
    );
    assert!(entries(s.downloads.path()).is_empty());
}

#[test]
fn a_file_with_another_hash_is_deleted() {
    let s = setup();
    let mut download = PartialDownload::begin(s.downloads.path(), &s.release).unwrap();
    let mut evil = s.bundle.clone();
    evil[100] ^= 1;
    download.write(&evil).unwrap();
    let error = download.finish(&s.signature, &s.key.trusted()).unwrap_err();
    assert!(matches!(error, DownloadError::HashMismatch), "{error}");
    assert!(error.to_string().contains("tampered"));
    assert!(entries(s.downloads.path()).is_empty());
}

#[test]
fn a_bad_signature_is_deleted_even_when_the_hash_matches() {
    let s = setup();
    let other = CliKey::generate();
    let mut download = PartialDownload::begin(s.downloads.path(), &s.release).unwrap();
    download.write(&s.bundle).unwrap();
    let error = download.finish(&s.signature, &other.trusted()).unwrap_err();
    assert!(matches!(error, DownloadError::Signature(_)), "{error}");
    assert!(entries(s.downloads.path()).is_empty());
}

#[test]
fn an_abandoned_download_leaves_nothing() {
    let s = setup();
    let mut download = PartialDownload::begin(s.downloads.path(), &s.release).unwrap();
    download.write(&s.bundle[..10]).unwrap();
    drop(download);
    assert!(entries(s.downloads.path()).is_empty());
}

#[test]
fn a_file_name_that_leaves_the_folder_is_refused() {
    let s = setup();
    for name in ["../evil.tar.xz", ".hidden", "a/b", ""] {
        let mut release = s.release.clone();
        release.file = name.into();
        let error = PartialDownload::begin(s.downloads.path(), &release).unwrap_err();
        assert!(matches!(error, DownloadError::UnsafeName(_)), "{name}");
    }
}
