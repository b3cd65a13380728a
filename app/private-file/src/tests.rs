use super::*;

fn mode_of(path: &Path) -> u32 {
    fs::metadata(path).unwrap().permissions().mode() & 0o777
}

#[test]
fn replaces_content_with_owner_only_mode_and_leaves_nothing_behind() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("f");
    fs::write(&path, "old").unwrap();
    fs::set_permissions(&path, fs::Permissions::from_mode(0o644)).unwrap();
    write(&path, b"new").unwrap();
    assert_eq!(fs::read_to_string(&path).unwrap(), "new");
    assert_eq!(mode_of(&path), 0o600);
    assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
}

#[test]
fn a_failing_fill_keeps_the_old_file_and_removes_the_temporary_one() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("f");
    write(&path, b"kept").unwrap();
    let error = write_with(&path, |file| {
        file.write_all(b"half")?;
        Err(io::Error::other("disk full"))
    })
    .unwrap_err();
    assert_eq!(error.to_string(), "disk full");
    assert_eq!(fs::read(&path).unwrap(), b"kept");
    assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
}

#[test]
fn a_missing_folder_is_an_error_and_creates_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("missing").join("f");
    assert_eq!(
        write(&path, b"x").unwrap_err().kind(),
        io::ErrorKind::NotFound
    );
    assert!(!dir.path().join("missing").exists());
}

#[test]
fn folders_are_created_owner_only_and_existing_ones_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    let nested = dir.path().join("a").join("b");
    create_dir(&nested).unwrap();
    assert_eq!(mode_of(&nested), 0o700);
    assert_eq!(mode_of(&dir.path().join("a")), 0o700);
    let existing = dir.path().join("open");
    fs::create_dir(&existing).unwrap();
    fs::set_permissions(&existing, fs::Permissions::from_mode(0o755)).unwrap();
    create_dir(&existing).unwrap();
    assert_eq!(mode_of(&existing), 0o755);
}

#[test]
fn loosened_files_are_restricted_to_the_owner() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("f");
    fs::write(&path, "x").unwrap();
    fs::set_permissions(&path, fs::Permissions::from_mode(0o664)).unwrap();
    restrict_to_owner(&path).unwrap();
    assert_eq!(mode_of(&path), 0o600);
}
