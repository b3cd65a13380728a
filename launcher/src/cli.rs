//! The command line. Without a subcommand the launcher launches; later features (`verify`,
//! `check-update`) are further subcommands.

use std::ffi::OsString;
use std::net::SocketAddr;
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

/// Command line of the launcher.
#[derive(Debug, Parser)]
#[command(
    name = "tor-messenger-launcher",
    version,
    about = "Starts tor, shows its progress, then runs Tor Messenger over it"
)]
pub struct Cli {
    /// The profile folder (tor's data in DIR/Tor, the user torrc DIR/Tor/torrc). Default:
    /// Data/ beside the launcher. Accepted before or after a subcommand.
    #[arg(long, value_name = "DIR", global = true)]
    pub data_dir: Option<PathBuf>,
    /// What to do; launching is the default.
    #[command(subcommand)]
    pub command: Option<Command>,
    /// Options of the default action, launching.
    #[command(flatten)]
    pub launch: LaunchArgs,
}

impl Cli {
    /// Parses the process's arguments; on error prints clap's message and exits with 2.
    pub fn parse_checked() -> Self {
        Self::try_parse_checked(std::env::args_os()).unwrap_or_else(|error| error.exit())
    }

    /// Parses `args`, also refusing launch options given together with another subcommand
    /// (clap's own conflict check would refuse the global `--data-dir` there too).
    pub fn try_parse_checked<I, T>(args: I) -> Result<Self, clap::Error>
    where
        I: IntoIterator<Item = T>,
        T: Into<OsString> + Clone,
    {
        use clap::CommandFactory;
        let cli = Self::try_parse_from(args)?;
        let defaults = Self::try_parse_from(["tor-messenger-launcher"])?.launch;
        if cli.command.is_some() && cli.launch != defaults {
            return Err(Self::command().error(
                clap::error::ErrorKind::ArgumentConflict,
                "launch options go without a subcommand or after `launch`, not before another subcommand",
            ));
        }
        Ok(cli)
    }
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Start tor, wait until it is connected, run the messenger (the default action).
    Launch(LaunchArgs),
    /// Show, add or remove the bridges tor uses (kept in Data/Tor/torrc).
    Bridges(BridgesArgs),
    /// Check a downloaded bundle (or a sums file and every file it lists) against the
    /// release keys. Exit 0 only for a good signature.
    Verify(VerifyArgs),
    /// Ask, through tor, whether a newer release exists. Never downloads or installs.
    CheckUpdate(UpdateArgs),
    /// Download the newer release through tor into Downloads/, keeping it only if its size,
    /// SHA-256 and signature check out. Never installs.
    Download(UpdateArgs),
}

/// Options of `verify`.
#[derive(Debug, Clone, PartialEq, Eq, Args)]
pub struct VerifyArgs {
    /// The file to check (a bundle, or with --sums the sums file).
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// Its minisign signature. Default: FILE.minisig.
    #[arg(long, value_name = "FILE")]
    pub sig: Option<PathBuf>,
    /// A folder of release public keys (*.pub) to use instead of the built-in ones.
    #[arg(long, value_name = "DIR")]
    pub keys: Option<PathBuf>,
    /// FILE is sha256sums-unsigned-build.txt: check its signature, then every file it lists.
    #[arg(long)]
    pub sums: bool,
}

/// Options of `check-update` and `download`.
#[derive(Debug, Clone, PartialEq, Eq, Args)]
pub struct UpdateArgs {
    /// The signed manifest's address (https only). Default: the one built in, if any.
    #[arg(long, value_name = "URL")]
    pub manifest_url: Option<String>,
    /// A folder of release public keys (*.pub) to use instead of the built-in ones.
    #[arg(long, value_name = "DIR")]
    pub keys: Option<PathBuf>,
    /// Tor's SOCKS port on 127.0.0.1 (the running Tor Messenger's tor by default).
    #[arg(long, value_name = "PORT", default_value_t = 9152)]
    pub socks_port: u16,
    /// The certificates folder (extra roots and cert_override.txt pins). Default: the
    /// bundle's certs/.
    #[arg(long, value_name = "DIR")]
    pub certs: Option<PathBuf>,
}

