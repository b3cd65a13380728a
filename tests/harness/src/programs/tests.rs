use super::*;

#[test]
fn finds_tor_in_sbin() {
    let found = find_program("tor", Path::new("tor")).unwrap();
    assert!(found.ends_with("tor"));
}

#[test]
fn a_missing_program_names_its_package() {
    let error = find_program("ngircd", Path::new("/nonexistent/ngircd")).unwrap_err();
    let text = error.to_string();
    assert!(text.contains("apt-get install ngircd"), "{text}");
}
