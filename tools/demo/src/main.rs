//! `tor-messenger-demo` (run by `make demo`): starts a private Tor network, ngircd, prosody
//! and an OTR bot on loopback, writes a demo profile whose accounts are ready to connect,
//! runs the launcher with the messenger on that network, and stops everything when the
//! messenger window is closed or on Ctrl-C.

use anyhow::{Context, Result, bail};
use clap::Parser;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};
use tor_messenger_demo::profile::{IRC_HOST, Look, XMPP_HOST};
use tor_messenger_demo::{
    BOT_NICK, BOT_SECRET, DEMO_CHANNEL, DEMO_USER, DemoEnvironment, DemoOptions,
};

/// How long the launcher gets to stop the messenger and tor after a signal (its own grace is
/// 5 s for each) before it is killed.
const LAUNCHER_GRACE: Duration = Duration::from_secs(15);
const POLL: Duration = Duration::from_millis(100);

/// Command line.
#[derive(Debug, Parser)]
#[command(
    name = "tor-messenger-demo",
    version,
    about = "Tor Messenger offline: a private Tor network, IRC and XMPP servers and an OTR bot on this computer"
)]
struct Cli {
    /// The launcher. Default: tor-messenger-launcher beside this program.
    #[arg(long, value_name = "PATH")]
    launcher: Option<PathBuf>,
    /// The messenger. Default: tor-messenger beside this program.
    #[arg(long, value_name = "PATH")]
    messenger: Option<PathBuf>,
    /// Start the network, servers and bot but no window; print where they are and wait for
    /// Ctrl-C (to try another client, or to check the set-up).
    #[arg(long)]
    headless: bool,
    /// Skip the first-run explanation.
    #[arg(long)]
    skip_first_run: bool,
    /// Use the dark theme.
    #[arg(long)]
    dark: bool,
}

fn main() -> Result<()> {
    let cli = Cli::parse();
    let stop = Arc::new(AtomicBool::new(false));
    for signal in [
        signal_hook::consts::SIGINT,
        signal_hook::consts::SIGTERM,
        signal_hook::consts::SIGHUP,
    ] {
        signal_hook::flag::register(signal, stop.clone()).context("cannot watch for Ctrl-C")?;
    }
    let programs = if cli.headless {
        None
    } else {
        Some((
            program(cli.launcher, "tor-messenger-launcher")?,
            program(cli.messenger, "tor-messenger")?,
        ))
    };
    let started = Instant::now();
    println!("Tor Messenger demo: starting everything on this computer (no internet needed)…");
    let options = DemoOptions {
        look: Look {
            first_run: !cli.skip_first_run,
            dark: cli.dark,
        },
    };
    let mut demo = DemoEnvironment::start(options, |step| println!("  {step}"))
        .context("the demo could not start")?;
    println!(
        "Ready after {:.1} s. Demo folder (removed at the end): {}",
        demo.started_in().as_secs_f64(),
        demo.dir().display()
    );
    let status = match programs {
        // Ctrl-C while starting: nothing more is started.
        _ if stop.load(Ordering::SeqCst) => None,
        None => {
            print_guide(&demo);
            print_headless(&demo);
            wait_headless(&mut demo, &stop);
            None
        }
        Some((launcher, messenger)) => {
            print_guide(&demo);
            Some(run_launcher(
                &mut demo, &launcher, &messenger, &stop, started,
            )?)
        }
    };
    let pids = demo.pids();
    println!("Stopping the bot, the servers and the Tor network…");
    drop(demo);
    let left: Vec<u32> = pids
        .into_iter()
        .filter(|pid| harness::process::process_is_running(*pid))
        .collect();
    if !left.is_empty() {
        bail!("these demo processes did not stop: {left:?}");
    }
    println!("Everything is stopped.");
    match status {
        Some(status) if !status.success() && !stop.load(Ordering::SeqCst) => {
            bail!("the launcher ended with {status}")
        }
        _ => Ok(()),
    }
}

/// `explicit`, else `name` beside this program; it must be an executable file.
fn program(explicit: Option<PathBuf>, name: &str) -> Result<PathBuf> {
    let path = match explicit {
        Some(path) => path,
        None => std::env::current_exe()
            .context("cannot find where the demo program is")?
            .with_file_name(name),
    };
    let executable = std::fs::metadata(&path).is_ok_and(|m| {
        use std::os::unix::fs::PermissionsExt;
        m.is_file() && m.permissions().mode() & 0o111 != 0
    });
    if !executable {
        bail!(
            "{name} is not built at {} (run `make demo`, or pass --{} PATH)",
            path.display(),
            if name.ends_with("launcher") {
                "launcher"
            } else {
                "messenger"
            }
        );
    }
    Ok(path)
}

