//! `tor-messenger-launcher`: starts tor, waits for bootstrap, runs the messenger.

use clap::Parser;

/// Command line of the launcher.
#[derive(Debug, Parser)]
#[command(
    name = "tor-messenger-launcher",
    version,
    about = "Starts tor and Tor Messenger"
)]
struct Cli {
    /// Tor's SOCKS port on 127.0.0.1.
    #[arg(long, default_value_t = 9152)]
    socks_port: u16,
    /// Tor's control port on 127.0.0.1.
    #[arg(long, default_value_t = 9153)]
    control_port: u16,
}

fn main() -> anyhow::Result<()> {
    let cli = Cli::parse();
    println!(
        "launcher: SOCKS {} control {}",
        cli.socks_port, cli.control_port
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_ports_are_9152_and_9153() {
        let cli = Cli::try_parse_from(["tor-messenger-launcher"]).unwrap();
        assert_eq!((cli.socks_port, cli.control_port), (9152, 9153));
    }
}
