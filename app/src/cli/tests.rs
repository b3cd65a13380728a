use super::*;

#[test]
fn defaults_are_the_bundle_ports() {
    let cli = Cli::try_parse_from(["tor-messenger"]).unwrap();
    assert_eq!(cli.socks.port(), 9152);
    assert_eq!(cli.control.port(), 9153);
    assert!(cli.profile.is_none());
}

#[test]
fn rejects_a_socks_address_without_port() {
    assert!(Cli::try_parse_from(["tor-messenger", "--socks", "127.0.0.1"]).is_err());
}

#[test]
fn takes_profile_and_cookie() {
    let cli = Cli::try_parse_from([
        "tor-messenger",
        "--profile",
        "/tmp/p",
        "--control-cookie",
        "/tmp/c",
    ])
    .unwrap();
    assert_eq!(cli.profile.unwrap(), PathBuf::from("/tmp/p"));
    assert_eq!(cli.control_cookie.unwrap(), PathBuf::from("/tmp/c"));
}
