use super::*;

#[test]
fn cookie_of_wrong_length_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cookie");
    std::fs::write(&path, b"short").unwrap();
    assert!(matches!(
        read_cookie(&path),
        Err(ControlError::CookieLength { len: 5, .. })
    ));
}

#[test]
fn missing_cookie_names_the_file() {
    let err = read_cookie(Path::new("/nonexistent/cookie")).unwrap_err();
    assert!(err.to_string().contains("/nonexistent/cookie"), "{err}");
}
