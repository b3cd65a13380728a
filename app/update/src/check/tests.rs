use super::*;
use crate::manifest::KeyChanges;
use std::collections::BTreeMap;
use time::macros::datetime;

// The one test signer, shared with the integration tests.
#[path = "../../tests/support/signer.rs"]
mod signer;
use signer::Signer;

const NOW: OffsetDateTime = datetime!(2026-11-26 12:00 UTC);

fn release(version: &str, platform: &str) -> PlatformRelease {
    let file = PlatformRelease::expected_file_name(version, platform);
    PlatformRelease {
        version: version.into(),
        path: format!("dist/{version}/{file}"),
        file,
        size: 1234,
        sha256: "ab".repeat(32),
    }
}

fn manifest(sequence: u64, version: &str) -> Manifest {
    let mut platforms = BTreeMap::new();
    platforms.insert("linux-x86_64".to_string(), release(version, "linux-x86_64"));
    Manifest {
        format: FORMAT,
        product: PRODUCT.into(),
        channel: "alpha".into(),
        sequence,
        issued: datetime!(2026-11-20 0:00 UTC),
        expires: datetime!(2027-01-20 0:00 UTC),
        platforms,
        keys: KeyChanges::default(),
    }
}

fn bytes(manifest: &Manifest) -> Vec<u8> {
    serde_json::to_vec_pretty(manifest).unwrap()
}

fn check(
    manifest_bytes: &[u8],
    signature: &str,
    keys: &TrustedKeys,
    state: &UpdateState,
) -> Result<Accepted, CheckError> {
    let context = CheckContext {
        shipped_keys: keys,
        state,
        current_version: "0.1.0",
        platform: "linux-x86_64",
        channel: "alpha",
        now: NOW,
    };
    check_manifest(manifest_bytes, signature, &context)
}

fn signed_check(
    signer: &Signer,
    manifest: &Manifest,
    state: &UpdateState,
) -> Result<Accepted, CheckError> {
    let data = bytes(manifest);
    check(&data, &signer.sign(&data), &signer.keys(), state)
}

#[test]
fn a_newer_release_is_offered_and_remembered() {
    let signer = Signer::new();
    let accepted = signed_check(&signer, &manifest(5, "0.2.0"), &UpdateState::default()).unwrap();
    match &accepted.verdict {
        Verdict::Available(release) => assert_eq!(release.version, "0.2.0"),
        other => panic!("{other:?}"),
    }
    assert_eq!(accepted.new_state.highest_sequence, 5);
    assert_eq!(accepted.new_state.highest_version, "0.2.0");
    assert_eq!(
        accepted.signed_by.to_string(),
        signer.keys().ids().next().unwrap().to_string()
    );
}

#[test]
fn the_same_version_is_up_to_date() {
    let signer = Signer::new();
    let accepted = signed_check(&signer, &manifest(5, "0.1.0"), &UpdateState::default()).unwrap();
    assert_eq!(
        accepted.verdict,
        Verdict::UpToDate {
            latest: "0.1.0".into()
        }
    );
}

#[test]
fn a_tampered_manifest_is_refused() {
    let signer = Signer::new();
    let data = bytes(&manifest(5, "0.2.0"));
    let signature = signer.sign(&data);
    let tampered = String::from_utf8(data).unwrap().replace("0.2.0", "0.2.1");
    let error = check(
        tampered.as_bytes(),
        &signature,
        &signer.keys(),
        &UpdateState::default(),
    )
    .unwrap_err();
    assert!(
        matches!(
            error,
            CheckError::Signature(VerifyError::BadSignature { .. })
        ),
        "{error}"
    );
}

#[test]
fn a_signature_by_an_unknown_key_is_refused() {
    let attacker = Signer::new();
    let release_key = Signer::new();
    let data = bytes(&manifest(5, "0.2.0"));
    let error = check(
        &data,
        &attacker.sign(&data),
        &release_key.keys(),
        &UpdateState::default(),
    )
    .unwrap_err();
    assert!(
        matches!(error, CheckError::Signature(VerifyError::UnknownKey { .. })),
        "{error}"
    );
}

#[test]
fn an_expired_manifest_is_refused() {
    let signer = Signer::new();
    let mut old = manifest(5, "0.2.0");
    old.expires = datetime!(2026-11-01 0:00 UTC);
    let error = signed_check(&signer, &old, &UpdateState::default()).unwrap_err();
    assert!(matches!(error, CheckError::Expired { .. }), "{error}");
    assert!(error.to_string().contains("2026-11-01"));
}

#[test]
fn a_lower_sequence_is_a_rollback() {
    let signer = Signer::new();
    let state = signed_check(&signer, &manifest(7, "0.2.0"), &UpdateState::default())
        .unwrap()
        .new_state;
    let error = signed_check(&signer, &manifest(6, "0.3.0"), &state).unwrap_err();
    assert!(
        matches!(error, CheckError::RollbackSequence { seen: 7, got: 6 }),
        "{error}"
    );
}

#[test]
fn the_same_manifest_again_is_fine_but_a_different_one_with_its_sequence_is_not() {
    let signer = Signer::new();
    let first = manifest(7, "0.2.0");
    let state = signed_check(&signer, &first, &UpdateState::default())
        .unwrap()
        .new_state;
    signed_check(&signer, &first, &state).unwrap();
    let error = signed_check(&signer, &manifest(7, "0.2.1"), &state).unwrap_err();
    assert!(matches!(error, CheckError::ConflictingManifest), "{error}");
}