fn print_guide(demo: &DemoEnvironment) {
    println!();
    println!("What to try in the window:");
    println!("  1. Read the first screen, then open Accounts and press Connect on both accounts");
    println!(
        "     (IRC {DEMO_USER} on {IRC_HOST}, XMPP {DEMO_USER}@{XMPP_HOST}): nothing connects by itself."
    );
    println!(
        "  2. The IRC account joins {DEMO_CHANNEL}; the bot '{BOT_NICK}' greets you there and privately."
    );
    println!(
        "  3. Open the conversation with {BOT_NICK}: it turns private (OTR) by itself. Write to it:"
    );
    println!("     it answers encrypted. Verify it with the shared secret \"{BOT_SECRET}\".");
    println!(
        "  4. On XMPP, write to {BOT_NICK}@{XMPP_HOST} (Start a conversation, Contact): the same bot."
    );
    println!("  The bot's OTR fingerprint: {}", demo_fingerprint(demo));
    println!("Close the window (or press Ctrl-C here) to stop everything.");
    println!();
}

fn demo_fingerprint(demo: &DemoEnvironment) -> String {
    // OTR shows fingerprints as five groups of eight hex digits.
    let fingerprint = demo.bot_fingerprint().to_uppercase();
    let groups: Vec<&str> = fingerprint
        .as_bytes()
        .chunks(8)
        .filter_map(|c| std::str::from_utf8(c).ok())
        .collect();
    groups.join(" ")
}

fn print_headless(demo: &DemoEnvironment) {
    let paths = demo.paths();
    println!("Headless: no window. To use another client on this network:");
    println!("  a tor with these lines:     {}", paths.torrc.display());
    println!(
        "  IRC through it:             {IRC_HOST}:{} (TLS; plaintext {})",
        demo.ngircd().tls_port().unwrap_or_default(),
        demo.ngircd().port()
    );
    println!(
        "  XMPP through it:            {XMPP_HOST}:{} (STARTTLS)",
        demo.prosody().c2s_port()
    );
    println!(
        "  pins of their certificates: {}",
        paths.certs_dir.join("cert_override.txt").display()
    );
    println!("  the messenger's profile:    {}", paths.data_dir.display());
    let pids: Vec<String> = demo.pids().iter().map(u32::to_string).collect();
    println!("  processes: {}", pids.join(" "));
    println!("Press Ctrl-C to stop.");
}

fn wait_headless(demo: &mut DemoEnvironment, stop: &AtomicBool) {
    while !stop.load(Ordering::SeqCst) {
        report_bot(demo);
    }
}

/// Prints what the bot did since the last call (waits up to [`POLL`] for it).
fn report_bot(demo: &mut DemoEnvironment) {
    if let Some(event) = demo.bot().next_event(POLL)
        && let Some(words) = event.describe()
    {
        println!("  {words}");
    }
}

fn run_launcher(
    demo: &mut DemoEnvironment,
    launcher: &Path,
    messenger: &Path,
    stop: &AtomicBool,
    started: Instant,
) -> Result<ExitStatus> {
    let socks_port = harness::free_port().context("no free port for tor's SOCKS port")?;
    let control_port = harness::free_port().context("no free port for tor's control port")?;
    let paths = demo.paths().clone();
    let mut command = Command::new(launcher);
    command
        .arg("--data-dir")
        .arg(&paths.data_dir)
        .arg("--torrc")
        .arg(&paths.torrc)
        .args(["--socks-port", &socks_port.to_string()])
        .args(["--control-port", &control_port.to_string()])
        .arg("--app")
        .arg(messenger);
    println!(
        "Starting the launcher: its tor joins the private network (SOCKS 127.0.0.1:{socks_port}), then the messenger opens."
    );
    let mut child = command
        .spawn()
        .with_context(|| format!("cannot start {}", launcher.display()))?;
    let status = wait_launcher(demo, &mut child, stop)?;
    println!(
        "The launcher ended ({status}) after {:.0} s.",
        started.elapsed().as_secs_f64()
    );
    Ok(status)
}

fn wait_launcher(
    demo: &mut DemoEnvironment,
    child: &mut Child,
    stop: &AtomicBool,
) -> Result<ExitStatus> {
    loop {
        if let Some(status) = child.try_wait().context("cannot watch the launcher")? {
            return Ok(status);
        }
        if stop.load(Ordering::SeqCst) {
            break;
        }
        report_bot(demo);
    }
    // A Ctrl-C in the terminal reached the launcher too; a signal sent to the demo alone did
    // not: SIGTERM makes the launcher stop the messenger and tor in order.
    println!("Stopping the launcher (the messenger, then its tor)…");
    if let Ok(pid) = i32::try_from(child.id()) {
        let _ = nix::sys::signal::kill(
            nix::unistd::Pid::from_raw(pid),
            nix::sys::signal::Signal::SIGTERM,
        );
    }
    let deadline = Instant::now() + LAUNCHER_GRACE;
    while Instant::now() < deadline {
        if let Some(status) = child.try_wait().context("cannot watch the launcher")? {
            return Ok(status);
        }
        std::thread::sleep(POLL);
    }
    eprintln!("The launcher did not stop within {LAUNCHER_GRACE:?}; killing it.");
    let _ = child.kill();
    child.wait().context("cannot reap the launcher")
}
