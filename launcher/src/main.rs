//! `tor-messenger-launcher`: starts tor, waits for bootstrap, runs the messenger.

use clap::Parser;

fn main() {
    let cli = tor_messenger_launcher::cli::Cli::parse();
    let code = match tor_messenger_launcher::run(cli) {
        Ok(code) => code,
        Err(error) => {
            eprintln!("tor-messenger-launcher: error: {error}");
            error.exit_code()
        }
    };
    std::process::exit(code);
}
