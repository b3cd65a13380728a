use super::*;

fn values<'a>(data: &'a Path, extra: Option<&'a Path>) -> DefaultsValues<'a> {
    DefaultsValues {
        socks_port: 9152,
        control_port: 9153,
        data_directory: data,
        owner_pid: 42,
        extra_torrc: extra,
        plugin_lines: &[],
    }
}

#[test]
fn built_in_template_has_every_setting() {
    let text = render(
        BUILT_IN_TEMPLATE,
        "built-in",
        &values(Path::new("/p/Data/Tor"), None),
    )
    .unwrap();
    for expected in [
        "SocksPort 127.0.0.1:9152 IsolateSOCKSAuth",
        "ControlPort 127.0.0.1:9153",
        "CookieAuthentication 1",
        "DataDirectory \"/p/Data/Tor\"",
        "__OwningControllerProcess 42",
        "AvoidDiskWrites 1",
    ] {
        assert!(
            text.lines().any(|line| line == expected),
            "missing {expected}"
        );
    }
    assert!(!text.contains("%include"));
}

#[test]
fn extra_torrc_is_included_last() {
    let text = render(
        "SocksPort @SOCKS_PORT@",
        "t",
        &values(Path::new("/d"), Some(Path::new("/t/my torrc"))),
    )
    .unwrap();
    assert!(text.ends_with("%include \"/t/my torrc\"\n"), "{text}");
}

#[test]
fn unknown_placeholder_is_an_error() {
    let err = render("Foo @BAR@\n", "tmpl", &values(Path::new("/d"), None)).unwrap_err();
    assert!(err.to_string().contains("@BAR@"), "{err}");
}

#[test]
fn email_like_at_signs_are_fine() {
    render("# mail a@b.c or x@y\n", "t", &values(Path::new("/d"), None)).unwrap();
}

#[test]
fn quoting() {
    assert_eq!(
        quote_torrc_path(Path::new("/a b/\"q\"\\")).unwrap(),
        r#""/a b/\"q\"\\""#
    );
    assert!(quote_torrc_path(Path::new("/a\nSocksPort 1")).is_err());
}

#[test]
fn bundle_template_preferred_and_missing_falls_back() {
    let temp = tempfile::tempdir().unwrap();
    let path = temp.path().join("torrc-defaults");
    let (text, name) = load_template(&path).unwrap();
    assert_eq!(text, BUILT_IN_TEMPLATE);
    assert_eq!(name, "built-in");
    std::fs::write(&path, "X 1\n").unwrap();
    assert_eq!(load_template(&path).unwrap().0, "X 1\n");
}

#[test]
fn plugin_lines_come_after_the_template_and_before_the_include() {
    let lines =
        vec!["ClientTransportPlugin obfs4 exec ./pluggable_transports/obfs4proxy".to_owned()];
    let mut with = values(Path::new("/d"), Some(Path::new("/t/extra")));
    with.plugin_lines = &lines;
    let text = render("SocksPort @SOCKS_PORT@\n", "t", &with).unwrap();
    let plugin = text.find(&lines[0]).unwrap();
    assert!(text.find("SocksPort").unwrap() < plugin);
    assert!(plugin < text.find("%include").unwrap(), "{text}");
    let bad = vec!["ClientTransportPlugin x exec y\nSocksPort 0.0.0.0:1".to_owned()];
    with.plugin_lines = &bad;
    assert!(render("X 1\n", "t", &with).is_err());
}
