//! The layers of docs/ARCHITECTURE.md section 2, checked: every member's `[dependencies]` may
//! name only the workspace crates its row allows. A crate that imports one above it (the UI
//! reaching into the session, the model into a protocol) fails here, naming both.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Each workspace crate and the workspace crates it may depend on (not counting
/// dev-dependencies, where tests may add the harness).
const ALLOWED: &[(&str, &[&str])] = &[
    ("messenger-net", &[]),
    ("messenger-tor-control", &[]),
    ("private-file", &[]),
    ("messenger-bridges", &["private-file"]),
    ("libotr-sys", &[]),
    ("messenger-omemo", &[]),
    ("messenger-protocol", &["messenger-net", "private-file"]),
    ("messenger-irc", &["messenger-protocol", "messenger-net"]),
    ("messenger-xmpp", &["messenger-protocol", "messenger-net"]),
    (
        "messenger-otr",
        &["messenger-protocol", "libotr-sys", "private-file"],
    ),
    ("messenger-chat", &["messenger-protocol"]),
    (
        "messenger-ui",
        &["messenger-chat", "messenger-protocol", "messenger-bridges"],
    ),
    ("messenger-update", &["messenger-net", "private-file"]),
    (
        "messenger-session",
        &[
            "messenger-chat",
            "messenger-irc",
            "messenger-xmpp",
            "messenger-otr",
            "messenger-omemo",
            "messenger-protocol",
            "messenger-net",
            "private-file",
        ],
    ),
    (
        "tor-messenger",
        &[
            "messenger-bridges",
            "messenger-chat",
            "messenger-net",
            "messenger-protocol",
            "messenger-session",
            "messenger-tor-control",
            "messenger-ui",
            "messenger-update",
            "private-file",
        ],
    ),
    (
        "tor-messenger-launcher",
        &[
            "messenger-bridges",
            "messenger-tor-control",
            "messenger-update",
            "messenger-net",
            "private-file",
        ],
    ),
    // Test support and tools, outside the product's layers.
    ("harness", &["messenger-tor-control"]),
    ("otr-c-bench", &["libotr-sys"]),
    ("layout-probe", &[]),
    ("rbm", &["messenger-update"]),
    (
        "tor-messenger-demo",
        &["harness", "messenger-net", "messenger-protocol"],
    ),
];

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("app/ is inside the workspace")
        .to_path_buf()
}

fn manifest(path: &Path) -> toml::Table {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    text.parse()
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Every member's package name and the workspace crates in its `[dependencies]`.
fn members() -> BTreeMap<String, Vec<String>> {
    let root = workspace_root();
    let workspace = manifest(&root.join("Cargo.toml"));
    let paths = workspace["workspace"]["members"]
        .as_array()
        .expect("members is a list");
    let mut found = BTreeMap::new();
    for path in paths {
        let dir = root.join(path.as_str().expect("a member is a path"));
        let member = manifest(&dir.join("Cargo.toml"));
        let name = member["package"]["name"]
            .as_str()
            .expect("a package has a name")
            .to_owned();
        let deps = member
            .get("dependencies")
            .and_then(toml::Value::as_table)
            .map(|deps| {
                deps.iter()
                    .filter(|(_, spec)| spec.get("path").is_some())
                    .map(|(dep, _)| dep.clone())
                    .collect()
            })
            .unwrap_or_default();
        found.insert(name, deps);
    }
    found
}

#[test]
fn every_crate_imports_only_the_layers_below_it() {
    let allowed: BTreeMap<&str, &[&str]> = ALLOWED.iter().copied().collect();
    let mut problems = Vec::new();
    for (name, deps) in members() {
        let Some(may) = allowed.get(name.as_str()) else {
            problems.push(format!(
                "{name} is not in the layer table (ARCHITECTURE.md section 2, and ALLOWED here)"
            ));
            continue;
        };
        for dep in deps {
            if !may.contains(&dep.as_str()) {
                problems.push(format!("{name} depends on {dep}, which its layer may not"));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn the_check_sees_the_workspace() {
    let members = members();
    assert!(members.len() >= 15, "found only {members:?}");
    assert!(
        members["messenger-ui"].contains(&"messenger-chat".to_owned()),
        "the UI's dependency on the model is read"
    );
}
