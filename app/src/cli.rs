//! The command line. The launcher passes tor's addresses and cookie path.

use clap::Parser;
use std::path::PathBuf;

/// Command line of the messenger.
#[derive(Debug, Parser)]
#[command(
    name = "tor-messenger",
    version,
    about = "An instant messenger whose every byte goes over Tor"
)]
pub(crate) struct Cli {
    /// Tor's SOCKS5 address (host:port); all connections go through it.
    #[arg(long, env = "TOR_MESSENGER_SOCKS", default_value = "127.0.0.1:9152")]
    pub socks: std::net::SocketAddr,
    /// Tor's control port address, used to show bootstrap progress.
    #[arg(long, env = "TOR_MESSENGER_CONTROL", default_value = "127.0.0.1:9153")]
    pub control: std::net::SocketAddr,
    /// Tor's control authentication cookie file.
    #[arg(long, env = "TOR_MESSENGER_CONTROL_COOKIE")]
    pub control_cookie: Option<PathBuf>,
    /// The portable profile folder (settings, accounts); default `Data/` beside the bundle.
    #[arg(long, env = "TOR_MESSENGER_PROFILE")]
    pub profile: Option<PathBuf>,
    /// The signed update manifest's HTTPS address (default: the one built in, if any).
    #[arg(long)]
    pub update_manifest_url: Option<String>,
    /// Shows a sample screen with invented content and no network (for screenshots).
    #[arg(long, value_enum, hide = true)]
    pub showcase: Option<crate::showcase::Showcase>,
}

#[cfg(test)]
mod tests;