/// Options of `launch` (also accepted without the word `launch`).
#[derive(Debug, Clone, PartialEq, Eq, Args)]
pub struct LaunchArgs {
    /// The tor to run. Default: the bundle's tor/tor, else tor on PATH.
    #[arg(long, value_name = "PATH")]
    pub tor: Option<PathBuf>,
    /// The program to run once tor is ready, in place of the messenger. Arguments for it
    /// follow `--`.
    #[arg(long, value_name = "PROGRAM")]
    pub app: Option<PathBuf>,
    /// Tor's SOCKS port on 127.0.0.1.
    #[arg(long, value_name = "PORT", default_value_t = 9152)]
    pub socks_port: u16,
    /// Tor's control port on 127.0.0.1.
    #[arg(long, value_name = "PORT", default_value_t = 9153)]
    pub control_port: u16,
    /// An extra torrc read after the launcher's defaults (for tests and advanced users).
    #[arg(long, value_name = "FILE")]
    pub torrc: Option<PathBuf>,
    /// Use a tor that is already running, at this SOCKS address (numeric, such as
    /// 127.0.0.1:9050); start none.
    #[arg(long, value_name = "HOST:PORT", value_parser = parse_numeric_socket_addr)]
    pub use_system_tor: Option<SocketAddr>,
    /// Give up when tor's bootstrap makes no progress for this many seconds.
    #[arg(long, value_name = "SECONDS", default_value_t = 120, value_parser = clap::value_parser!(u64).range(1..))]
    pub stall_timeout: u64,
    /// How many times to restart tor if it dies while the messenger runs.
    #[arg(long, value_name = "N", default_value_t = 1)]
    pub tor_restarts: u32,
    /// Seconds to wait for tor or the messenger to stop before killing it.
    #[arg(long, value_name = "SECONDS", default_value_t = 5)]
    pub shutdown_grace: u64,
    /// Copy tor's own log output to the terminal.
    #[arg(long)]
    pub verbose: bool,
    /// When to start the messenger (or --app program). Default: connecting for the bundle's
    /// messenger, ready for a program given with --app.
    #[arg(long, value_enum, value_name = "WHEN")]
    pub start_app_at: Option<StartAppAt>,
    /// Arguments passed to the messenger (or to --app), after `--`.
    #[arg(last = true, value_name = "APP ARGS")]
    pub app_args: Vec<OsString>,
}

/// Options of `bridges`.
#[derive(Debug, Args)]
pub struct BridgesArgs {
    /// What to do with the bridges.
    #[command(subcommand)]
    pub action: BridgesAction,
}

/// `bridges` actions.
#[derive(Debug, Subcommand)]
pub enum BridgesAction {
    /// Add your own bridges and use them: a line such as "obfs4 192.0.2.1:443 FINGERPRINT
    /// cert=... iat-mode=0", several lines in one quoted argument, or none to paste them
    /// (end with Ctrl-D).
    Add {
        /// The bridge line (quoted, or as separate words); lines separated by line breaks.
        #[arg(num_args = 0.., value_name = "LINE")]
        line: Vec<String>,
    },
    /// Use the built-in obfs4 or snowflake bridges, or your own again (custom).
    Use {
        /// Which bridges.
        #[arg(value_enum)]
        which: BridgeChoiceArg,
    },
    /// Show which bridges tor uses, and your own bridges, numbered.
    List,
    /// Remove your own bridge number N (as `list` shows).
    Remove {
        /// The bridge's number.
        number: usize,
    },
    /// No bridges: tor connects directly (your own bridges are kept for later).
    Off,
}

/// The bridges `bridges use` can choose.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum BridgeChoiceArg {
    /// The built-in obfs4 bridges.
    Obfs4,
    /// The built-in snowflake bridges.
    Snowflake,
    /// Your own bridges (added with `bridges add`).
    Custom,
}

/// When the messenger starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum StartAppAt {
    /// As soon as tor's control port answers: the messenger shows tor's progress and, if tor
    /// cannot connect, the choices (the default for the bundle's messenger).
    Connecting,
    /// Once tor reached 100% (the default with --app).
    Ready,
}

/// A numeric `IP:PORT`; names are refused because resolving them here would be a DNS
/// request outside tor.
fn parse_numeric_socket_addr(text: &str) -> Result<SocketAddr, String> {
    text.parse().map_err(|_| {
        format!(
            "{text:?} is not a numeric IP:PORT such as 127.0.0.1:9050 \
             (names are not looked up, so nothing leaks outside tor)"
        )
    })
}

#[cfg(test)]
mod tests;
