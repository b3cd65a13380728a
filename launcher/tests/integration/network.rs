//! The launcher on the harness's private Tor network: bootstrap to 100%, an app that talks
//! to ngircd through the SOCKS port, tor's death and the launcher's death.

use std::time::{Duration, Instant};

use nix::sys::signal::Signal;

use crate::util::{BOOTSTRAP_LIMIT, Launcher, Setup, kill, sh_app, support_file, wait_gone};

#[test]
fn app_talks_to_ngircd_through_tor_and_its_status_is_returned() {
    let setup = Setup::new();
    let ngircd = harness::Ngircd::start().unwrap();
    let torrc = setup.network_torrc();
    let mut command = setup.command();
    command
        .arg("--torrc")
        .arg(&torrc)
        .arg("--app")
        .arg("/usr/bin/python3")
        .arg("--");
    command.arg(support_file("socks_irc_client.py"));
    // A hostname: tor resolves it (the harness's exits answer 127.0.0.1), no local DNS.
    command.args(["irc.test", &ngircd.port().to_string(), "launcher"]);
    let mut launcher = Launcher::start(command);
    let tor_pid = launcher.tor_pid(0, Duration::from_secs(20));
    launcher.wait_for("Bootstrapped 100%", BOOTSTRAP_LIMIT);
    launcher.wait_for("tor is ready", Duration::from_secs(10));
    let (status, stderr) = launcher.wait_exit(Duration::from_secs(60));
    assert_eq!(status.code(), Some(42), "{stderr}");
    assert!(stderr.contains("got PONG through tor"), "{stderr}");
    assert!(
        stderr.contains(&format!("SOCKS 127.0.0.1:{}", setup.socks_port)),
        "{stderr}"
    );
    assert!(
        wait_gone(tor_pid, Duration::from_secs(5)),
        "tor {tor_pid} still runs"
    );
    // The generated defaults carry what docs/ARCHITECTURE.md asks for.
    let defaults = std::fs::read_to_string(setup.data_dir().join("Tor/torrc-defaults")).unwrap();
    assert!(defaults.contains("IsolateSOCKSAuth"), "{defaults}");
    assert!(defaults.contains("AvoidDiskWrites 1"), "{defaults}");
}

#[test]
fn app_starts_only_at_100_percent_and_gets_the_addresses() {
    let setup = Setup::new();
    let torrc = setup.network_torrc();
    let mut command = setup.command();
    command.arg("--torrc").arg(&torrc);
    let expected_cookie = setup.data_dir().join("Tor/control_auth_cookie");
    // The app asks tor itself, with the cookie it was given, whether bootstrap is done.
    sh_app(
        &mut command,
        &format!(
            "test \"$TOR_MESSENGER_CONTROL\" = 127.0.0.1:{control} || exit 1; \
             test \"$TOR_MESSENGER_CONTROL_COOKIE\" = {cookie} || exit 2; \
             test \"$TOR_MESSENGER_PROFILE\" = {profile} || exit 3; \
             exit 0",
            control = setup.control_port,
            cookie = expected_cookie.display(),
            profile = setup.data_dir().display(),
        ),
    );
    let mut launcher = Launcher::start(command);
    let (status, stderr) = launcher.wait_exit(BOOTSTRAP_LIMIT);
    assert_eq!(status.code(), Some(0), "{stderr}");
    let ready = stderr.find("tor is ready").unwrap();
    let done = stderr.find("Bootstrapped 100%").unwrap();
    assert!(done < ready, "{stderr}");
}

