//! `check-update` and `download` end to end: a local HTTPS update server reached through the
//! private Tor network by hostname (`updates.test`, resolved by the exits), with keys made
//! for the test. One test per attack; each must be refused and leave `Downloads/` empty.

#![allow(clippy::unwrap_used)] // test code: a panic is the failure report

use harness::TorNetwork;
use harness::{HttpsFileServer, Route};
use messenger_net::{Isolation, TlsTrust, TorSocks};
use messenger_update::{
    CheckError, DownloadError, DownloadOutcome, FORMAT, FetchError, Fetcher, KeyChanges, Manifest,
    PRODUCT, PlatformRelease, TrustedKeys, UpdateError, UpdateSettings, Verdict, VerifyError,
    check_for_update, download_update,
};
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, HashMap};
use std::path::Path;
use time::OffsetDateTime;

#[path = "support/signer.rs"]
mod signer;
use signer::Signer;

const HOST: &str = "updates.test";
const PLATFORM: &str = "linux-x86_64";

struct UpdateServer {
    port: u16,
    sha256: [u8; 32],
    _server: HttpsFileServer,
}

async fn serve(routes: HashMap<String, Route>) -> UpdateServer {
    let server = HttpsFileServer::start(HOST, routes).unwrap();
    UpdateServer {
        port: server.port(),
        sha256: server.cert_sha256(),
        _server: server,
    }
}

fn release_for(bundle: &[u8], version: &str) -> PlatformRelease {
    let file = PlatformRelease::expected_file_name(version, PLATFORM);
    PlatformRelease {
        version: version.into(),
        path: format!("dist/{file}"),
        size: bundle.len() as u64,
        sha256: hex::encode(Sha256::digest(bundle)),
        file,
    }
}

fn manifest(sequence: u64, release: PlatformRelease) -> Manifest {
    let now = OffsetDateTime::now_utc();
    Manifest {
        format: FORMAT,
        product: PRODUCT.into(),
        channel: "alpha".into(),
        sequence,
        issued: now - time::Duration::days(1),
        expires: now + time::Duration::days(30),
        platforms: BTreeMap::from([(PLATFORM.to_string(), release)]),
        keys: KeyChanges::default(),
    }
}

/// A complete release: manifest, bundle and signatures, as routes.
fn release_routes(signer: &Signer, manifest: &Manifest, bundle: &[u8]) -> HashMap<String, Route> {
    let json = serde_json::to_vec_pretty(manifest).unwrap();
    let release = &manifest.platforms[PLATFORM];
    HashMap::from([
        (
            "/update/manifest.json".to_string(),
            Route::File(json.clone()),
        ),
        (
            "/update/manifest.json.minisig".to_string(),
            Route::File(signer.sign(&json).into_bytes()),
        ),
        (
            format!("/update/{}", release.path),
            Route::File(bundle.to_vec()),
        ),
        (
            format!("/update/{}.minisig", release.path),
            Route::File(signer.sign(bundle).into_bytes()),
        ),
    ])
}

struct Client {
    fetcher: Fetcher,
    settings: UpdateSettings,
    profile: tempfile::TempDir,
}

fn manifest_url(server: &UpdateServer) -> String {
    format!("https://{HOST}:{}/update/manifest.json", server.port)
}

/// A fetcher through the private network's tor, on a fresh circuit, pinning `server`.
fn fetcher_for(server: &UpdateServer) -> Fetcher {
    let tor = TorNetwork::shared_client().expect("private tor network");
    let trust = TlsTrust::public_roots()
        .unwrap()
        .with_pin(HOST, server.port, server.sha256);
    Fetcher::new(
        TorSocks {
            addr: tor.socks_addr(),
        },
        Isolation::random().unwrap(),
        trust,
    )
}

impl Client {
    fn new(server: &UpdateServer, keys: TrustedKeys) -> Client {
        let fetcher = fetcher_for(server);
        let profile = tempfile::tempdir().unwrap();
        let settings = UpdateSettings {
            manifest_url: manifest_url(server),
            keys,
            state_path: profile.path().join("Data/update-state.json"),
            downloads: profile.path().join("Downloads"),
            current_version: "0.1.0".into(),
            platform: PLATFORM.into(),
            channel: "alpha".into(),
        };
        Client {
            fetcher,
            settings,
            profile,
        }
    }

