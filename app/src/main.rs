//! `tor-messenger`: the messenger binary.

use clap::Parser;

/// Command line of the messenger. The launcher passes the tor addresses it started.
#[derive(Debug, Parser)]
#[command(
    name = "tor-messenger",
    version,
    about = "An instant messenger whose every byte goes over Tor"
)]
struct Cli {
    /// Tor's SOCKS5 address (host:port); all connections go through it.
    #[arg(long, env = "TOR_MESSENGER_SOCKS", default_value = "127.0.0.1:9152")]
    socks: std::net::SocketAddr,
    /// Tor's control port address, used to show bootstrap progress.
    #[arg(long, env = "TOR_MESSENGER_CONTROL", default_value = "127.0.0.1:9153")]
    control: std::net::SocketAddr,
}

fn main() -> anyhow::Result<()> {
    let cli = Cli::parse();
    println!(
        "tor-messenger {}: SOCKS {} control {}",
        env!("CARGO_PKG_VERSION"),
        cli.socks,
        cli.control
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_are_the_bundle_ports() {
        let cli = Cli::try_parse_from(["tor-messenger"]).unwrap();
        assert_eq!(cli.socks.port(), 9152);
        assert_eq!(cli.control.port(), 9153);
    }

    #[test]
    fn rejects_a_socks_address_without_port() {
        assert!(Cli::try_parse_from(["tor-messenger", "--socks", "127.0.0.1"]).is_err());
    }
}
