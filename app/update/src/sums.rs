//! `sha256sums-unsigned-build.txt`: parsing it and checking every file it lists.

use crate::error::VerifyError;
use sha2::{Digest, Sha256};
use std::io::Read;
use std::path::{Component, Path};

/// One line of a sums file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SumsLine {
    /// The expected SHA-256.
    pub sha256: [u8; 32],
    /// The file name, relative to the sums file's folder.
    pub name: String,
}

/// What checking one listed file found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SumsOutcome {
    /// The file is there and its hash matches.
    Good(String),
    /// The file is there but its hash differs: it is not the released file.
    Mismatch(String),
    /// The file is not there.
    Missing(String),
}

impl SumsOutcome {
    /// Whether the file checked out.
    pub fn is_good(&self) -> bool {
        matches!(self, SumsOutcome::Good(_))
    }
}

/// Parses `sha256sum` output: `HEX  NAME` or `HEX *NAME` per line; blank lines are skipped.
/// Any other line, and any name that leaves the folder, is an error.
pub fn parse_sums(text: &str) -> Result<Vec<SumsLine>, VerifyError> {
    let mut lines = Vec::new();
    for (index, line) in text.lines().enumerate() {
        let number = index + 1;
        if line.trim().is_empty() {
            continue;
        }
        let bad = VerifyError::BadSumsLine { line: number };
        let (hex_part, rest) = line.split_at_checked(64).ok_or(bad)?;
        let name = rest
            .strip_prefix("  ")
            .or_else(|| rest.strip_prefix(" *"))
            .ok_or(VerifyError::BadSumsLine { line: number })?;
        let mut sha256 = [0u8; 32];
        hex::decode_to_slice(hex_part, &mut sha256)
            .map_err(|_| VerifyError::BadSumsLine { line: number })?;
        if name.is_empty() {
            return Err(VerifyError::BadSumsLine { line: number });
        }
        let stays_inside = Path::new(name)
            .components()
            .all(|component| matches!(component, Component::Normal(_)));
        if !stays_inside {
            return Err(VerifyError::UnsafeSumsPath { line: number });
        }
        lines.push(SumsLine {
            sha256,
            name: name.to_owned(),
        });
    }
    Ok(lines)
}

/// Checks every file listed in the sums file at `path` (names are relative to its folder).
pub fn check_sums(path: &Path) -> Result<Vec<SumsOutcome>, VerifyError> {
    let text = std::fs::read_to_string(path).map_err(|source| VerifyError::Read {
        path: path.to_path_buf(),
        source,
    })?;
    let folder = path.parent().unwrap_or(Path::new("."));
    let mut outcomes = Vec::new();
    for line in parse_sums(&text)? {
        let file = folder.join(&line.name);
        let outcome = match std::fs::File::open(&file) {
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
                SumsOutcome::Missing(line.name)
            }
            Err(source) => return Err(VerifyError::Read { path: file, source }),
            Ok(reader) => {
                let digest = sha256_reader(reader).map_err(|source| VerifyError::Read {
                    path: file.clone(),
                    source,
                })?;
                if digest == line.sha256 {
                    SumsOutcome::Good(line.name)
                } else {
                    SumsOutcome::Mismatch(line.name)
                }
            }
        };
        outcomes.push(outcome);
    }
    Ok(outcomes)
}

/// SHA-256 of everything `reader` yields, in constant memory.
pub(crate) fn sha256_reader(mut reader: impl Read) -> std::io::Result<[u8; 32]> {
    let mut hasher = Sha256::new();
    let mut buffer = vec![0; 1 << 20];
    loop {
        match reader.read(&mut buffer) {
            Ok(0) => break,
            Ok(read) => hasher.update(&buffer[..read]),
            Err(error) if error.kind() == std::io::ErrorKind::Interrupted => {}
            Err(error) => return Err(error),
        }
    }
    Ok(hasher.finalize().into())
}

#[cfg(test)]
mod tests {
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
}
