//! `tor-messenger-launcher`: starts tor, waits for bootstrap, runs the messenger.

fn main() {
    let cli = tor_messenger_launcher::cli::Cli::parse_checked();
    let code = match tor_messenger_launcher::run(cli) {
        Ok(code) => code,
        Err(error) => {
            tor_messenger_launcher::output::to_stderr(&format!(
                "tor-messenger-launcher: error: {error}"
            ));
            error.exit_code()
        }
    };
    std::process::exit(code);
}
