use super::*;

#[test]
fn set_conf_quotes_bridge_lines_as_one_value_each() {
    let command = Command::set_conf(&[
        ConfigEntry::new("UseBridges", "1"),
        ConfigEntry::new(
            "Bridge",
            "obfs4 192.0.2.7:443 0123456789ABCDEF0123456789ABCDEF01234567 cert=a+b/c== iat-mode=0",
        ),
        ConfigEntry::new("Bridge", r#"odd "quoted" \ value"#),
        ConfigEntry::reset("Socks5Proxy"),
    ])
    .unwrap();
    assert_eq!(
        command.line(),
        "SETCONF UseBridges=\"1\" Bridge=\"obfs4 192.0.2.7:443 \
         0123456789ABCDEF0123456789ABCDEF01234567 cert=a+b/c== iat-mode=0\" \
         Bridge=\"odd \\\"quoted\\\" \\\\ value\" Socks5Proxy"
    );
    assert_eq!(command.keyword(), "SETCONF");
}

#[test]
fn a_value_with_a_line_break_is_refused_without_showing_it() {
    let err = Command::set_conf(&[ConfigEntry::new("Bridge", "x\r\nSIGNAL HALT")]).unwrap_err();
    assert!(
        matches!(
            err,
            ControlError::InvalidArgument {
                command: "SETCONF",
                ..
            }
        ),
        "{err}"
    );
    assert!(!err.to_string().contains("HALT"), "{err}");
}

#[test]
fn keys_are_checked() {
    for key in ["", "Two words", "Key=1", "Quote\"", "Line\n"] {
        assert!(
            Command::set_conf(&[ConfigEntry::new(key, "1")]).is_err(),
            "{key:?}"
        );
        assert!(Command::get_conf(&[key]).is_err(), "{key:?}");
        assert!(Command::get_info(&[key]).is_err(), "{key:?}");
    }
    assert!(Command::get_info(&[]).is_err());
    assert!(Command::reset_conf(&[]).is_err());
}

#[test]
fn simple_commands() {
    assert_eq!(Command::protocol_info().line(), "PROTOCOLINFO 1");
    assert_eq!(
        Command::get_info(&["status/bootstrap-phase", "version"])
            .unwrap()
            .line(),
        "GETINFO status/bootstrap-phase version"
    );
    assert_eq!(
        Command::get_conf(&["Bridge"]).unwrap().line(),
        "GETCONF Bridge"
    );
    assert_eq!(
        Command::reset_conf(&[ConfigEntry::reset("Bridge")])
            .unwrap()
            .line(),
        "RESETCONF Bridge"
    );
    assert_eq!(Command::signal(Signal::Shutdown).line(), "SIGNAL SHUTDOWN");
    assert_eq!(Command::take_ownership().line(), "TAKEOWNERSHIP");
    assert_eq!(Command::quit().line(), "QUIT");
    assert_eq!(
        Command::add_onion(6667, SocketAddr::from(([127, 0, 0, 1], 7000))).line(),
        "ADD_ONION NEW:ED25519-V3 Flags=DiscardPK Port=6667,127.0.0.1:7000"
    );
    assert_eq!(
        Command::auth_challenge(&[0xab; 32]).line(),
        format!("AUTHCHALLENGE SAFECOOKIE {}", "ab".repeat(32))
    );
}

#[test]
fn set_events_by_kind_and_name() {
    let command = Command::set_events(&[
        EventKind::StatusClient,
        EventKind::HsDesc,
        EventKind::TransportLaunched,
        EventKind::PtLog,
        EventKind::PtStatus,
        EventKind::from_name("WARN"),
        EventKind::from_name("CIRC"),
    ])
    .unwrap();
    assert_eq!(
        command.line(),
        "SETEVENTS STATUS_CLIENT HS_DESC TRANSPORT_LAUNCHED PT_LOG PT_STATUS WARN CIRC"
    );
    assert_eq!(EventKind::from_name("WARN"), EventKind::Warn);
    assert_eq!(Command::set_events(&[]).unwrap().line(), "SETEVENTS");
    assert!(Command::set_events(&[EventKind::Other("circ x".into())]).is_err());
}

#[test]
fn other_commands_refuse_line_breaks() {
    assert_eq!(
        Command::other("FROBNICATE", "").unwrap().line(),
        "FROBNICATE"
    );
    assert_eq!(
        Command::other("DROPGUARDS", "").unwrap().keyword(),
        "DROPGUARDS"
    );
    assert!(Command::other("GETINFO", "version\r\nSIGNAL HALT").is_err());
    assert!(Command::other("getinfo", "version").is_err());
}

#[test]
fn debug_never_shows_the_authentication_line() {
    let secret = [0x5a; 32];
    let shown = format!("{:?}", Command::authenticate(&secret));
    assert!(!shown.contains(&hex::encode(secret)), "{shown}");
    assert!(shown.contains("AUTHENTICATE"), "{shown}");
    let open = format!("{:?}", Command::quit());
    assert!(open.contains("QUIT"), "{open}");
}
