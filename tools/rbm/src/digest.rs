//! SHA-256 of files and of whole directory trees (the identity of inputs and outputs).

use std::fs;
use std::io::Read;
use std::path::Path;

use sha2::{Digest, Sha256};

use crate::error::{Result, io};

/// Lowercase hex of a SHA-256 digest.
pub fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    let mut out = String::with_capacity(bytes.len() * 2);
    for byte in bytes {
        // Writing into a String cannot fail.
        let _ = write!(out, "{byte:02x}");
    }
    out
}

/// SHA-256 of some bytes, as hex.
pub fn sha256_bytes(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

/// SHA-256 of a file's content, read in blocks (inputs can be hundreds of MB).
pub fn sha256_file(path: &Path) -> Result<String> {
    let mut file = fs::File::open(path).map_err(io(path))?;
    let mut hasher = Sha256::new();
    let mut buffer = vec![0u8; 1 << 16];
    loop {
        let read = file.read(&mut buffer).map_err(io(path))?;
        if read == 0 {
            break;
        }
        hasher.update(&buffer[..read]);
    }
    Ok(hex(&hasher.finalize()))
}

/// Whether any execute bit is set: the only mode bit the recipes keep.
pub fn is_executable(metadata: &fs::Metadata) -> bool {
    use std::os::unix::fs::PermissionsExt;
    metadata.permissions().mode() & 0o111 != 0
}

/// A text manifest of a tree: one line per entry in byte order of the relative path, with
/// its kind, execute bit and content hash. Its SHA-256 identifies the tree; timestamps,
/// owners and other mode bits are deliberately not part of it.
pub fn tree_manifest(root: &Path) -> Result<String> {
    let mut lines = Vec::new();
    walk(root, Path::new(""), &mut lines)?;
    lines.sort();
    let mut out = String::new();
    for (_, line) in lines {
        out.push_str(&line);
        out.push('\n');
    }
    Ok(out)
}

/// SHA-256 of [`tree_manifest`].
pub fn sha256_tree(root: &Path) -> Result<String> {
    Ok(sha256_bytes(tree_manifest(root)?.as_bytes()))
}

fn walk(root: &Path, relative: &Path, lines: &mut Vec<(Vec<u8>, String)>) -> Result<()> {
    use std::os::unix::ffi::OsStrExt;
    let dir = root.join(relative);
    for entry in fs::read_dir(&dir).map_err(io(&dir))? {
        let entry = entry.map_err(io(&dir))?;
        let rel = relative.join(entry.file_name());
        let path = entry.path();
        let metadata = fs::symlink_metadata(&path).map_err(io(&path))?;
        let key = rel.as_os_str().as_bytes().to_vec();
        let shown = rel.display();
        if metadata.file_type().is_symlink() {
            let target = fs::read_link(&path).map_err(io(&path))?;
            lines.push((key, format!("l {shown} -> {}", target.display())));
        } else if metadata.is_dir() {
            lines.push((key, format!("d {shown}")));
            walk(root, &rel, lines)?;
        } else {
            let exec = if is_executable(&metadata) { "x" } else { "-" };
            lines.push((key, format!("f{exec} {} {shown}", sha256_file(&path)?)));
        }
    }
    Ok(())
}
