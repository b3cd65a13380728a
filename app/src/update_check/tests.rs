//! The UI shows every verdict and refusal of a real `messenger-update` check: manifests
//! signed with a key made here, checked by `messenger_update::check_manifest` (the function
//! `check_for_update` runs after fetching), mapped by `status_of`, drawn by `MessengerUi`
//! and read back with egui_kittest.

use super::*;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use messenger_chat::{Model, TorState};
use messenger_ui::{MessengerUi, Settings};
use messenger_update::{CheckContext, FetchError, UpdateState, check_manifest};

struct Signer {
    public: minisign::PublicKey,
    secret: minisign::SecretKey,
}

impl Signer {
    fn new() -> Signer {
        let pair = minisign::KeyPair::generate_unencrypted_keypair().unwrap();
        Signer {
            public: pair.pk,
            secret: pair.sk,
        }
    }

    fn keys(&self) -> TrustedKeys {
        let mut keys = TrustedKeys::empty();
        keys.add_minisign_pub(&self.public.to_box().unwrap().into_string())
            .unwrap();
        keys
    }

    fn sign(&self, bytes: &[u8]) -> String {
        minisign::sign(Some(&self.public), &self.secret, bytes, None, None)
            .unwrap()
            .into_string()
    }
}

fn manifest(sequence: u64, version: &str, platform: &str, expires: &str) -> Vec<u8> {
    let file = format!("tor-messenger-{version}-{platform}.tar.xz");
    serde_json::to_vec_pretty(&serde_json::json!({
        "format": 1,
        "product": "tor-messenger",
        "channel": "alpha",
        "sequence": sequence,
        "issued": "2026-11-20T00:00:00Z",
        "expires": expires,
        "platforms": { platform: {
            "version": version,
            "file": file,
            "size": 98_765_432u64,
            "sha256": "ab".repeat(32),
            "path": format!("dist/{version}/{file}"),
        }},
    }))
    .unwrap()
}

const LATER: &str = "2027-01-20T00:00:00Z";

/// A real check of `bytes` signed by `signer`, trusting `trusted`, after `state`.
fn check(
    bytes: &[u8],
    signer: &Signer,
    trusted: &Signer,
    state: &UpdateState,
) -> Result<Accepted, UpdateError> {
    let keys = trusted.keys();
    let context = CheckContext {
        shipped_keys: &keys,
        state,
        current_version: "0.1.0",
        platform: PLATFORM,
        channel: "alpha",
        now: time::macros::datetime!(2026-11-26 12:00 UTC),
    };
    check_manifest(bytes, &signer.sign(bytes), &context).map_err(UpdateError::Check)
}

/// Shows `status` as the answer to the user's check and returns every label drawn.
fn shown(status: UpdateStatus) -> Vec<String> {
    let mut model = Model::new();
    model.tor = TorState::Ready;
    let settings = Settings {
        first_run_done: true,
        ..Settings::default()
    };
    let mut ui = MessengerUi::new(settings);
    ui.set_update_status(status, true);
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1100.0, 700.0))
        .build_ui_state(
            |egui_ui, (ui, model): &mut (MessengerUi, Model)| {
                let _ = ui.show(egui_ui, model);
            },
            (ui, model),
        );
    harness.run();
    harness
        .query_all_by_role(egui::accesskit::Role::Label)
        .filter_map(|node| node.accesskit_node().value())
        .collect()
}

fn assert_shown(status: UpdateStatus, words: &[&str]) {
    let labels = shown(status.clone());
    for word in words {
        assert!(
            labels.iter().any(|label| label.contains(word)),
            "{status:?}: {word:?} not in {labels:?}"
        );
    }
}

