//! Tor Messenger's launcher: finds and starts the bundled tor, shows its bootstrap progress,
//! runs the messenger once tor is ready, and stops tor when the messenger exits.
//!
//! `main.rs` only parses the command line ([`cli::Cli`]) and calls [`run`].
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod app_process;
pub mod bridges;
pub mod bundle;
pub mod child_process;
pub mod cli;
pub mod error;
pub mod launch;
pub mod output;
pub mod port_check;
pub mod profile;
pub mod progress;
pub mod settings;
pub mod signals;
pub mod stall_advice;
pub mod tor_binary;
pub mod tor_process;
pub mod torrc_defaults;
pub mod update_commands;

use cli::{BridgesAction, BridgesArgs, Cli, Command, LaunchArgs};
use error::LaunchError;
use output::to_stdout;

/// Runs what the command line asks; returns the process exit code.
pub fn run(cli: Cli) -> Result<i32, LaunchError> {
    let bundle = bundle::Bundle::of_current_exe().map_err(|source| LaunchError::DataDir {
        path: std::path::PathBuf::from("(launcher executable)"),
        source,
    })?;
    let data_dir = cli
        .data_dir
        .clone()
        .unwrap_or_else(|| bundle.default_data_dir());
    match cli.command {
        None => run_launch(&cli.launch, &data_dir, &bundle),
        Some(Command::Launch(args)) => run_launch(&args, &data_dir, &bundle),
        Some(Command::Bridges(args)) => run_bridges(&args, &data_dir),
        Some(Command::Verify(args)) => update_commands::verify(&args),
        Some(Command::CheckUpdate(args)) => {
            update_commands::check_update(&args, &data_dir, &bundle)
        }
        Some(Command::Download(args)) => update_commands::download(&args, &data_dir, &bundle),
    }
}

fn run_launch(
    args: &LaunchArgs,
    data_dir: &std::path::Path,
    bundle: &bundle::Bundle,
) -> Result<i32, LaunchError> {
    let settings = settings::LaunchSettings::resolve(args, data_dir, bundle)?;
    // One thread: the launcher waits on a few processes and one socket.
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(LaunchError::Runtime)?;
    runtime.block_on(launch::launch(&settings))
}

fn run_bridges(args: &BridgesArgs, data_dir: &std::path::Path) -> Result<i32, LaunchError> {
    let profile = profile::Profile::new(data_dir)?;
    match &args.action {
        BridgesAction::Add { line } => {
            let line = line.join(" ");
            if bridges::add(&profile, &line)? {
                to_stdout("Added. Tor uses it from its next start.");
            } else {
                to_stdout(&format!(
                    "That bridge is already in {}.",
                    profile.user_torrc().display()
                ));
            }
        }
        BridgesAction::List => {
            let list = bridges::list(&profile)?;
            if list.is_empty() {
                to_stdout("No bridges (tor connects directly).");
            }
            for (index, bridge) in list.iter().enumerate() {
                to_stdout(&format!("{}: {bridge}", index + 1));
            }
        }
        BridgesAction::Remove { number } => {
            let removed = bridges::remove(&profile, *number)?;
            to_stdout(&format!("Removed bridge {number}: {removed}"));
        }
    }
    Ok(0)
}
