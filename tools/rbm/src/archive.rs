//! Deterministic `.tar.xz`: the same tree gives the same bytes, whoever builds it, wherever,
//! whenever. Entries sorted by path bytes, mtime fixed, uid/gid 0 with no user or group
//! names, modes reduced to 0755 (directories and anything executable) or 0644, and xz with a
//! fixed preset on one thread.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use tar::{EntryType, Header};
use xz2::stream::{Check, Stream};
use xz2::write::XzEncoder;

use crate::digest::is_executable;
use crate::error::{Error, Result, io};

/// The xz preset of every archive (9: smallest download; single-threaded, so the output
/// does not depend on the machine's core count).
pub const XZ_PRESET: u32 = 9;

/// How to write an archive.
#[derive(Debug, Clone)]
pub struct ArchiveOptions {
    /// Every entry's modification time (SOURCE_DATE_EPOCH).
    pub mtime: u64,
    /// A top folder every entry is placed under (e.g. "tor-messenger"), if any.
    pub prefix: Option<String>,
}

#[derive(Debug)]
enum Kind {
    Dir,
    File { executable: bool, size: u64 },
    Symlink(PathBuf),
}

#[derive(Debug)]
struct Entry {
    relative: PathBuf,
    source: PathBuf,
    kind: Kind,
}

/// Writes `source_dir`'s content as a deterministic `.tar.xz` at `output`.
pub fn write_tar_xz(source_dir: &Path, output: &Path, options: &ArchiveOptions) -> Result<()> {
    let file = fs::File::create(output).map_err(io(output))?;
    let stream = Stream::new_easy_encoder(XZ_PRESET, Check::Crc64).map_err(|e| Error::Tool {
        tool: "xz".into(),
        message: e.to_string(),
    })?;
    let encoder = XzEncoder::new_stream(io::BufWriter::new(file), stream);
    let encoder = write_tar(source_dir, encoder, options)?;
    let mut writer = encoder.finish().map_err(io(output))?;
    writer.flush().map_err(io(output))
}

/// Writes `source_dir`'s content as a deterministic (uncompressed) tar stream into `writer`.
pub fn write_tar<W: Write>(source_dir: &Path, writer: W, options: &ArchiveOptions) -> Result<W> {
    let mut entries = Vec::new();
    collect(source_dir, Path::new(""), &mut entries)?;
    // Byte order of the full path: independent of the file system's directory order.
    entries.sort_by(|a, b| {
        a.relative
            .as_os_str()
            .as_encoded_bytes()
            .cmp(b.relative.as_os_str().as_encoded_bytes())
    });
    let mut builder = tar::Builder::new(writer);
    if let Some(prefix) = &options.prefix {
        let mut header = base_header(options.mtime, EntryType::Directory, 0o755, 0);
        append(
            &mut builder,
            &mut header,
            Path::new(prefix),
            io::empty(),
            source_dir,
        )?;
    }
    for entry in &entries {
        let path = match &options.prefix {
            Some(prefix) => Path::new(prefix).join(&entry.relative),
            None => entry.relative.clone(),
        };
        match &entry.kind {
            Kind::Dir => {
                let mut header = base_header(options.mtime, EntryType::Directory, 0o755, 0);
                append(&mut builder, &mut header, &path, io::empty(), &entry.source)?;
            }
            Kind::File { executable, size } => {
                let mode = if *executable { 0o755 } else { 0o644 };
                let mut header = base_header(options.mtime, EntryType::Regular, mode, *size);
                let file = fs::File::open(&entry.source).map_err(io(&entry.source))?;
                append(&mut builder, &mut header, &path, file, &entry.source)?;
            }
            Kind::Symlink(target) => {
                let mut header = base_header(options.mtime, EntryType::Symlink, 0o777, 0);
                builder
                    .append_link(&mut header, &path, target)
                    .map_err(io(&entry.source))?;
            }
        }
    }
    builder.into_inner().map_err(io(source_dir))
}

fn append<W: Write, R: io::Read>(
    builder: &mut tar::Builder<W>,
    header: &mut Header,
    path: &Path,
    data: R,
    source: &Path,
) -> Result<()> {
    builder.append_data(header, path, data).map_err(io(source))
}

/// A GNU header with every field that could carry the builder's identity or clock fixed.
fn base_header(mtime: u64, kind: EntryType, mode: u32, size: u64) -> Header {
    let mut header = Header::new_gnu();
    header.set_entry_type(kind);
    header.set_mode(mode);
    header.set_size(size);
    header.set_mtime(mtime);
    header.set_uid(0);
    header.set_gid(0);
    // new_gnu leaves the user and group names empty; say so explicitly.
    let _ = header.set_username("");
    let _ = header.set_groupname("");
    header
}

fn collect(root: &Path, relative: &Path, entries: &mut Vec<Entry>) -> Result<()> {
    let dir = root.join(relative);
    for item in fs::read_dir(&dir).map_err(io(&dir))? {
        let item = item.map_err(io(&dir))?;
        let rel = relative.join(item.file_name());
        let source = item.path();
        let metadata = fs::symlink_metadata(&source).map_err(io(&source))?;
        let kind = if metadata.file_type().is_symlink() {
            Kind::Symlink(fs::read_link(&source).map_err(io(&source))?)
        } else if metadata.is_dir() {
            Kind::Dir
        } else if metadata.is_file() {
            Kind::File {
                executable: is_executable(&metadata),
                size: metadata.len(),
            }
        } else {
            return Err(Error::Tool {
                tool: "archive".into(),
                message: format!(
                    "{}: only files, directories and symlinks can be archived",
                    source.display()
                ),
            });
        };
        let is_dir = matches!(kind, Kind::Dir);
        entries.push(Entry {
            relative: rel.clone(),
            source,
            kind,
        });
        if is_dir {
            collect(root, &rel, entries)?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests;
