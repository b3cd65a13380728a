//! Shows tor's bootstrap to the person: a progress bar with tor's phase text on a terminal,
//! plain lines otherwise (logs, tests).

use std::io::IsTerminal;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::output::to_stderr;
use messenger_tor_control::BootstrapStatus;

/// Where bootstrap progress and launcher messages go (stderr).
#[derive(Debug)]
pub struct ProgressView {
    bar: Option<ProgressBar>,
    last_shown: Option<(u8, String)>,
}

impl ProgressView {
    /// A bar if stderr is a terminal, else plain lines.
    pub fn new() -> Self {
        let bar = std::io::stderr().is_terminal().then(|| {
            let bar = ProgressBar::with_draw_target(Some(100), ProgressDrawTarget::stderr());
            // The template is a constant that parses; fall back to the default style if not.
            let style = ProgressStyle::with_template("Tor: [{bar:30}] {pos:>3}% {msg}")
                .map(|style| style.progress_chars("=> "))
                .unwrap_or_else(|_| ProgressStyle::default_bar());
            bar.set_style(style);
            bar.set_message("Starting tor");
            bar
        });
        Self {
            bar,
            last_shown: None,
        }
    }

    /// Shows a new bootstrap status (only when it changed).
    pub fn update(&mut self, status: &BootstrapStatus) {
        let shown = (status.progress, status.summary.clone());
        if self.last_shown.as_ref() == Some(&shown) {
            return;
        }
        match &self.bar {
            Some(bar) => {
                bar.set_position(u64::from(status.progress));
                bar.set_message(status.summary.clone());
            }
            None => to_stderr(&format!(
                "tor-messenger-launcher: Bootstrapped {}% ({}): {}",
                status.progress, status.tag, status.summary
            )),
        }
        self.last_shown = Some(shown);
    }

    /// Prints a message line without breaking the bar.
    pub fn message(&self, text: &str) {
        match &self.bar {
            Some(bar) => bar.suspend(|| to_stderr(&format!("tor-messenger-launcher: {text}"))),
            None => to_stderr(&format!("tor-messenger-launcher: {text}")),
        }
    }

    /// Removes the bar (bootstrap over, or given up).
    pub fn finish(&mut self) {
        if let Some(bar) = self.bar.take() {
            bar.finish_and_clear();
        }
        self.last_shown = None;
    }
}

impl Default for ProgressView {
    fn default() -> Self {
        Self::new()
    }
}

impl Drop for ProgressView {
    fn drop(&mut self) {
        self.finish();
    }
}
