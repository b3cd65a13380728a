use super::*;

#[test]
fn an_empty_or_blank_build_value_means_no_address() {
    assert_eq!(manifest_url_from_build(None), None);
    assert_eq!(manifest_url_from_build(Some("")), None);
    assert_eq!(manifest_url_from_build(Some(" \n")), None);
    assert_eq!(
        manifest_url_from_build(Some(" https://example.invalid/update/manifest.json\n")),
        Some("https://example.invalid/update/manifest.json")
    );
}

#[test]
fn a_broken_built_in_key_is_named() {
    let error = keys_from(&[("release.pub", "untrusted comment: x\nnot base64\n")])
        .unwrap_err()
        .to_string();
    assert!(error.contains("release.pub"), "{error}");
    assert_eq!(keys_from(&[]).unwrap().ids().count(), 0);
}