#[test]
fn up_to_date_and_available_are_the_launchers_verdicts() {
    let key = Signer::new();
    let state = UpdateState::default();
    let same = status_of(
        check(&manifest(1, "0.1.0", PLATFORM, LATER), &key, &key, &state),
        "0.1.0",
    );
    assert_shown(
        same,
        &["Up to date: you run 0.1.0, the latest release is 0.1.0."],
    );
    let newer = status_of(
        check(&manifest(2, "0.2.0", PLATFORM, LATER), &key, &key, &state),
        "0.1.0",
    );
    assert_eq!(
        newer,
        UpdateStatus::Available {
            version: "0.2.0".into(),
            size: 98_765_432
        }
    );
    assert_shown(
        newer,
        &[
            "Version 0.2.0 is available (98.8 MB).",
            "Nothing was downloaded",
            "tor-messenger-launcher download",
        ],
    );
}

#[test]
fn each_refusal_is_shown_in_its_own_words() {
    let key = Signer::new();
    let stranger = Signer::new();
    let fresh = UpdateState::default();
    let seen = UpdateState {
        highest_sequence: 5,
        manifest_sha256: "00".repeat(32),
        highest_version: "0.3.0".into(),
        ..UpdateState::default()
    };
    let good = manifest(5, "0.2.0", PLATFORM, LATER);
    let cases: Vec<(Result<Accepted, UpdateError>, &str)> = vec![
        (
            check(
                &manifest(1, "0.2.0", PLATFORM, "2026-01-01T00:00:00Z"),
                &key,
                &key,
                &fresh,
            ),
            "expired on 2026-01-01",
        ),
        (
            check(&manifest(4, "0.2.0", PLATFORM, LATER), &key, &key, &seen),
            "older (number 4) than one already seen (number 5)",
        ),
        (
            check(&manifest(6, "0.2.0", PLATFORM, LATER), &key, &key, &seen),
            "offers version 0.2.0, lower than 0.3.0",
        ),
        (
            check(&good, &key, &key, &seen),
            "differs from the one already seen",
        ),
        (
            check(&good, &stranger, &key, &fresh),
            "which is not a Tor Messenger release key",
        ),
        (
            {
                let mut tampered = good.clone();
                let signature = key.sign(&good);
                tampered[20] ^= 1;
                let keys = key.keys();
                let context = CheckContext {
                    shipped_keys: &keys,
                    state: &fresh,
                    current_version: "0.1.0",
                    platform: PLATFORM,
                    channel: "alpha",
                    now: time::macros::datetime!(2026-11-26 12:00 UTC),
                };
                check_manifest(&tampered, &signature, &context).map_err(UpdateError::Check)
            },
            "signature of the list of releases does not match",
        ),
        (
            check(
                &manifest(1, "0.2.0", "windows-x86_64", LATER),
                &key,
                &key,
                &fresh,
            ),
            "no valid release for this computer",
        ),
        (
            check(&vec![b' '; 70_000], &key, &key, &fresh),
            "far more data than a list of releases",
        ),
        (
            Err(UpdateError::Fetch(FetchError::Status { status: 404 })),
            "could not be fetched through Tor (the update server answered HTTP 404)",
        ),
    ];
    for (result, words) in cases {
        let status = status_of(result, "0.1.0");
        assert!(matches!(status, UpdateStatus::Refused(_)), "{status:?}");
        assert_shown(status, &["The update information was refused.", words]);
    }
}

#[test]
fn a_build_without_a_manifest_address_says_so_in_the_menu() {
    let dir = tempfile::tempdir().unwrap();
    let checker = UpdateChecker::new(
        None,
        Signer::new().keys(),
        dir.path(),
        dir.path(),
        TorSocks::localhost(9),
        TlsTrust::public_roots().unwrap(),
        None,
    );
    assert!(!checker.is_configured());
    let mut model = Model::new();
    model.tor = TorState::Ready;
    let mut ui = MessengerUi::new(Settings {
        first_run_done: true,
        ..Settings::default()
    });
    ui.set_updates_configured(checker.is_configured());
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1100.0, 700.0))
        .build_ui_state(
            |egui_ui, (ui, model): &mut (MessengerUi, Model)| {
                let _ = ui.show(egui_ui, model);
            },
            (ui, model),
        );
    harness.run();
    harness.get_by_label("Menu").click();
    harness.run();
    harness.get_by_label_contains("does not know where to look for updates");
}

