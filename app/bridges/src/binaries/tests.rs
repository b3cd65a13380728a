use super::*;
use std::os::unix::fs::PermissionsExt;

fn config() -> PtConfig {
    PtConfig::parse(
        "transport obfs4 obfs4proxy\ntransport snowflake snowflake-client\n",
        "test",
    )
    .unwrap()
}

fn program(dir: &Path, name: &str, mode: u32) {
    std::fs::create_dir_all(dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, "#!/bin/sh\n").unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(mode)).unwrap();
}

#[test]
fn bundle_programs_and_relative_plugin_lines() {
    let bundle = tempfile::tempdir().unwrap();
    let dir = bundle.path().join(PT_DIR);
    program(&dir, "obfs4proxy", 0o755);
    program(&dir, "snowflake-client", 0o755);
    // A system copy exists too: a bundle never uses it.
    let system = tempfile::tempdir().unwrap();
    program(system.path(), "obfs4proxy", 0o755);
    let found =
        PluggableTransports::locate(&config(), bundle.path(), Some(system.path().as_os_str()));
    assert!(found.unavailable.is_empty(), "{:?}", found.unavailable);
    assert_eq!(
        found.get(Transport::Obfs4).unwrap().path,
        dir.join("obfs4proxy")
    );
    assert_eq!(found.get(Transport::Obfs4).unwrap().origin, Origin::Bundled);
    assert_eq!(
        found.tor_working_dir(),
        Some(bundle.path().join("tor").as_path())
    );
    assert_eq!(
        plugin_lines(&found),
        [
            "ClientTransportPlugin obfs4 exec ./pluggable_transports/obfs4proxy",
            "ClientTransportPlugin snowflake exec ./pluggable_transports/snowflake-client",
        ]
    );
}

#[test]
fn bundle_missing_or_not_executable_program_is_reported_not_replaced() {
    let bundle = tempfile::tempdir().unwrap();
    let dir = bundle.path().join(PT_DIR);
    program(&dir, "obfs4proxy", 0o644);
    let system = tempfile::tempdir().unwrap();
    program(system.path(), "snowflake-client", 0o755);
    let found =
        PluggableTransports::locate(&config(), bundle.path(), Some(system.path().as_os_str()));
    assert!(found.available.is_empty());
    let obfs4 = found.why_unavailable(Transport::Obfs4).unwrap();
    assert!(matches!(obfs4, Unavailable::NotExecutable { .. }));
    assert!(
        obfs4.to_string().contains("unpack the bundle again"),
        "{obfs4}"
    );
    let snowflake = found.why_unavailable(Transport::Snowflake).unwrap();
    assert!(matches!(snowflake, Unavailable::MissingFromBundle { .. }));
    assert!(plugin_lines(&found).is_empty());
}

#[test]
fn development_run_uses_the_system_programs() {
    let bundle = tempfile::tempdir().unwrap();
    let system = tempfile::tempdir().unwrap();
    program(system.path(), "obfs4proxy", 0o755);
    let mut config = config();
    // A program no system has.
    config.transports[1].1 = "snowflake-client-not-installed-anywhere".into();
    let found =
        PluggableTransports::locate(&config, bundle.path(), Some(system.path().as_os_str()));
    let obfs4 = found.get(Transport::Obfs4).unwrap();
    assert_eq!(obfs4.origin, Origin::System);
    assert_eq!(obfs4.path, system.path().join("obfs4proxy"));
    assert_eq!(found.tor_working_dir(), None);
    assert_eq!(
        plugin_lines(&found),
        [format!(
            "ClientTransportPlugin obfs4 exec {}",
            obfs4.path.display()
        )]
    );
    let why = found
        .why_unavailable(Transport::Snowflake)
        .unwrap()
        .to_string();
    assert!(why.contains("apt install snowflake-client"), "{why}");
}

#[test]
fn system_path_with_spaces_is_refused() {
    let bundle = tempfile::tempdir().unwrap();
    let system = tempfile::tempdir().unwrap();
    let spaced = system.path().join("my programs");
    program(&spaced, "obfs4proxy", 0o755);
    let found = PluggableTransports::locate(&config(), bundle.path(), Some(spaced.as_os_str()));
    if found
        .get(Transport::Obfs4)
        .is_some_and(|b| b.path.starts_with("/usr/bin"))
    {
        return; // this machine has a system obfs4proxy, found after the spaced folder fails
    }
    assert!(matches!(
        found.why_unavailable(Transport::Obfs4),
        Some(Unavailable::UnusablePath { .. })
    ));
}