#[test]
fn tor_killed_mid_run_without_restarts_stops_the_app_and_exits_4() {
    let setup = Setup::new();
    let torrc = setup.network_torrc();
    let app_pid_file = setup.temp.path().join("app.pid");
    let mut command = setup.command();
    command
        .arg("--torrc")
        .arg(&torrc)
        .args(["--tor-restarts", "0"]);
    sh_app(
        &mut command,
        &format!("echo $$ > {}; exec sleep 120", app_pid_file.display()),
    );
    let mut launcher = Launcher::start(command);
    let tor_pid = launcher.tor_pid(0, Duration::from_secs(20));
    launcher.wait_for("tor is ready", BOOTSTRAP_LIMIT);
    let app_pid = wait_for_pid_file(&app_pid_file);
    launcher.clean_up_pid(app_pid);
    kill(tor_pid, Signal::SIGKILL);
    let started = Instant::now();
    let (status, stderr) = launcher.wait_exit(Duration::from_secs(30));
    assert_eq!(status.code(), Some(4), "{stderr}");
    assert!(
        stderr.contains(&format!("tor (pid {tor_pid}) stopped unexpectedly")),
        "{stderr}"
    );
    assert!(started.elapsed() < Duration::from_secs(30));
    assert!(
        wait_gone(app_pid, Duration::from_secs(5)),
        "app {app_pid} still runs"
    );
}

#[test]
fn tor_killed_mid_run_is_restarted_and_the_app_keeps_running() {
    let setup = Setup::new();
    let torrc = setup.network_torrc();
    let go = setup.temp.path().join("go");
    let mut command = setup.command();
    command
        .arg("--torrc")
        .arg(&torrc)
        .args(["--tor-restarts", "1"]);
    sh_app(
        &mut command,
        &format!(
            "while ! test -e {}; do sleep 0.1; done; exit 5",
            go.display()
        ),
    );
    let ngircd = harness::Ngircd::start().unwrap();
    let mut launcher = Launcher::start(command);
    let first = launcher.tor_pid(0, Duration::from_secs(20));
    launcher.wait_for("tor is ready", BOOTSTRAP_LIMIT);
    kill(first, Signal::SIGKILL);
    launcher.wait_for("stopped unexpectedly", Duration::from_secs(20));
    let second = launcher.tor_pid(1, Duration::from_secs(20));
    assert_ne!(first, second);
    launcher.wait_for("tor is ready again", BOOTSTRAP_LIMIT);
    // The restarted tor serves the same SOCKS port, with a new cookie at the same path.
    let client = std::process::Command::new("/usr/bin/python3")
        .arg(support_file("socks_irc_client.py"))
        .args(["irc.test", &ngircd.port().to_string(), "restarted"])
        .env(
            "TOR_MESSENGER_SOCKS",
            format!("127.0.0.1:{}", setup.socks_port),
        )
        .env(
            "TOR_MESSENGER_CONTROL",
            format!("127.0.0.1:{}", setup.control_port),
        )
        .env(
            "TOR_MESSENGER_CONTROL_COOKIE",
            setup.data_dir().join("Tor/control_auth_cookie"),
        )
        .env("TOR_MESSENGER_PROFILE", setup.data_dir())
        .output()
        .unwrap();
    assert_eq!(
        client.status.code(),
        Some(42),
        "{}",
        String::from_utf8_lossy(&client.stderr)
    );
    std::fs::write(&go, "").unwrap();
    let (status, stderr) = launcher.wait_exit(Duration::from_secs(30));
    assert_eq!(status.code(), Some(5), "{stderr}");
    assert!(
        wait_gone(second, Duration::from_secs(5)),
        "tor {second} still runs"
    );
}

#[test]
fn sigterm_to_the_launcher_stops_app_and_tor() {
    let setup = Setup::new();
    let torrc = setup.network_torrc();
    let app_pid_file = setup.temp.path().join("app.pid");
    let mut command = setup.command();
    command.arg("--torrc").arg(&torrc);
    sh_app(
        &mut command,
        &format!("echo $$ > {}; exec sleep 120", app_pid_file.display()),
    );
    let mut launcher = Launcher::start(command);
    let tor_pid = launcher.tor_pid(0, Duration::from_secs(20));
    launcher.wait_for("tor is ready", BOOTSTRAP_LIMIT);
    let app_pid = wait_for_pid_file(&app_pid_file);
    launcher.clean_up_pid(app_pid);
    kill(launcher.pid(), Signal::SIGTERM);
    let (status, stderr) = launcher.wait_exit(Duration::from_secs(30));
    assert_eq!(status.code(), Some(128 + 15), "{stderr}");
    assert!(wait_gone(app_pid, Duration::from_secs(5)), "app still runs");
    assert!(wait_gone(tor_pid, Duration::from_secs(5)), "tor still runs");
}

