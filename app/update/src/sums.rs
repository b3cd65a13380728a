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
mod tests;
