use super::*;

#[test]
fn the_recipe_pins_both_transports() {
    let debs = bundle_debs().unwrap();
    for package in ["obfs4proxy=", "snowflake-client="] {
        let deb = debs
            .iter()
            .find(|deb| deb.package.starts_with(package))
            .unwrap_or_else(|| panic!("no {package} in {debs:?}"));
        assert_eq!(deb.sha256.len(), 64);
        assert!(deb.file.ends_with(".deb"));
    }
}

#[test]
fn inputs_are_read_block_by_block() {
    let text = "deps = []\n[[input]]\nname = \"files\"\ngit_tree = \".\"\n\n[[input]]\nfile = \"a_1_amd64.deb\"\napt_binary = \"a=1\"\nsha256 = \"ab\"\n";
    assert_eq!(
        parse_inputs(text),
        [PinnedDeb {
            file: "a_1_amd64.deb".into(),
            package: "a=1".into(),
            sha256: "ab".into()
        }]
    );
}

#[test]
fn the_pinned_programs_unpack_and_run() {
    for program in [obfs4proxy().unwrap(), snowflake_client().unwrap()] {
        let output = std::process::Command::new(&program)
            .arg("-version")
            .output()
            .unwrap();
        let text = format!(
            "{}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
        assert!(
            text.contains("obfs4proxy-0.0.14") || text.contains("snowflake-client 2.5.1"),
            "{}: {text}",
            program.display()
        );
        assert!(!program.starts_with("/usr"));
    }
}