    /// The same profile (and its memory of what it saw) meeting another server.
    fn repoint(&mut self, server: &UpdateServer) {
        self.fetcher = fetcher_for(server);
        self.settings.manifest_url = manifest_url(server);
    }

    async fn check(&self) -> Result<messenger_update::Accepted, UpdateError> {
        check_for_update(&self.fetcher, &self.settings, OffsetDateTime::now_utc()).await
    }

    async fn download(&self) -> Result<DownloadOutcome, UpdateError> {
        download_update(&self.fetcher, &self.settings, OffsetDateTime::now_utc()).await
    }

    fn downloads_left(&self) -> Vec<String> {
        list(&self.profile.path().join("Downloads"))
    }
}

fn list(dir: &Path) -> Vec<String> {
    match std::fs::read_dir(dir) {
        Err(_) => Vec::new(),
        Ok(entries) => entries
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect(),
    }
}

fn bundle_bytes() -> Vec<u8> {
    (0..300_000u32).map(|i| (i * 7 % 256) as u8).collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_signed_newer_release_is_offered_then_downloaded_and_verified() {
    let signer = Signer::new();
    let bundle = bundle_bytes();
    let routes = release_routes(
        &signer,
        &manifest(3, release_for(&bundle, "0.2.0")),
        &bundle,
    );
    let server = serve(routes).await;
    let client = Client::new(&server, signer.keys());
    let accepted = client.check().await.unwrap();
    assert!(matches!(&accepted.verdict, Verdict::Available(r) if r.version == "0.2.0"));
    assert!(
        client.downloads_left().is_empty(),
        "checking downloads nothing"
    );
    match client.download().await.unwrap() {
        DownloadOutcome::Kept(kept) => {
            assert_eq!(std::fs::read(&kept.path).unwrap(), bundle);
            assert!(kept.signature_path.exists());
        }
        other => panic!("{other:?}"),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_current_version_is_up_to_date_and_downloads_nothing() {
    let signer = Signer::new();
    let bundle = bundle_bytes();
    let routes = release_routes(
        &signer,
        &manifest(3, release_for(&bundle, "0.1.0")),
        &bundle,
    );
    let server = serve(routes).await;
    let client = Client::new(&server, signer.keys());
    assert_eq!(
        client.download().await.unwrap(),
        DownloadOutcome::UpToDate {
            latest: "0.1.0".into()
        }
    );
    assert!(client.downloads_left().is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_tampered_manifest_is_refused() {
    let signer = Signer::new();
    let bundle = bundle_bytes();
    let mut routes = release_routes(
        &signer,
        &manifest(3, release_for(&bundle, "0.2.0")),
        &bundle,
    );
    let Route::File(json) = routes["/update/manifest.json"].clone() else {
        unreachable!()
    };
    let tampered = String::from_utf8(json)
        .unwrap()
        .replace("\"sequence\": 3", "\"sequence\": 4");
    routes.insert(
        "/update/manifest.json".into(),
        Route::File(tampered.into_bytes()),
    );
    let server = serve(routes).await;
    let client = Client::new(&server, signer.keys());
    let error = client.download().await.unwrap_err();
    assert!(
        matches!(
            error,
            UpdateError::Check(CheckError::Signature(VerifyError::BadSignature { .. }))
        ),
        "{error}"
    );
    assert!(client.downloads_left().is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_manifest_signed_by_an_unknown_key_is_refused() {
    let attacker = Signer::new();
    let bundle = bundle_bytes();
    let routes = release_routes(
        &attacker,
        &manifest(3, release_for(&bundle, "0.2.0")),
        &bundle,
    );
    let server = serve(routes).await;
    let client = Client::new(&server, Signer::new().keys());
    let error = client.download().await.unwrap_err();
    assert!(
        matches!(
            error,
            UpdateError::Check(CheckError::Signature(VerifyError::UnknownKey { .. }))
        ),
        "{error}"
    );
    assert!(client.downloads_left().is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_expired_manifest_is_refused() {
    let signer = Signer::new();
    let bundle = bundle_bytes();
    let mut old = manifest(3, release_for(&bundle, "0.2.0"));
    old.expires = OffsetDateTime::now_utc() - time::Duration::days(1);
    let server = serve(release_routes(&signer, &old, &bundle)).await;
    let client = Client::new(&server, signer.keys());
    let error = client.download().await.unwrap_err();
    assert!(
        matches!(error, UpdateError::Check(CheckError::Expired { .. })),
        "{error}"
    );
    assert!(client.downloads_left().is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_rollback_to_a_lower_sequence_is_refused() {
    let signer = Signer::new();
    let bundle = bundle_bytes();
    let newer = serve(release_routes(
        &signer,
        &manifest(9, release_for(&bundle, "0.2.0")),
        &bundle,
    ))
    .await;
    let mut client = Client::new(&newer, signer.keys());
    client.check().await.unwrap();
    // The same profile now meets a server replaying an older manifest.
    let older = serve(release_routes(
        &signer,
        &manifest(8, release_for(&bundle, "0.2.0")),
        &bundle,
    ))
    .await;
    client.repoint(&older);
    let error = client.download().await.unwrap_err();
    assert!(
        matches!(
            error,
            UpdateError::Check(CheckError::RollbackSequence { seen: 9, got: 8 })
        ),
        "{error}"
    );
    assert!(client.downloads_left().is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_manifest_for_another_platform_is_refused() {
    let signer = Signer::new();
    let bundle = bundle_bytes();
    let mut other = manifest(3, release_for(&bundle, "0.2.0"));
    let entry = other.platforms.remove(PLATFORM).unwrap();
    other.platforms.insert("macos-aarch64".into(), entry);
    let server = serve(release_routes_for(
        &signer,
        &other,
        "macos-aarch64",
        &bundle,
    ))
    .await;
    let client = Client::new(&server, signer.keys());
    let error = client.download().await.unwrap_err();
    assert!(
        matches!(error, UpdateError::Check(CheckError::WrongPlatform { .. })),
        "{error}"
    );
    assert!(client.downloads_left().is_empty());
}

fn release_routes_for(
    signer: &Signer,
    manifest: &Manifest,
    platform: &str,
    bundle: &[u8],
) -> HashMap<String, Route> {
    let json = serde_json::to_vec_pretty(manifest).unwrap();
    let release = &manifest.platforms[platform];
    HashMap::from([
        (
            "/update/manifest.json".to_string(),
            Route::File(json.clone()),
        ),
        (
            "/update/manifest.json.minisig".to_string(),
            Route::File(signer.sign(&json).into_bytes()),
        ),
        (
            format!("/update/{}", release.path),
            Route::File(bundle.to_vec()),
        ),
    ])
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_bundle_larger_than_listed_is_stopped_and_deleted() {
    let signer = Signer::new();
    let bundle = bundle_bytes();
    let release = release_for(&bundle, "0.2.0");
    let mut routes = release_routes(&signer, &manifest(3, release.clone()), &bundle);
    let mut bigger = bundle.clone();
    bigger.extend_from_slice(&[0u8; 10_000]);
    routes.insert(
        format!("/update/{}", release.path),
        Route::Unannounced(bigger),
    );
    let server = serve(routes).await;
    let client = Client::new(&server, signer.keys());
    let error = client.download().await.unwrap_err();
    assert!(
        matches!(error, UpdateError::Download(DownloadError::TooLarge { .. })),
        "{error}"
    );
    assert!(client.downloads_left().is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_bundle_whose_hash_differs_is_deleted() {
    let signer = Signer::new();
    let bundle = bundle_bytes();
    let release = release_for(&bundle, "0.2.0");
    let mut routes = release_routes(&signer, &manifest(3, release.clone()), &bundle);
    let mut evil = bundle.clone();
    evil[12_345] ^= 0x40;
    // The attacker even signs the evil file with the real key: the manifest's hash still stops it.
    routes.insert(
        format!("/update/{}", release.path),
        Route::File(evil.clone()),
    );
    routes.insert(
        format!("/update/{}.minisig", release.path),
        Route::File(signer.sign(&evil).into_bytes()),
    );
    let server = serve(routes).await;
    let client = Client::new(&server, signer.keys());
    let error = client.download().await.unwrap_err();
    assert!(
        matches!(error, UpdateError::Download(DownloadError::HashMismatch)),
        "{error}"
    );
    assert!(error.to_string().contains("tampered"));
    assert!(client.downloads_left().is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_truncated_download_is_deleted() {
    let signer = Signer::new();
    let bundle = bundle_bytes();
    let release = release_for(&bundle, "0.2.0");
    let mut routes = release_routes(&signer, &manifest(3, release.clone()), &bundle);
    routes.insert(
        format!("/update/{}", release.path),
        Route::Unannounced(bundle[..100_000].to_vec()),
    );
    let server = serve(routes).await;
    let client = Client::new(&server, signer.keys());
    let error = client.download().await.unwrap_err();
    assert!(
        matches!(
            error,
            UpdateError::Download(DownloadError::Truncated { got: 100_000, .. })
        ),
        "{error}"
    );
    assert!(client.downloads_left().is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_server_that_sends_forever_is_cut_off() {
    let signer = Signer::new();
    let bundle = bundle_bytes();
    let release = release_for(&bundle, "0.2.0");
    let mut routes = release_routes(&signer, &manifest(3, release.clone()), &bundle);
    routes.insert(format!("/update/{}", release.path), Route::Endless);
    let server = serve(routes).await;
    let client = Client::new(&server, signer.keys());
    let error = client.download().await.unwrap_err();
    assert!(
        matches!(error, UpdateError::Download(DownloadError::TooLarge { .. })),
        "{error}"
    );
    assert!(client.downloads_left().is_empty());
    // An endless manifest is refused at the manifest cap.
    let mut routes = release_routes(&signer, &manifest(3, release), &bundle);
    routes.insert("/update/manifest.json".into(), Route::Endless);
    let server = serve(routes).await;
    let client = Client::new(&server, signer.keys());
    let error = client.check().await.unwrap_err();
    assert!(
        matches!(error, UpdateError::Check(CheckError::TooLarge)),
        "{error}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn key_rotation_is_accepted_only_when_signed_by_a_current_key() {
    let old = Signer::new();
    let new = Signer::new();
    let bundle = bundle_bytes();
    let mut rotation = manifest(3, release_for(&bundle, "0.2.0"));
    rotation.keys.add.push(new.base64());
    let server = serve(release_routes(&old, &rotation, &bundle)).await;
    let mut client = Client::new(&server, old.keys());
    client.check().await.unwrap();
    // The next release is signed by the new key only, and the same profile accepts it.
    let next = serve(release_routes(
        &new,
        &manifest(4, release_for(&bundle, "0.2.0")),
        &bundle,
    ))
    .await;
    client.repoint(&next);
    let outcome = client.download().await.unwrap();
    assert!(matches!(outcome, DownloadOutcome::Kept(_)));

    // A rotation announced under an unknown key is refused, and that key stays untrusted.
    let attacker = Signer::new();
    let mut hostile = manifest(5, release_for(&bundle, "0.2.0"));
    hostile.keys.add.push(attacker.base64());
    let server = serve(release_routes(&attacker, &hostile, &bundle)).await;
    let fresh = Client::new(&server, old.keys());
    let error = fresh.check().await.unwrap_err();
    assert!(
        matches!(
            error,
            UpdateError::Check(CheckError::Signature(VerifyError::UnknownKey { .. }))
        ),
        "{error}"
    );
    assert!(
        !fresh.settings.state_path.exists(),
        "nothing remembered from a refused manifest"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn plain_http_is_never_fetched() {
    let tor = TorNetwork::shared_client().unwrap();
    let fetcher = Fetcher::new(
        TorSocks {
            addr: tor.socks_addr(),
        },
        Isolation::random().unwrap(),
        TlsTrust::public_roots().unwrap(),
    );
    let error = fetcher
        .fetch_bytes(
            "http://updates.test/manifest.json",
            100,
            std::time::Duration::from_secs(5),
        )
        .await
        .unwrap_err();
    assert!(matches!(error, FetchError::NotHttps { .. }), "{error}");
}
