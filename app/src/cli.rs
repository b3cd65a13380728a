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
mod tests {
    use super::*;

    #[test]
    fn defaults_are_the_bundle_ports() {
        let cli = Cli::try_parse_from(["tor-messenger"]).unwrap();
        assert_eq!(cli.socks.port(), 9152);
        assert_eq!(cli.control.port(), 9153);
        assert!(cli.profile.is_none());
    }

    #[test]
    fn rejects_a_socks_address_without_port() {
        assert!(Cli::try_parse_from(["tor-messenger", "--socks", "127.0.0.1"]).is_err());
    }

    #[test]
    fn takes_profile_and_cookie() {
        let cli = Cli::try_parse_from([
            "tor-messenger",
            "--profile",
            "/tmp/p",
            "--control-cookie",
            "/tmp/c",
        ])
        .unwrap();
        assert_eq!(cli.profile.unwrap(), PathBuf::from("/tmp/p"));
        assert_eq!(cli.control_cookie.unwrap(), PathBuf::from("/tmp/c"));
    }
}
