//! The rule "only the connector opens sockets; the one exception is the tor control crate,
//! loopback only" (README.md), checked on the sources.
//!
//! Walks the non-test Rust sources of `app/` and `launcher/` (not `tests/` or `benches/`
//! folders, not unit-test files or modules behind `#[cfg(test)]`) and fails naming
//! `file:line` for each name that connects, sends or resolves outside `app/net/` and
//! `app/tor-control/`. Binding a listener (`TcpListener`) is allowed: the launcher checks
//! its ports are free that way.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

/// Names that connect a socket, send datagrams or resolve names on this computer.
const FORBIDDEN: [&str; 7] = [
    "TcpStream",
    "TcpSocket",
    "UdpSocket",
    "socket2",
    "lookup_host",
    "ToSocketAddrs",
    "to_socket_addrs",
];

/// The crates allowed to use them: the connector and this crate.
const ALLOWED: [&str; 2] = ["app/net/", "app/tor-control/"];

/// The folders scanned, from the workspace root.
const SCANNED: [&str; 2] = ["app", "launcher"];

fn workspace_root() -> PathBuf {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    manifest
        .ancestors()
        .nth(2)
        .expect("app/tor-control sits two levels below the workspace root")
        .to_path_buf()
}

/// Every `.rs` file under `dir`, skipping test and benchmark folders and build output.
fn rust_files(dir: &Path, found: &mut Vec<PathBuf>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .unwrap_or_else(|error| panic!("reading {}: {error}", dir.display()))
        .map(|entry| entry.expect("a directory entry").path())
        .collect();
    entries.sort();
    for path in entries {
        let name = path
            .file_name()
            .and_then(|name| name.to_str())
            .unwrap_or("");
        if path.is_dir() {
            if !matches!(name, "tests" | "benches" | "examples" | "target" | "fuzz")
                && !name.starts_with('.')
            {
                rust_files(&path, found);
            }
        } else if name.ends_with(".rs") {
            found.push(path);
        }
    }
}

/// The files that `#[cfg(test)]` module declarations in `file` bring in: `#[path = "x"]`
/// or `mod name;` (name.rs or name/mod.rs in the module's folder).
fn test_module_files(file: &Path, text: &str) -> Vec<PathBuf> {
    let dir = file.parent().expect("a file has a folder");
    let stem = file
        .file_stem()
        .and_then(|stem| stem.to_str())
        .unwrap_or("");
    let module_dir = if matches!(stem, "lib" | "main" | "mod") {
        dir.to_path_buf()
    } else {
        dir.join(stem)
    };
    let lines: Vec<&str> = text.lines().map(str::trim).collect();
    let mut files = Vec::new();
    for (index, line) in lines.iter().enumerate() {
        if *line != "#[cfg(test)]" {
            continue;
        }
        let following = &lines[index + 1..lines.len().min(index + 4)];
        let path_attribute = following.iter().find_map(|next| {
            next.strip_prefix("#[path = \"")
                .and_then(|rest| rest.strip_suffix("\"]"))
        });
        let module = following.iter().find_map(|next| {
            next.strip_prefix("mod ")
                .or_else(|| next.strip_prefix("pub(crate) mod "))
                .and_then(|rest| rest.strip_suffix(';'))
        });
        match (path_attribute, module) {
            (Some(path), _) => files.push(dir.join(path)),
            (None, Some(name)) => {
                files.push(module_dir.join(format!("{name}.rs")));
                files.push(module_dir.join(name).join("mod.rs"));
            }
            (None, None) => {}
        }
    }
    files
}

/// The line numbers (from 1) of `text` outside inline `#[cfg(test)] mod name { ... }`
/// blocks. Braces inside strings, characters and comments are skipped.
fn non_test_lines(text: &str) -> Vec<(usize, &str)> {
    let lines: Vec<&str> = text.lines().collect();
    let mut kept = Vec::new();
    let mut index = 0;
    while index < lines.len() {
        let trimmed = lines[index].trim();
        let opens_test_module = trimmed == "#[cfg(test)]"
            && lines
                .get(index + 1)
                .is_some_and(|next| next.trim().starts_with("mod ") && next.trim().ends_with('{'));
        if opens_test_module {
            index = end_of_block(&lines, index + 1) + 1;
            continue;
        }
        kept.push((index + 1, lines[index]));
        index += 1;
    }
    kept
}

/// The index of the line that closes the block opened on line `start`.
fn end_of_block(lines: &[&str], start: usize) -> usize {
    let mut depth = 0i64;
    let mut in_block_comment = false;
    for (index, line) in lines.iter().enumerate().skip(start) {
        let mut chars = line.chars().peekable();
        let mut in_string = false;
        while let Some(c) = chars.next() {
            if in_block_comment {
                if c == '*' && chars.peek() == Some(&'/') {
                    chars.next();
                    in_block_comment = false;
                }
                continue;
            }
            if in_string {
                match c {
                    '\\' => {
                        chars.next();
                    }
                    '"' => in_string = false,
                    _ => {}
                }
                continue;
            }
            match c {
                '"' => in_string = true,
                '/' if chars.peek() == Some(&'/') => break,
                '/' if chars.peek() == Some(&'*') => {
                    chars.next();
                    in_block_comment = true;
                }
                '\'' => {
                    // A character literal such as '{' (a lifetime has no closing quote).
                    let mut look = chars.clone();
                    let first = look.next();
                    let second = look.next();
                    if first == Some('\\') {
                        for next in chars.by_ref() {
                            if next == '\'' {
                                break;
                            }
                        }
                    } else if second == Some('\'') {
                        chars.next();
                        chars.next();
                    }
                }
                '{' => depth += 1,
                '}' => {
                    depth -= 1;
                    if depth == 0 {
                        return index;
                    }
                }
                _ => {}
            }
        }
    }
    lines.len()
}