#[test]
fn a_lower_version_is_a_rollback_even_with_a_higher_sequence() {
    let signer = Signer::new();
    let state = signed_check(&signer, &manifest(7, "0.3.0"), &UpdateState::default())
        .unwrap()
        .new_state;
    let error = signed_check(&signer, &manifest(8, "0.2.0"), &state).unwrap_err();
    assert!(
        matches!(error, CheckError::RollbackVersion { .. }),
        "{error}"
    );
}

#[test]
fn a_manifest_for_another_platform_is_refused() {
    let signer = Signer::new();
    let mut other = manifest(5, "0.2.0");
    let entry = other.platforms.remove("linux-x86_64").unwrap();
    other.platforms.insert("windows-x86_64".into(), entry);
    let error = signed_check(&signer, &other, &UpdateState::default()).unwrap_err();
    assert!(matches!(error, CheckError::WrongPlatform { .. }), "{error}");
}

#[test]
fn another_platforms_file_under_our_name_is_refused() {
    let signer = Signer::new();
    let mut mixed = manifest(5, "0.2.0");
    mixed
        .platforms
        .insert("linux-x86_64".into(), release("0.2.0", "windows-x86_64"));
    let error = signed_check(&signer, &mixed, &UpdateState::default()).unwrap_err();
    assert!(matches!(error, CheckError::WrongPlatform { .. }), "{error}");
    let mut escaping = manifest(5, "0.2.0");
    let entry = escaping.platforms.get_mut("linux-x86_64").unwrap();
    entry.path = format!("../../{}", entry.file);
    let error = signed_check(&signer, &escaping, &UpdateState::default()).unwrap_err();
    assert!(matches!(error, CheckError::WrongPlatform { .. }), "{error}");
}

#[test]
fn another_product_or_channel_is_wrong_software() {
    let signer = Signer::new();
    let mut other = manifest(5, "0.2.0");
    other.product = "tor-browser".into();
    let error = signed_check(&signer, &other, &UpdateState::default()).unwrap_err();
    assert!(matches!(error, CheckError::WrongSoftware { .. }), "{error}");
    let mut stable = manifest(5, "0.2.0");
    stable.channel = "stable".into();
    let error = signed_check(&signer, &stable, &UpdateState::default()).unwrap_err();
    assert!(matches!(error, CheckError::WrongSoftware { .. }), "{error}");
}

#[test]
fn an_oversized_manifest_is_refused_before_anything_else() {
    let signer = Signer::new();
    let huge = vec![b' '; MAX_MANIFEST_BYTES + 1];
    let error = check(
        &huge,
        &signer.sign(&huge),
        &signer.keys(),
        &UpdateState::default(),
    )
    .unwrap_err();
    assert!(matches!(error, CheckError::TooLarge), "{error}");
}

#[test]
fn signed_garbage_is_malformed() {
    let signer = Signer::new();
    let error = check(
        b"{}",
        &signer.sign(b"{}"),
        &signer.keys(),
        &UpdateState::default(),
    )
    .unwrap_err();
    assert!(matches!(error, CheckError::Malformed(_)), "{error}");
}

#[test]
fn a_key_announced_by_a_current_key_is_trusted_afterwards() {
    let old = Signer::new();
    let new = Signer::new();
    let mut rotation = manifest(5, "0.2.0");
    rotation.keys.add.push(new.base64());
    let state = signed_check(&old, &rotation, &UpdateState::default())
        .unwrap()
        .new_state;
    let next = bytes(&manifest(6, "0.2.1"));
    let accepted = check(&next, &new.sign(&next), &old.keys(), &state).unwrap();
    assert_eq!(accepted.new_state.highest_sequence, 6);
}

#[test]
fn a_key_announced_by_an_unknown_key_is_not_trusted() {
    let old = Signer::new();
    let attacker = Signer::new();
    let mut rotation = manifest(5, "0.2.0");
    rotation.keys.add.push(attacker.base64());
    let data = bytes(&rotation);
    let error = check(
        &data,
        &attacker.sign(&data),
        &old.keys(),
        &UpdateState::default(),
    )
    .unwrap_err();
    assert!(
        matches!(error, CheckError::Signature(VerifyError::UnknownKey { .. })),
        "{error}"
    );
    let next = bytes(&manifest(6, "0.2.1"));
    let error = check(
        &next,
        &attacker.sign(&next),
        &old.keys(),
        &UpdateState::default(),
    )
    .unwrap_err();
    assert!(
        matches!(error, CheckError::Signature(VerifyError::UnknownKey { .. })),
        "{error}"
    );
}

#[test]
fn a_revoked_key_signs_nothing_more() {
    let old = Signer::new();
    let new = Signer::new();
    let mut rotation = manifest(5, "0.2.0");
    rotation.keys.add.push(new.base64());
    rotation
        .keys
        .revoke
        .push(old.keys().ids().next().unwrap().to_string());
    let state = signed_check(&old, &rotation, &UpdateState::default())
        .unwrap()
        .new_state;
    let next = bytes(&manifest(6, "0.2.1"));
    let error = check(&next, &old.sign(&next), &old.keys(), &state).unwrap_err();
    assert!(
        matches!(error, CheckError::Signature(VerifyError::UnknownKey { .. })),
        "{error}"
    );
    check(&next, &new.sign(&next), &old.keys(), &state).unwrap();
}
