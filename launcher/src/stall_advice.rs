//! What to tell the person when tor's bootstrap makes no progress.

use std::path::Path;

/// The text printed when bootstrap stalls: tor's last warning and what to try, the most
/// likely remedy first.
pub fn stall_advice(last_warning: Option<&str>, user_torrc: &Path) -> String {
    let mut text = String::new();
    match last_warning {
        Some(warning) => text.push_str(&format!("Tor's last warning: {warning}\n")),
        None => text.push_str("Tor gave no warning.\n"),
    }
    let warning = last_warning.unwrap_or_default().to_ascii_lowercase();
    let clock = "  - Check that this computer's date, time and time zone are right: tor \
                 cannot connect with a wrong clock.";
    let bridges = "  - If your network blocks Tor, use a bridge: get one from \
                   https://bridges.torproject.org/ (or by mail to bridges@torproject.org), then run\n      \
                   tor-messenger-launcher bridges add \"obfs4 IP:PORT FINGERPRINT cert=... iat-mode=0\"";
    let firewall = format!(
        "  - If a firewall or proxy is in the way, allow this program out, or set your proxy \
         (HTTPSProxy or Socks5Proxy) in {}",
        user_torrc.display()
    );
    let mut tips = [bridges.to_owned(), clock.to_owned(), firewall];
    if warning.contains("clock") || warning.contains("skew") || warning.contains("expired") {
        tips.swap(0, 1);
    } else if warning.contains("proxy") {
        tips.swap(0, 2);
    }
    text.push_str("What to try:\n");
    text.push_str(&tips.join("\n"));
    text.push_str("\n  - On a slow network, wait longer with --stall-timeout SECONDS.");
    text
}

#[cfg(test)]
mod tests;
