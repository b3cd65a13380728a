use super::*;

const EMPTY_SHA: &str = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

#[test]
fn sha256sum_output_checks_out_file_by_file() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a"), b"").unwrap();
    std::fs::write(dir.path().join("b"), b"changed").unwrap();
    let sums = format!("{EMPTY_SHA}  a\n{EMPTY_SHA} *b\n{EMPTY_SHA}  c\n\n");
    let path = dir.path().join("sha256sums-unsigned-build.txt");
    std::fs::write(&path, sums).unwrap();
    let outcomes = check_sums(&path).unwrap();
    assert_eq!(
        outcomes,
        [
            SumsOutcome::Good("a".into()),
            SumsOutcome::Mismatch("b".into()),
            SumsOutcome::Missing("c".into()),
        ]
    );
}

#[test]
fn agrees_with_the_sha256sum_tool() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("data"), vec![42u8; 3_000_000]).unwrap();
    let output = std::process::Command::new("sha256sum")
        .arg("data")
        .current_dir(dir.path())
        .output()
        .unwrap();
    let path = dir.path().join("sums.txt");
    std::fs::write(&path, &output.stdout).unwrap();
    assert!(check_sums(&path).unwrap().iter().all(SumsOutcome::is_good));
}

#[test]
fn malformed_lines_are_named_by_number() {
    for (text, line) in [
        ("nonsense\n", 1),
        (&format!("{EMPTY_SHA}  a\n{}  b\n", "zz".repeat(32)), 2),
        (&format!("{EMPTY_SHA} a\n"), 1),
        (&format!("{EMPTY_SHA}  \n"), 1),
    ] {
        match parse_sums(text) {
            Err(VerifyError::BadSumsLine { line: got }) => assert_eq!(got, line, "{text}"),
            other => panic!("{text:?}: {other:?}"),
        }
    }
}

#[test]
fn names_that_leave_the_folder_are_refused() {
    for name in ["../etc/passwd", "/etc/passwd", "a/../../b"] {
        let text = format!("{EMPTY_SHA}  {name}\n");
        assert!(
            matches!(
                parse_sums(&text),
                Err(VerifyError::UnsafeSumsPath { line: 1 })
            ),
            "{name}"
        );
    }
}
