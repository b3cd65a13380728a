use std::fs;

use super::*;

fn project_with(config: &str) -> Result<Project> {
    let temp = tempfile::tempdir().unwrap();
    let dir = temp.path().join("p");
    fs::create_dir(&dir).unwrap();
    fs::write(dir.join("config"), config).unwrap();
    fs::write(dir.join("build"), "true\n").unwrap();
    Project::load(temp.path(), "p", "test")
}

const SHA: &str = "2e6c1720118c812acf0079fd47cf91b6bfaba5d766c321c4d3d2a28d6a11a8ed";

#[test]
fn a_full_config_parses() {
    let project = project_with(&format!(
        "deps = [\"a\"]\nsource_date_epoch = 5\nuses_rbm = true\n\
         [[input]]\nfile = \"t.tar.gz\"\napt_source = \"tor=1\"\nsha256 = \"{SHA}\"\n\
         [[input]]\nname = \"ws\"\ngit_tree = \".\"\nexclude = [\"docs\"]\n\
         [[input]]\nname = \"vendor\"\ncargo_vendor = \"Cargo.lock\"\n\
         [build_packages]\ngcc-12 = \"12\"\n[env]\nCFLAGS = \"-O2\"\n"
    ))
    .unwrap();
    assert_eq!(project.deps, ["a"]);
    assert_eq!(project.source_date_epoch, Some(5));
    assert!(project.uses_rbm);
    assert_eq!(project.inputs.len(), 3);
    assert_eq!(
        project.inputs[0].source,
        InputSource::AptSource {
            package: "tor=1".into()
        }
    );
    assert_eq!(project.inputs[0].sha256.as_deref(), Some(SHA));
    assert_eq!(project.build_packages["gcc-12"], "12");
}

#[test]
fn unknown_keys_are_refused() {
    let error = project_with("dependencies = [\"a\"]\n")
        .unwrap_err()
        .to_string();
    assert!(error.contains("unknown field `dependencies`"), "{error}");
}

#[test]
fn an_input_needs_exactly_one_source() {
    let error = project_with("[[input]]\nname = \"x\"\n")
        .unwrap_err()
        .to_string();
    assert!(
        error.contains("exactly one of apt_source, apt_binary, path, git_tree, cargo_vendor"),
        "{error}"
    );
    let error = project_with(&format!(
        "[[input]]\nfile = \"x\"\napt_source = \"a\"\npath = \"b\"\nsha256 = \"{SHA}\"\n"
    ))
    .unwrap_err()
    .to_string();
    assert!(error.contains("exactly one of apt_source"), "{error}");
}

#[test]
fn malformed_pins_and_names_are_refused() {
    let error = project_with("[[input]]\nfile = \"x\"\napt_source = \"a\"\nsha256 = \"ABC\"\n")
        .unwrap_err()
        .to_string();
    assert!(
        error.contains("sha256 must be 64 lowercase hex digits"),
        "{error}"
    );
    let error = project_with(&format!(
        "[[input]]\nfile = \"../x\"\napt_source = \"a\"\nsha256 = \"{SHA}\"\n"
    ))
    .unwrap_err()
    .to_string();
    assert!(error.contains("must be a plain file name"), "{error}");
}

#[test]
fn duplicate_input_names_are_refused() {
    let input = format!("[[input]]\nfile = \"x\"\napt_source = \"a\"\nsha256 = \"{SHA}\"\n");
    let error = project_with(&format!("{input}{input}"))
        .unwrap_err()
        .to_string();
    assert!(error.contains("two inputs are named `x`"), "{error}");
}

#[test]
fn a_missing_build_script_is_named() {
    let temp = tempfile::tempdir().unwrap();
    fs::create_dir(temp.path().join("p")).unwrap();
    fs::write(temp.path().join("p/config"), "").unwrap();
    let error = Project::load(temp.path(), "p", "test")
        .unwrap_err()
        .to_string();
    assert!(error.contains("has no build script"), "{error}");
}

#[test]
fn project_names_cannot_escape_the_projects_directory() {
    let temp = tempfile::tempdir().unwrap();
    let error = Project::load(temp.path(), "../etc", "test")
        .unwrap_err()
        .to_string();
    assert!(error.contains("unknown project `../etc`"), "{error}");
}

#[test]
fn a_binary_package_needs_a_version_and_a_pin() {
    let project = project_with(&format!(
        "[[input]]\nfile = \"f.deb\"\napt_binary = \"fonts-x=1.0-1\"\nsha256 = \"{SHA}\"\n"
    ))
    .unwrap();
    assert_eq!(
        project.inputs[0].source,
        InputSource::AptBinary {
            package: "fonts-x=1.0-1".into()
        }
    );
    let error = project_with(&format!(
        "[[input]]\nfile = \"f.deb\"\napt_binary = \"fonts-x\"\nsha256 = \"{SHA}\"\n"
    ))
    .unwrap_err()
    .to_string();
    assert!(error.contains("needs an exact version"), "{error}");
    let error = project_with("[[input]]\nfile = \"f.deb\"\napt_binary = \"fonts-x=1\"\n")
        .unwrap_err()
        .to_string();
    assert!(error.contains("must be pinned"), "{error}");
}
