use std::fs;
use std::io::Read;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;

use super::*;

fn options() -> ArchiveOptions {
    ArchiveOptions {
        mtime: 1_700_000_000,
        prefix: Some("top".into()),
    }
}

/// A small tree with odd modes, an executable, an empty directory and a symlink.
fn make_tree(root: &Path, order: &[&str]) {
    for name in order {
        match *name {
            "bin" => {
                fs::create_dir_all(root.join("bin")).unwrap();
                fs::write(root.join("bin/run"), b"#!/bin/sh\n").unwrap();
                fs::set_permissions(root.join("bin/run"), fs::Permissions::from_mode(0o700))
                    .unwrap();
            }
            "data" => {
                fs::create_dir_all(root.join("Data")).unwrap();
                fs::set_permissions(root.join("Data"), fs::Permissions::from_mode(0o700)).unwrap();
            }
            "text" => {
                fs::write(root.join("b.txt"), b"bee").unwrap();
                fs::set_permissions(root.join("b.txt"), fs::Permissions::from_mode(0o600)).unwrap();
                fs::write(root.join("a.txt"), b"ay").unwrap();
                fs::set_permissions(root.join("a.txt"), fs::Permissions::from_mode(0o664)).unwrap();
            }
            "link" => std::os::unix::fs::symlink("a.txt", root.join("link")).unwrap(),
            _ => unreachable!(),
        }
    }
}

fn entries(tar_bytes: &[u8]) -> Vec<(String, tar::Header)> {
    let mut archive = tar::Archive::new(tar_bytes);
    archive
        .entries()
        .unwrap()
        .map(|entry| {
            let entry = entry.unwrap();
            (
                entry.path().unwrap().display().to_string(),
                entry.header().clone(),
            )
        })
        .collect()
}

fn tar_of(root: &Path) -> Vec<u8> {
    write_tar(root, Vec::new(), &options()).unwrap()
}

#[test]
fn entries_are_sorted_by_path_under_the_prefix() {
    let temp = tempfile::tempdir().unwrap();
    make_tree(temp.path(), &["text", "bin", "data", "link"]);
    let names: Vec<String> = entries(&tar_of(temp.path()))
        .into_iter()
        .map(|(name, _)| name)
        .collect();
    assert_eq!(
        names,
        [
            "top",
            "top/Data",
            "top/a.txt",
            "top/b.txt",
            "top/bin",
            "top/bin/run",
            "top/link"
        ]
    );
}

#[test]
fn mtime_is_fixed_and_owner_is_root_without_names() {
    let temp = tempfile::tempdir().unwrap();
    make_tree(temp.path(), &["text", "bin", "data", "link"]);
    for (name, header) in entries(&tar_of(temp.path())) {
        assert_eq!(header.mtime().unwrap(), 1_700_000_000, "{name}");
        assert_eq!(header.uid().unwrap(), 0, "{name}");
        assert_eq!(header.gid().unwrap(), 0, "{name}");
        assert_eq!(header.username_bytes().unwrap_or_default(), b"", "{name}");
        assert_eq!(header.groupname_bytes().unwrap_or_default(), b"", "{name}");
    }
}

#[test]
fn modes_are_normalised() {
    let temp = tempfile::tempdir().unwrap();
    make_tree(temp.path(), &["text", "bin", "data", "link"]);
    let modes: Vec<(String, u32)> = entries(&tar_of(temp.path()))
        .into_iter()
        .map(|(name, h)| (name, h.mode().unwrap()))
        .collect();
    let expect = |name: &str| modes.iter().find(|(n, _)| n == name).unwrap().1;
    assert_eq!(expect("top/a.txt"), 0o644, "0664 file");
    assert_eq!(expect("top/b.txt"), 0o644, "0600 file");
    assert_eq!(expect("top/bin/run"), 0o755, "0700 executable");
    assert_eq!(expect("top/Data"), 0o755, "0700 directory");
    assert_eq!(expect("top/bin"), 0o755);
}

#[test]
fn symlinks_are_kept_as_links() {
    let temp = tempfile::tempdir().unwrap();
    make_tree(temp.path(), &["text", "link"]);
    let (_, header) = entries(&tar_of(temp.path()))
        .into_iter()
        .find(|(n, _)| n == "top/link")
        .unwrap();
    assert_eq!(header.entry_type(), EntryType::Symlink);
    assert_eq!(header.link_name().unwrap().unwrap(), Path::new("a.txt"));
}

#[test]
fn creation_order_and_timestamps_do_not_change_the_bytes() {
    let one = tempfile::tempdir().unwrap();
    let two = tempfile::tempdir().unwrap();
    make_tree(one.path(), &["text", "bin", "data", "link"]);
    make_tree(two.path(), &["link", "data", "bin", "text"]);
    // Touch the second tree's files at another time.
    std::thread::sleep(std::time::Duration::from_millis(1100));
    fs::write(two.path().join("a.txt"), b"ay").unwrap();
    let out_one = one.path().join("../one.tar.xz");
    let out_two = two.path().join("../two.tar.xz");
    write_tar_xz(one.path(), &out_one, &options()).unwrap();
    write_tar_xz(two.path(), &out_two, &options()).unwrap();
    assert_eq!(fs::read(&out_one).unwrap(), fs::read(&out_two).unwrap());
    fs::remove_file(out_one).unwrap();
    fs::remove_file(out_two).unwrap();
}

#[test]
fn xz_stream_uses_the_fixed_preset_and_decodes_to_the_tar() {
    let temp = tempfile::tempdir().unwrap();
    let tree = temp.path().join("tree");
    fs::create_dir(&tree).unwrap();
    make_tree(&tree, &["text", "bin"]);
    let out = temp.path().join("a.tar.xz");
    write_tar_xz(&tree, &out, &options()).unwrap();
    let compressed = fs::read(&out).unwrap();
    // xz magic, then stream flags 0x00 0x04: CRC64, as chosen.
    assert_eq!(&compressed[..6], b"\xfd7zXZ\x00");
    assert_eq!(&compressed[6..8], &[0x00, 0x04]);
    // Decoding gives back exactly the plain tar.
    let mut decoded = Vec::new();
    xz2::read::XzDecoder::new(&compressed[..])
        .read_to_end(&mut decoded)
        .unwrap();
    assert_eq!(decoded, tar_of(&tree));
    // The single-threaded preset-9 encoder alone determines the bytes.
    let mut reference = Vec::new();
    let stream = Stream::new_easy_encoder(9, Check::Crc64).unwrap();
    let mut encoder = XzEncoder::new_stream(&mut reference, stream);
    encoder.write_all(&decoded).unwrap();
    encoder.finish().unwrap();
    assert_eq!(reference, compressed);
}

#[test]
fn special_files_are_refused_with_a_clear_error() {
    let temp = tempfile::tempdir().unwrap();
    let fifo = temp.path().join("fifo");
    let status = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(status.success());
    let error = write_tar(temp.path(), Vec::new(), &options())
        .unwrap_err()
        .to_string();
    assert!(
        error.contains("only files, directories and symlinks"),
        "{error}"
    );
}
