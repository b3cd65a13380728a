use super::*;

#[test]
fn built_in_file_parses_and_has_both_transports() {
    let config = PtConfig::built_in().unwrap();
    assert!(
        config.source.contains("tor-browser-build"),
        "{}",
        config.source
    );
    assert!(config.source.contains("commit="), "{}", config.source);
    assert_eq!(config.program(Transport::Obfs4), Some("obfs4proxy"));
    assert_eq!(
        config.program(Transport::Snowflake),
        Some("snowflake-client")
    );
    assert!(config.built_in_bridges(Transport::Obfs4).len() >= 5);
    let snowflake = config.built_in_bridges(Transport::Snowflake);
    assert!(snowflake.len() >= 2);
    // snowflake-client 2.5.1 reads `front=`: every built-in line that fronts has it.
    for bridge in &snowflake {
        assert!(bridge.argument("url").is_some());
        if bridge.argument("fronts").is_some() {
            assert!(bridge.argument("front").is_some(), "{bridge}");
        }
    }
}

#[test]
fn bad_files_name_the_line() {
    let cases = [
        ("transport obfs4\n", "line 1"),
        ("transport webtunnel lyrebird\n", "unknown transport"),
        ("transport obfs4 ../obfs4proxy\n", "file name"),
        ("transport obfs4 a\ntransport obfs4 b\n", "twice"),
        (
            "bridge obfs4 192.0.2.1:1 0123456789ABCDEF0123456789ABCDEF01234567 cert=x iat-mode=0\n",
            "line 1",
        ),
        (
            "transport obfs4 a\nbridge 192.0.2.1:1\n",
            "needs a transport",
        ),
        ("\n\nnonsense here\n", "line 3"),
    ];
    for (text, expected) in cases {
        let err = PtConfig::parse(text, "test").unwrap_err().to_string();
        assert!(err.contains(expected), "{text:?}: {err}");
    }
}

#[test]
fn bridge_before_its_transport_is_refused() {
    let config = PtConfig::built_in().unwrap();
    let line = config.bridges[0].to_string();
    let err = PtConfig::parse(&format!("bridge {line}\n"), "t")
        .unwrap_err()
        .to_string();
    assert!(err.contains("no `transport obfs4` line"), "{err}");
}

#[test]
fn bundle_file_preferred_missing_falls_back() {
    let bundle = tempfile::tempdir().unwrap();
    let built_in = PtConfig::built_in().unwrap();
    assert_eq!(PtConfig::for_bundle(bundle.path()).unwrap(), built_in);
    let dir = bundle.path().join(PT_DIR);
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join(PT_CONFIG_FILE),
        "source test\ntransport obfs4 obfs4proxy\n",
    )
    .unwrap();
    let config = PtConfig::for_bundle(bundle.path()).unwrap();
    assert_eq!(config.source, "test");
    assert!(config.bridges.is_empty());
}

#[test]
fn the_update_script_reproduces_the_file() {
    // The documented update step, run on the list the file says it came from, gives the
    // file back (and so the file was made by it, not edited by hand).
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let config = PtConfig::built_in().unwrap();
    let field = |name: &str| {
        config
            .source
            .split_whitespace()
            .find_map(|word| word.strip_prefix(name))
            .unwrap()
            .to_owned()
    };
    let temp = tempfile::tempdir().unwrap();
    let json = temp.path().join("pt_config.json");
    // Tor Browser's JSON, rebuilt from our file (obfs4 and snowflake only, `front=` removed as
    // the script adds it).
    let list = |transport: Transport| {
        config
            .built_in_bridges(transport)
            .iter()
            .map(|bridge| {
                let text = bridge.to_string();
                let text = match bridge.argument("front") {
                    Some(front) if bridge.argument("fronts").is_some() => {
                        text.replace(&format!(" front={front}"), "")
                    }
                    _ => text,
                };
                format!("\"{text}\"")
            })
            .collect::<Vec<_>>()
            .join(",")
    };
    std::fs::write(
        &json,
        format!(
            "{{\"bridges\": {{\"meek-azure\": [\"meek_lite 192.0.2.20:80 url=https://x.example front=y\"], \"obfs4\": [{}], \"snowflake\": [{}]}}}}",
            list(Transport::Obfs4),
            list(Transport::Snowflake)
        ),
    )
    .unwrap();
    let out = temp.path().join("pt_config");
    let status = std::process::Command::new("python3")
        .arg(root.join("../../scripts/update-builtin-bridges"))
        .arg(&json)
        .arg(field("commit="))
        .arg(field("taken="))
        .arg(&out)
        .status()
        .unwrap();
    assert!(status.success());
    assert_eq!(
        std::fs::read_to_string(out).unwrap(),
        std::fs::read_to_string(root.join("pt_config")).unwrap()
    );
}
