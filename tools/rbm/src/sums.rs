//! `sha256sums-unsigned-build.txt`: one `HASH  NAME` line per artifact, sorted by name, the
//! format `sha256sum -c` reads.

use std::fs;
use std::path::Path;

use crate::digest::sha256_file;
use crate::error::{Result, io};

/// The sums of every regular file directly in `dir` (except `skip`), sorted by file name.
pub fn sums_of_dir(dir: &Path, skip: &[&str]) -> Result<String> {
    let mut names = Vec::new();
    for entry in fs::read_dir(dir).map_err(io(dir))? {
        let entry = entry.map_err(io(dir))?;
        let name = entry.file_name().to_string_lossy().into_owned();
        let is_file = entry.file_type().map_err(io(entry.path()))?.is_file();
        if is_file && !skip.contains(&name.as_str()) && !name.ends_with(".minisig") {
            names.push(name);
        }
    }
    names.sort();
    let mut out = String::new();
    for name in names {
        out.push_str(&format!("{}  {name}\n", sha256_file(&dir.join(&name))?));
    }
    Ok(out)
}