#[test]
fn sigkill_to_the_launcher_makes_tor_exit_by_itself() {
    let setup = Setup::new();
    let torrc = setup.network_torrc();
    let app_pid_file = setup.temp.path().join("app.pid");
    let mut command = setup.command();
    command.arg("--torrc").arg(&torrc);
    sh_app(
        &mut command,
        &format!("echo $$ > {}; exec sleep 120", app_pid_file.display()),
    );
    let mut launcher = Launcher::start(command);
    let tor_pid = launcher.tor_pid(0, Duration::from_secs(20));
    launcher.wait_for("tor is ready", BOOTSTRAP_LIMIT);
    let app_pid = wait_for_pid_file(&app_pid_file);
    launcher.clean_up_pid(app_pid);
    kill(launcher.pid(), Signal::SIGKILL);
    // The owning controller's connection closed: tor exits at once (within 15 s by the
    // owning-process check otherwise).
    assert!(
        wait_gone(tor_pid, Duration::from_secs(20)),
        "tor {tor_pid} outlived its launcher"
    );
    // The orphaned app is the guard's to stop; it is not tor's business.
}

#[test]
fn sigint_during_bootstrap_stops_tor() {
    let setup = Setup::new();
    let torrc = setup.network_torrc();
    let mut command = setup.command();
    command.arg("--torrc").arg(&torrc);
    sh_app(&mut command, "exit 0");
    let mut launcher = Launcher::start(command);
    let tor_pid = launcher.tor_pid(0, Duration::from_secs(20));
    kill(launcher.pid(), Signal::SIGINT);
    let (status, stderr) = launcher.wait_exit(Duration::from_secs(30));
    // Either the signal came during bootstrap (130) or bootstrap was already done and the
    // app had exited (0); in both cases tor is gone.
    assert!(matches!(status.code(), Some(130) | Some(0)), "{stderr}");
    assert!(wait_gone(tor_pid, Duration::from_secs(5)), "tor still runs");
}

