use super::*;

#[test]
fn replaces_content_and_sets_mode() {
    let temp = tempfile::tempdir().unwrap();
    let path = temp.path().join("f");
    std::fs::write(&path, "old").unwrap();
    write_atomically(&path, b"new", 0o600).unwrap();
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "new");
    let mode = std::fs::metadata(&path).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o600);
    let leftovers = std::fs::read_dir(temp.path()).unwrap().count();
    assert_eq!(leftovers, 1);
}

#[test]
fn missing_dir_is_an_error() {
    assert!(write_atomically(Path::new("/nonexistent/dir/f"), b"x", 0o600).is_err());
}
