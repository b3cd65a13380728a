use super::*;

#[test]
fn app_paths_and_names() {
    assert_eq!(
        check_app(Path::new("/bin/sh")).unwrap(),
        Path::new("/bin/sh")
    );
    assert!(check_app(Path::new("sh")).unwrap().is_absolute());
    let err = check_app(Path::new("/nonexistent/app")).unwrap_err();
    assert!(err.to_string().contains("/nonexistent/app"), "{err}");
    assert!(check_app(Path::new("no-such-program-anywhere")).is_err());
    let temp = tempfile::tempdir().unwrap();
    let plain = temp.path().join("not-executable");
    std::fs::write(&plain, "").unwrap();
    assert!(check_app(&plain).is_err());
    assert!(check_app(temp.path()).is_err());
}
