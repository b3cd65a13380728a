//! The launcher copied into a bundle folder finds the bundle's `tor/tor`, uses the bundle's
//! `tor/torrc-defaults` template, and keeps its profile in the bundle's `Data/`.

use std::os::unix::fs::PermissionsExt;
use std::time::Duration;

use crate::util::{LAUNCHER, run_to_end, sh_app};

#[test]
fn bundle_tor_template_and_data_folder_are_used() {
    let temp = tempfile::tempdir().unwrap();
    let bundle = temp.path().join("tor-messenger");
    std::fs::create_dir_all(bundle.join("tor")).unwrap();
    let launcher = bundle.join("tor-messenger-launcher");
    std::fs::copy(LAUNCHER, &launcher).unwrap();
    // The bundled "tor" is Debian's, reached through exec so its pid is tor's own.
    let tor = bundle.join("tor/tor");
    std::fs::write(&tor, "#!/bin/sh\nexec /usr/sbin/tor \"$@\"\n").unwrap();
    std::fs::set_permissions(&tor, std::fs::Permissions::from_mode(0o755)).unwrap();
    let template = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("torrc-defaults"),
    )
    .unwrap();
    std::fs::write(
        bundle.join("tor/torrc-defaults"),
        format!("# bundle template marker\n{template}NoSuchOptionFromTheBundle 1\n"),
    )
    .unwrap();
    let ports = harness::ports::free_ports(2).unwrap();
    let mut command = std::process::Command::new(&launcher);
    command
        .args(["--socks-port", &ports[0].to_string()])
        .args(["--control-port", &ports[1].to_string()]);
    sh_app(&mut command, "exit 0");
    // The bad option in the bundle's template makes tor stop at once: quick, and proof that
    // the bundle's template (not the built-in one) reached tor.
    let (status, stderr) = run_to_end(command, Duration::from_secs(20));
    assert_eq!(status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains(&format!("started tor {}", tor.display())),
        "{stderr}"
    );
    assert!(!stderr.contains("from PATH"), "{stderr}");
    assert!(stderr.contains("NoSuchOptionFromTheBundle"), "{stderr}");
    let generated = std::fs::read_to_string(bundle.join("Data/Tor/torrc-defaults")).unwrap();
    assert!(
        generated.starts_with("# bundle template marker"),
        "{generated}"
    );
    assert!(
        generated.contains(&format!(
            "DataDirectory \"{}\"",
            bundle.join("Data/Tor").display()
        )),
        "{generated}"
    );
    assert!(bundle.join("Data/Tor/torrc").exists());
}

#[test]
fn bundle_messenger_is_found_in_app_folder() {
    let temp = tempfile::tempdir().unwrap();
    let bundle = temp.path().join("b");
    std::fs::create_dir_all(bundle.join("app")).unwrap();
    let launcher = bundle.join("tor-messenger-launcher");
    std::fs::copy(LAUNCHER, &launcher).unwrap();
    // No app/tor-messenger yet: a clear error naming where it was looked for.
    let port = harness::free_port().unwrap();
    let fake_tor = std::net::TcpListener::bind(("127.0.0.1", port)).unwrap();
    let mut command = std::process::Command::new(&launcher);
    command.args(["--use-system-tor", &format!("127.0.0.1:{port}")]);
    let (status, stderr) = run_to_end(command, Duration::from_secs(20));
    assert_eq!(status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("app/tor-messenger"), "{stderr}");
    // With app/tor-messenger in place, it runs.
    let messenger = bundle.join("app/tor-messenger");
    std::fs::write(&messenger, "#!/bin/sh\nexit 6\n").unwrap();
    std::fs::set_permissions(&messenger, std::fs::Permissions::from_mode(0o755)).unwrap();
    let mut command = std::process::Command::new(&launcher);
    command.args(["--use-system-tor", &format!("127.0.0.1:{port}")]);
    let (status, stderr) = run_to_end(command, Duration::from_secs(20));
    drop(fake_tor);
    assert_eq!(status.code(), Some(6), "{stderr}");
}