/// Whether `line` uses `name` as a whole word (not inside a longer identifier).
fn uses(line: &str, name: &str) -> bool {
    let code = line.split("//").next().unwrap_or("");
    code.match_indices(name).any(|(at, _)| {
        let before = code[..at].chars().next_back();
        let after = code[at + name.len()..].chars().next();
        let is_word = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_');
        !is_word(before) && !is_word(after)
    })
}

/// Every use of a forbidden name outside the allowed crates, as `file:line: text`.
fn violations(root: &Path) -> Vec<String> {
    let mut files = Vec::new();
    for dir in SCANNED {
        rust_files(&root.join(dir), &mut files);
    }
    let texts: Vec<(PathBuf, String)> = files
        .into_iter()
        .map(|path| {
            let text = std::fs::read_to_string(&path)
                .unwrap_or_else(|error| panic!("reading {}: {error}", path.display()));
            (path, text)
        })
        .collect();
    let test_files: HashSet<PathBuf> = texts
        .iter()
        .flat_map(|(path, text)| test_module_files(path, text))
        .collect();
    let mut found = Vec::new();
    for (path, text) in &texts {
        let relative = path
            .strip_prefix(root)
            .expect("under the root")
            .to_string_lossy()
            .replace('\\', "/");
        if ALLOWED.iter().any(|allowed| relative.starts_with(allowed)) || test_files.contains(path)
        {
            continue;
        }
        for (number, line) in non_test_lines(text) {
            for name in FORBIDDEN {
                if uses(line, name) {
                    found.push(format!("{relative}:{number}: {name}: {}", line.trim()));
                }
            }
        }
    }
    found
}

#[test]
fn only_the_connector_and_the_control_client_open_sockets() {
    let root = workspace_root();
    let found = violations(&root);
    assert!(
        found.is_empty(),
        "only messenger-net (app/net) opens sockets, and messenger-tor-control \
         (app/tor-control) the loopback control connection; move these there:\n{}",
        found.join("\n")
    );
}

#[test]
fn the_rule_finds_what_it_should() {
    // The check itself must be able to fail: a fake workspace with one use of each kind.
    let root = tempfile::tempdir().unwrap();
    let source = root.path().join("app/chat/src");
    std::fs::create_dir_all(&source).unwrap();
    std::fs::write(
        source.join("lib.rs"),
        "use std::net::TcpStream;\n\
         fn f() { let _ = \"x:1\".to_socket_addrs(); }\n\
         // a TcpStream in a comment is fine\n\
         fn g() { let _ = tokio::net::lookup_host(\"x\"); }\n\
         fn h() -> std::net::UdpSocket { todo!() }\n\
         fn listen() { let _ = std::net::TcpListener::bind(\"127.0.0.1:0\"); }\n\
         struct MyTcpStreamLike;\n\
         #[cfg(test)]\n\
         mod tests {\n    fn t() { let _ = std::net::TcpStream::connect(\"127.0.0.1:1\"); }\n    \
         const BRACE: char = '}';\n}\n\
         fn after_tests() { socket2::Socket::new(); }\n\
         #[cfg(test)]\n\
         #[path = \"lib_tests.rs\"]\n\
         mod unit;\n",
    )
    .unwrap();
    std::fs::write(
        source.join("lib_tests.rs"),
        "fn t() { std::net::TcpStream::connect(\"127.0.0.1:1\"); }\n",
    )
    .unwrap();
    let net = root.path().join("app/net/src");
    std::fs::create_dir_all(&net).unwrap();
    std::fs::write(net.join("lib.rs"), "use tokio::net::TcpStream;\n").unwrap();
    let tests = root.path().join("launcher/tests");
    std::fs::create_dir_all(&tests).unwrap();
    std::fs::write(tests.join("t.rs"), "use std::net::TcpStream;\n").unwrap();
    let launcher = root.path().join("launcher/src");
    std::fs::create_dir_all(&launcher).unwrap();
    std::fs::write(
        launcher.join("port_check.rs"),
        "fn free() { std::net::TcpListener::bind((std::net::Ipv4Addr::LOCALHOST, 0)); }\n\
         fn probe() { tokio::net::TcpSocket::new_v4(); }\n",
    )
    .unwrap();

    let found = violations(root.path());
    let places: Vec<&str> = found
        .iter()
        .map(|line| line.split(": ").next().unwrap())
        .collect();
    assert_eq!(
        places,
        [
            "app/chat/src/lib.rs:1",
            "app/chat/src/lib.rs:2",
            "app/chat/src/lib.rs:4",
            "app/chat/src/lib.rs:5",
            "app/chat/src/lib.rs:13",
            "launcher/src/port_check.rs:2",
        ],
        "{found:#?}"
    );
}
