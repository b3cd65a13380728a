use super::*;

#[test]
fn defaults() {
    let cli = Cli::try_parse_from(["tor-messenger-launcher"]).unwrap();
    assert!(cli.command.is_none());
    assert_eq!(
        (cli.launch.socks_port, cli.launch.control_port),
        (9152, 9153)
    );
    assert_eq!(cli.launch.stall_timeout, 120);
}

#[test]
fn makefile_run_line() {
    let cli = Cli::try_parse_from([
        "l",
        "--data-dir",
        "/w/Data",
        "--app",
        "target/release/tor-messenger",
    ])
    .unwrap();
    assert_eq!(cli.data_dir.unwrap(), PathBuf::from("/w/Data"));
    assert!(cli.launch.app.is_some());
}

#[test]
fn app_arguments_after_double_dash() {
    let cli = Cli::try_parse_from(["l", "--app", "/bin/sh", "--", "-c", "exit 3"]).unwrap();
    assert_eq!(cli.launch.app_args, ["-c", "exit 3"]);
}

#[test]
fn bridges_subcommands() {
    let cli = Cli::try_parse_from([
        "l",
        "bridges",
        "--data-dir",
        "/d",
        "add",
        "obfs4",
        "1.2.3.4:1",
    ])
    .unwrap();
    let Some(Command::Bridges(args)) = cli.command else {
        panic!("not bridges")
    };
    assert!(matches!(args.action, BridgesAction::Add { ref line } if line.len() == 2));
    assert!(Cli::try_parse_from(["l", "bridges", "remove", "x"]).is_err());
    assert!(Cli::try_parse_from(["l", "bridges", "list"]).is_ok());
}

#[test]
fn data_dir_before_or_after_the_subcommand() {
    for args in [
        ["l", "--data-dir", "/d", "bridges", "list"],
        ["l", "bridges", "--data-dir", "/d", "list"],
        ["l", "bridges", "list", "--data-dir", "/d"],
    ] {
        let cli = Cli::try_parse_from(args).unwrap();
        assert_eq!(
            cli.data_dir.as_deref(),
            Some(std::path::Path::new("/d")),
            "{args:?}"
        );
    }
}

#[test]
fn launch_options_do_not_mix_with_other_subcommands() {
    let err = Cli::try_parse_checked(["l", "--socks-port", "1", "bridges", "list"]).unwrap_err();
    assert!(err.to_string().contains("launch options"), "{err}");
    assert!(Cli::try_parse_checked(["l", "--data-dir", "/d", "bridges", "list"]).is_ok());
}

#[test]
fn explicit_launch_subcommand() {
    let cli = Cli::try_parse_from(["l", "launch", "--socks-port", "1234"]).unwrap();
    assert!(matches!(cli.command, Some(Command::Launch(ref args)) if args.socks_port == 1234));
}

#[test]
fn system_tor_must_be_numeric() {
    assert!(Cli::try_parse_from(["l", "--use-system-tor", "127.0.0.1:9050"]).is_ok());
    let err = Cli::try_parse_from(["l", "--use-system-tor", "localhost:9050"]).unwrap_err();
    assert!(err.to_string().contains("numeric"), "{err}");
}

#[test]
fn zero_stall_timeout_is_refused() {
    assert!(Cli::try_parse_from(["l", "--stall-timeout", "0"]).is_err());
}
