//! Builds the release public keys (`keys/*.pub` at the top of the repository) into
//! messenger-update (`built_in::RELEASE_KEYS`), so the launcher's `verify`/`check-update` and
//! the messenger's "Check for updates" trust the keys of the bundle the user already has, not
//! files that could be swapped beside a download.

use std::fmt::Write as _;
use std::path::Path;

fn main() {
    let keys_dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../keys");
    println!("cargo:rerun-if-changed={}", keys_dir.display());
    let mut names: Vec<_> = std::fs::read_dir(&keys_dir)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .map(|entry| entry.path())
                .filter(|path| path.extension().is_some_and(|ext| ext == "pub"))
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    let mut code = String::from(
        "/// The release keys built in: (file name, minisign.pub text).\npub const RELEASE_KEYS: &[(&str, &str)] = &[\n",
    );
    for path in names {
        println!("cargo:rerun-if-changed={}", path.display());
        let text = std::fs::read_to_string(&path)
            .unwrap_or_else(|error| panic!("cannot read {}: {error}", path.display()));
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let _ = writeln!(code, "    ({name:?}, {text:?}),");
    }
    code.push_str("];\n");
    let out =
        Path::new(&std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("release_keys.rs");
    std::fs::write(&out, code)
        .unwrap_or_else(|error| panic!("cannot write {}: {error}", out.display()));
    println!("cargo:rerun-if-env-changed=TOR_MESSENGER_UPDATE_URL");
    println!("cargo:rerun-if-env-changed=TOR_MESSENGER_CHANNEL");
}
