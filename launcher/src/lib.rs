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

use cli::{BridgeChoiceArg, BridgesAction, BridgesArgs, Cli, Command, LaunchArgs};
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
        Some(Command::Bridges(args)) => run_bridges(&args, &data_dir, &bundle),
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

fn run_bridges(
    args: &BridgesArgs,
    data_dir: &std::path::Path,
    bundle: &bundle::Bundle,
) -> Result<i32, LaunchError> {
    use bridges::{Applied, Bridges};
    use messenger_bridges::{BridgeMode, Transport};
    let when = |applied: Applied| match applied {
        Applied::Now => "tor uses them now",
        Applied::NextStart => "tor uses them from its next start",
    };
    let store = Bridges::new(profile::Profile::new(data_dir)?, bundle)?;
    match &args.action {
        BridgesAction::Add { line } => {
            let text = if line.is_empty() {
                read_pasted_lines()?
            } else if line.iter().any(|part| part.contains('\n')) {
                line.join("\n")
            } else {
                line.join(" ")
            };
            let (added, total, applied) = store.add(&text)?;
            to_stdout(&format!(
                "Added {added} bridge(s); you have {total} of your own, and {}.",
                when(applied)
            ));
        }
        BridgesAction::Use { which } => {
            let applied = match which {
                BridgeChoiceArg::Obfs4 => store.use_built_in(Transport::Obfs4)?,
                BridgeChoiceArg::Snowflake => store.use_built_in(Transport::Snowflake)?,
                BridgeChoiceArg::Custom => store.use_own()?.1,
            };
            to_stdout(&format!(
                "Using {}; {}.",
                store.current()?.mode,
                when(applied)
            ));
        }
        BridgesAction::List => {
            let current = store.current()?;
            let count = match current.mode {
                BridgeMode::Direct => String::new(),
                _ => format!(" ({})", current.bridges.len()),
            };
            to_stdout(&format!("In use: {}{count}", current.mode));
            let own = store.own()?;
            if own.bridges.is_empty() {
                to_stdout("You have no bridges of your own (add them with `bridges add LINE`).");
            } else {
                to_stdout("Your own bridges (`bridges use custom` to use them):");
            }
            for (index, bridge) in own.bridges.iter().enumerate() {
                to_stdout(&format!("{}: {bridge}", index + 1));
            }
        }
        BridgesAction::Remove { number } => {
            let (removed, applied) = store.remove(*number)?;
            to_stdout(&format!("Removed bridge {number}: {removed}"));
            if let Some(applied) = applied {
                to_stdout(&format!(
                    "Now using {}; {}.",
                    store.current()?.mode,
                    when(applied)
                ));
            }
        }
        BridgesAction::Off => {
            let applied = store.off()?;
            to_stdout(&format!(
                "No bridges: tor connects directly ({}).",
                when(applied).replace("them", "this")
            ));
        }
    }
    Ok(0)
}

/// Bridge lines pasted on standard input, up to its end (Ctrl-D on a terminal).
fn read_pasted_lines() -> Result<String, LaunchError> {
    use std::io::{IsTerminal, Read};
    if std::io::stdin().is_terminal() {
        output::to_stderr("Paste your bridge lines, then press Ctrl-D:");
    }
    let mut text = String::new();
    std::io::stdin()
        .read_to_string(&mut text)
        .map_err(LaunchError::Stdin)?;
    Ok(text)
}