#[test]
fn the_periodic_check_waits_a_day_and_needs_tor() {
    let dir = tempfile::tempdir().unwrap();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap();
    let mut checker = UpdateChecker::new(
        Some("https://updates.invalid/manifest.json".into()),
        Signer::new().keys(),
        dir.path(),
        dir.path(),
        TorSocks::localhost(9),
        TlsTrust::public_roots().unwrap(),
        Some(runtime.handle().clone()),
    );
    let now = Instant::now();
    assert_eq!(
        checker.tick(false, true, now, || {}),
        None,
        "off by default"
    );
    assert_eq!(checker.tick(true, false, now, || {}), None, "waits for tor");
    assert_eq!(
        checker.tick(true, true, now, || {}),
        Some(PERIOD),
        "checks once"
    );
    assert!(checker.running);
    let later = now + Duration::from_secs(3600);
    assert_eq!(
        checker.tick(true, true, later, || {}),
        Some(PERIOD - Duration::from_secs(3600)),
        "not again the same day"
    );
}

/// Waits for the checker's result.
fn result_of(checker: &mut UpdateChecker) -> (UpdateStatus, bool) {
    let deadline = Instant::now() + Duration::from_secs(120);
    loop {
        if let Some(result) = checker.results().pop() {
            return result;
        }
        assert!(Instant::now() < deadline, "no update result in time");
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn a_check_through_tor_reports_a_new_version_and_shares_rollback_state_with_the_launcher() {
    use harness::{HttpsFileServer, Route, TorNetwork};
    use std::collections::HashMap;
    const HOST: &str = "updates.test";
    let key = Signer::new();
    let far = "2099-01-01T00:00:00Z";
    let newer = manifest(7, "99.0.0", PLATFORM, far);
    let routes = HashMap::from([
        (
            "/update/manifest.json".to_string(),
            Route::File(newer.clone()),
        ),
        (
            "/update/manifest.json.minisig".to_string(),
            Route::File(key.sign(&newer).into_bytes()),
        ),
    ]);
    let server = HttpsFileServer::start(HOST, routes).unwrap();
    let tor = TorNetwork::shared_client().expect("private tor network");
    let profile = tempfile::tempdir().unwrap();
    let runtime = messenger_session::spawn_runtime().unwrap();
    let mut checker = UpdateChecker::new(
        Some(format!(
            "https://{HOST}:{}/update/manifest.json",
            server.port()
        )),
        key.keys(),
        profile.path(),
        profile.path(),
        TorSocks {
            addr: tor.socks_addr(),
        },
        TlsTrust::public_roots()
            .unwrap()
            .with_pin(HOST, server.port(), server.cert_sha256()),
        Some(runtime),
    );
    assert!(checker.is_configured());
    checker.start(true, || {});
    let (status, asked) = result_of(&mut checker);
    assert!(asked);
    assert_eq!(
        status,
        UpdateStatus::Available {
            version: "99.0.0".into(),
            size: 98_765_432
        }
    );
    // The launcher's state file, in the same place (`Data/update-state.json`).
    let state = UpdateState::load(&profile.path().join(STATE_FILE)).unwrap();
    assert_eq!(state.highest_sequence, 7);
    assert_eq!(state.highest_version, "99.0.0");
    // An older manifest served next is refused as a rollback, as the launcher would.
    let older = manifest(6, "99.0.0", PLATFORM, far);
    server.set_route("/update/manifest.json", Route::File(older.clone()));
    server.set_route(
        "/update/manifest.json.minisig",
        Route::File(key.sign(&older).into_bytes()),
    );
    checker.start(false, || {});
    let (status, asked) = result_of(&mut checker);
    assert!(!asked);
    assert_eq!(
        status,
        UpdateStatus::Refused(UpdateRefusal::RollbackSequence { seen: 7, got: 6 })
    );
}