fn wait_for_pid_file(path: &std::path::Path) -> u32 {
    let deadline = Instant::now() + Duration::from_secs(20);
    while Instant::now() < deadline {
        if let Ok(text) = std::fs::read_to_string(path)
            && let Ok(pid) = text.trim().parse()
        {
            return pid;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    panic!("the app wrote no pid file");
}

#[test]
fn profile_path_with_space_and_hash_works() {
    let setup = Setup::new();
    let torrc = setup.network_torrc();
    let data = setup.temp.path().join("My Data #1");
    let mut command = std::process::Command::new(crate::util::LAUNCHER);
    command
        .arg("--data-dir")
        .arg(&data)
        .args(["--socks-port", &setup.socks_port.to_string()])
        .args(["--control-port", &setup.control_port.to_string()])
        .arg("--torrc")
        .arg(&torrc);
    sh_app(
        &mut command,
        "test -s \"$TOR_MESSENGER_CONTROL_COOKIE\" && exit 0; exit 1",
    );
    let (status, stderr) = Launcher::start(command).wait_exit(BOOTSTRAP_LIMIT);
    assert_eq!(status.code(), Some(0), "{stderr}");
    // The app found the cookie (test -s) in the folder with a space and a '#'.
    assert!(data.join("Tor/torrc-defaults").exists());
}

#[test]
fn second_launcher_on_the_same_profile_is_refused() {
    let setup = Setup::new();
    let torrc = setup.network_torrc();
    let app_pid_file = setup.temp.path().join("app.pid");
    let mut first = setup.command();
    first.arg("--torrc").arg(&torrc);
    sh_app(
        &mut first,
        &format!("echo $$ > {}; exec sleep 120", app_pid_file.display()),
    );
    let mut first = Launcher::start(first);
    first.wait_for("tor is ready", BOOTSTRAP_LIMIT);
    first.clean_up_pid(wait_for_pid_file(&app_pid_file));
    let ports = harness::ports::free_ports(2).unwrap();
    let mut second = std::process::Command::new(crate::util::LAUNCHER);
    second
        .arg("--data-dir")
        .arg(setup.data_dir())
        .args(["--socks-port", &ports[0].to_string()])
        .args(["--control-port", &ports[1].to_string()])
        .arg("--torrc")
        .arg(&torrc);
    sh_app(&mut second, "exit 0");
    let (status, stderr) = Launcher::start(second).wait_exit(Duration::from_secs(60));
    assert_eq!(status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("tor stopped before it was ready"),
        "{stderr}"
    );
    assert!(stderr.contains("same data directory"), "{stderr}");
}

#[test]
fn socks_port_set_in_the_user_torrc_is_what_the_app_gets() {
    let setup = Setup::new();
    let torrc = setup.network_torrc();
    let own_port = harness::free_port().unwrap();
    std::fs::create_dir_all(setup.data_dir().join("Tor")).unwrap();
    std::fs::write(
        setup.data_dir().join("Tor/torrc"),
        format!("SocksPort 127.0.0.1:{own_port} IsolateSOCKSAuth\n"),
    )
    .unwrap();
    let mut command = setup.command();
    command.arg("--torrc").arg(&torrc);
    sh_app(
        &mut command,
        &format!("test \"$TOR_MESSENGER_SOCKS\" = 127.0.0.1:{own_port} && exit 0; exit 1"),
    );
    let (status, stderr) = Launcher::start(command).wait_exit(BOOTSTRAP_LIMIT);
    assert_eq!(status.code(), Some(0), "{stderr}");
}

#[test]
fn sighup_to_the_launcher_stops_app_and_tor() {
    let setup = Setup::new();
    let torrc = setup.network_torrc();
    let app_pid_file = setup.temp.path().join("app.pid");
    let mut command = setup.command();
    command.arg("--torrc").arg(&torrc);
    sh_app(
        &mut command,
        &format!("echo $$ > {}; exec sleep 120", app_pid_file.display()),
    );
    let mut launcher = Launcher::start(command);
    let tor_pid = launcher.tor_pid(0, Duration::from_secs(20));
    launcher.wait_for("tor is ready", BOOTSTRAP_LIMIT);
    let app_pid = wait_for_pid_file(&app_pid_file);
    launcher.clean_up_pid(app_pid);
    kill(launcher.pid(), Signal::SIGHUP);
    let (status, stderr) = launcher.wait_exit(Duration::from_secs(30));
    assert_eq!(status.code(), Some(128 + 1), "{stderr}");
    assert!(wait_gone(app_pid, Duration::from_secs(5)), "app still runs");
    assert!(wait_gone(tor_pid, Duration::from_secs(5)), "tor still runs");
}

#[test]
fn closed_stderr_does_not_break_the_launcher() {
    use std::io::{BufRead, BufReader};
    let setup = Setup::new();
    let torrc = setup.network_torrc();
    let go = setup.temp.path().join("go");
    let mut command = setup.command();
    command.arg("--torrc").arg(&torrc);
    sh_app(
        &mut command,
        &format!(
            "while ! test -e {}; do sleep 0.1; done; exit 5",
            go.display()
        ),
    );
    command
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped());
    let mut child = command.spawn().unwrap();
    let mut tor_pid = None;
    {
        let stderr = BufReader::new(child.stderr.take().unwrap());
        for line in stderr.lines() {
            let line = line.unwrap();
            if let Some(pid) = line.split("(pid ").nth(1) {
                tor_pid = pid.trim_end_matches(')').parse::<u32>().ok();
            }
            if line.contains("tor is ready") {
                break;
            }
        }
        // The reading end closes here: every later line the launcher writes fails.
    }
    let tor_pid = tor_pid.unwrap();
    std::fs::write(&go, "").unwrap();
    let deadline = Instant::now() + Duration::from_secs(30);
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            kill(tor_pid, Signal::SIGKILL);
            panic!("launcher did not exit after its app did");
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    assert_eq!(status.code(), Some(5));
    assert!(wait_gone(tor_pid, Duration::from_secs(5)), "tor still runs");
}
