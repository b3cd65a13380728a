//! The views do not import each other, and only `lib.rs` names `app.rs`: each view owns its
//! state and `app.rs` composes them, so the files form no circle. A plain text check of the
//! sources, naming file and line of each violation.

use std::path::{Path, PathBuf};

/// The source folder of this crate.
fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// The `.rs` files directly in `dir`, sorted.
fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|error| panic!("reading {}: {error}", dir.display()))
        .map(|entry| entry.expect("a directory entry").path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "rs"))
        .collect();
    files.sort();
    files
}

fn stem(path: &Path) -> String {
    path.file_stem()
        .and_then(|stem| stem.to_str())
        .expect("a UTF-8 file name")
        .to_owned()
}

/// Whether `line` contains `path` followed by something that ends a name (so `views::tab`
/// does not match `views::tabs`).
fn names(line: &str, path: &str) -> bool {
    line.match_indices(path).any(|(at, _)| {
        !line[at + path.len()..]
            .chars()
            .next()
            .is_some_and(|next| next.is_alphanumeric() || next == '_')
    })
}

/// What view file `file` (a module among `views`) names that it must not: another view's
/// module or the app. One entry per line, `file:line: text`.
fn view_violations(file: &str, text: &str, views: &[String]) -> Vec<String> {
    let mut found = Vec::new();
    for (number, line) in text.lines().enumerate() {
        let mut bad = names(line, "crate::app") || names(line, "super::super");
        bad |= line.contains("views::{") || line.contains("super::{");
        for other in views.iter().filter(|other| other.as_str() != file) {
            bad |=
                names(line, &format!("views::{other}")) || names(line, &format!("super::{other}"));
        }
        if bad {
            found.push(format!("views/{file}.rs:{}: {}", number + 1, line.trim()));
        }
    }
    found
}

/// Lines of `text` (file `name`) that name `app.rs`.
fn app_violations(name: &str, text: &str) -> Vec<String> {
    text.lines()
        .enumerate()
        .filter(|(_, line)| names(line, "crate::app") || names(line, "super::app"))
        .map(|(number, line)| format!("{name}:{}: {}", number + 1, line.trim()))
        .collect()
}

fn view_names() -> Vec<String> {
    rust_files(&src().join("views"))
        .iter()
        .map(|path| stem(path))
        .filter(|name| name != "mod")
        .collect()
}

#[test]
fn no_view_names_another_view_or_the_app() {
    let views = view_names();
    assert!(views.len() >= 10, "the views were not found: {views:?}");
    let mut found = Vec::new();
    for path in rust_files(&src().join("views")) {
        let name = stem(&path);
        if name == "mod" {
            continue;
        }
        let text = std::fs::read_to_string(&path).expect("a readable view file");
        found.extend(view_violations(&name, &text, &views));
    }
    assert!(
        found.is_empty(),
        "views must not name each other or the app (app.rs composes them):\n{}",
        found.join("\n")
    );
}

#[test]
fn only_lib_names_the_app() {
    let mut found = Vec::new();
    let mut files = rust_files(&src());
    files.extend(rust_files(&src().join("views")));
    for path in files {
        let name = path
            .strip_prefix(src())
            .expect("a file under src")
            .display()
            .to_string();
        if name == "lib.rs" || name == "app.rs" {
            continue;
        }
        let text = std::fs::read_to_string(&path).expect("a readable source file");
        found.extend(app_violations(&name, &text));
    }
    assert!(
        found.is_empty(),
        "only lib.rs may name app.rs:\n{}",
        found.join("\n")
    );
}

/// The check itself finds what it is meant to find, and only that.
#[test]
fn the_check_names_file_and_line() {
    let views = [
        "tabs".to_owned(),
        "verify".to_owned(),
        "verify_x".to_owned(),
    ];
    let text = "use crate::layout::mirror;\n\
                use crate::views::verify::Verify;\n\
                use super::tabs;\n\
                use crate::app::MessengerUi;\n\
                use crate::views::verify_x::Other;\n\
                use crate::views::{tabs, verify};\n\
                use super::*;\n";
    assert_eq!(
        view_violations("verify_x", text, &views),
        [
            "views/verify_x.rs:2: use crate::views::verify::Verify;",
            "views/verify_x.rs:3: use super::tabs;",
            "views/verify_x.rs:4: use crate::app::MessengerUi;",
            "views/verify_x.rs:6: use crate::views::{tabs, verify};",
        ]
    );
    assert_eq!(
        app_violations("layout.rs", "use crate::application;\nuse crate::app::X;\n"),
        ["layout.rs:2: use crate::app::X;"]
    );
}
