//! `--use-system-tor HOST:PORT`: no tor is started; the app gets that SOCKS address.

use std::net::{Ipv4Addr, TcpListener};
use std::time::Duration;

use crate::util::{Setup, run_to_end, sh_app};

#[test]
fn passes_the_given_socks_address_and_starts_no_tor() {
    let setup = Setup::new();
    let fake_tor = TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).unwrap();
    let addr = fake_tor.local_addr().unwrap();
    let mut command = setup.command();
    command.args([
        "--use-system-tor",
        &addr.to_string(),
        "--tor",
        "/nonexistent/tor",
    ]);
    sh_app(
        &mut command,
        &format!(
            "test \"$TOR_MESSENGER_SOCKS\" = {addr} && test -z \"$TOR_MESSENGER_CONTROL\" \
             && test -n \"$TOR_MESSENGER_PROFILE\" && exit 9; exit 1"
        ),
    );
    let (status, stderr) = run_to_end(command, Duration::from_secs(20));
    assert_eq!(status.code(), Some(9), "{stderr}");
    assert!(!stderr.contains("started tor"), "{stderr}");
}

#[test]
fn unreachable_system_tor_is_a_clear_error() {
    let setup = Setup::new();
    let port = harness::free_port().unwrap();
    let mut command = setup.command();
    command.args(["--use-system-tor", &format!("127.0.0.1:{port}")]);
    sh_app(&mut command, "exit 0");
    let (status, stderr) = run_to_end(command, Duration::from_secs(20));
    assert_eq!(status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains(&format!("no tor answers at 127.0.0.1:{port}")),
        "{stderr}"
    );
}

#[test]
fn host_names_are_refused() {
    let setup = Setup::new();
    let mut command = setup.command();
    command.args(["--use-system-tor", "localhost:9050"]);
    sh_app(&mut command, "exit 0");
    let (status, stderr) = run_to_end(command, Duration::from_secs(20));
    assert_eq!(status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("numeric"), "{stderr}");
}
