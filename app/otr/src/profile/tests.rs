use super::*;

#[test]
fn fingerprint_lines_are_validated() {
    let good = b"bob\talice\tirc\t0123456789abcdef0123456789abcdef01234567\tverified\n";
    validate_fingerprints(good).unwrap();
    validate_fingerprints(b"").unwrap();
    let truncated = &good[..good.len() - 20];
    assert!(matches!(
        validate_fingerprints(truncated),
        Err(OtrError::CorruptFile {
            kind: FileKind::Fingerprints,
            ..
        })
    ));
    assert!(validate_fingerprints(b"garbage\n").is_err());
}

#[test]
fn instance_tag_lines_are_validated() {
    validate_instance_tags(b"alice\tirc\t1a2b3c4d\n").unwrap();
    validate_instance_tags(b"# WARNING! do not copy\nalice\tirc\t1a2b3c4d\n").unwrap();
    assert!(validate_instance_tags(b"alice\tirc\n").is_err());
    assert!(validate_instance_tags(b"alice\tirc\t1a2b").is_err());
}
