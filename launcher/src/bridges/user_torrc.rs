//! Editing the bridge part of the user's torrc (`Data/Tor/torrc`) while tor is not running,
//! leaving every other line (comments, proxies) as the user (or tor's `SAVECONF`) wrote it.

use std::path::Path;

use super::BridgeError;
use messenger_bridges::BridgeSelection;

/// The plugin line earlier launchers added for obfs4 bridges. It would now override the
/// bundle's own transports (a `ClientTransportPlugin` in the torrc replaces all of the
/// defaults' ones), so it is removed wherever found.
pub const LEGACY_OBFS4_PLUGIN_LINE: &str = "ClientTransportPlugin obfs4 exec /usr/bin/obfs4proxy";

/// The user torrc, line by line.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct UserTorrc {
    lines: Vec<String>,
}

/// The first word of a torrc line (the option name), if the line is not a comment.
fn option_name(line: &str) -> Option<&str> {
    let trimmed = line.trim_start();
    if trimmed.starts_with('#') {
        return None;
    }
    trimmed.split_whitespace().next()
}

fn is_option(line: &str, name: &str) -> bool {
    option_name(line).is_some_and(|found| found.eq_ignore_ascii_case(name))
}

/// The value of an option line (what follows the option's name).
fn option_value(line: &str) -> &str {
    let trimmed = line.trim_start();
    let name_length = trimmed.find(char::is_whitespace).unwrap_or(trimmed.len());
    trimmed[name_length..].trim()
}

impl UserTorrc {
    /// Parses torrc text.
    pub fn parse(text: &str) -> Self {
        Self {
            lines: text.lines().map(str::to_owned).collect(),
        }
    }

    /// Reads the file; a missing file is an empty torrc.
    pub fn load(path: &Path) -> Result<Self, BridgeError> {
        match std::fs::read_to_string(path) {
            Ok(text) => Ok(Self::parse(&text)),
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => Ok(Self::default()),
            Err(source) => Err(BridgeError::Io {
                path: path.to_path_buf(),
                source,
            }),
        }
    }

    /// Writes the file atomically, readable by the owner only (bridge addresses are private).
    pub fn save(&self, path: &Path) -> Result<(), BridgeError> {
        private_file::write(path, self.to_text().as_bytes()).map_err(|source| BridgeError::Io {
            path: path.to_path_buf(),
            source,
        })
    }

    /// The torrc text.
    pub fn to_text(&self) -> String {
        let mut text = self.lines.join("\n");
        if !text.is_empty() {
            text.push('\n');
        }
        text
    }

    /// The `Bridge` values, in file order.
    pub fn bridges(&self) -> Vec<String> {
        self.lines
            .iter()
            .filter(|line| is_option(line, "Bridge"))
            .map(|line| option_value(line).to_owned())
            .collect()
    }

    /// Whether `UseBridges 1` is set (tor's default is 0).
    pub fn use_bridges(&self) -> bool {
        self.lines
            .iter()
            .rev()
            .find(|line| is_option(line, "UseBridges"))
            .is_some_and(|line| option_value(line) == "1")
    }

    /// The `ClientTransportPlugin` lines the user wrote (they replace the bundle's).
    pub fn own_plugin_lines(&self) -> Vec<String> {
        self.lines
            .iter()
            .filter(|line| is_option(line, "ClientTransportPlugin"))
            .filter(|line| line.trim() != LEGACY_OBFS4_PLUGIN_LINE)
            .map(|line| line.trim().to_owned())
            .collect()
    }

    /// Removes the plugin line earlier launchers added; true if there was one.
    pub fn remove_legacy_plugin_line(&mut self) -> bool {
        let before = self.lines.len();
        self.lines
            .retain(|line| line.trim() != LEGACY_OBFS4_PLUGIN_LINE);
        self.lines.len() != before
    }

    /// Replaces the `Bridge` and `UseBridges` lines with `selection`'s, where the first bridge
    /// line was (or at the end).
    pub fn set_bridges(&mut self, selection: &BridgeSelection) {
        let at = self
            .lines
            .iter()
            .position(|line| is_option(line, "Bridge") || is_option(line, "UseBridges"));
        self.lines
            .retain(|line| !is_option(line, "Bridge") && !is_option(line, "UseBridges"));
        self.remove_legacy_plugin_line();
        let at = at.map_or(self.lines.len(), |at| at.min(self.lines.len()));
        for (offset, line) in selection.torrc_lines().into_iter().enumerate() {
            self.lines.insert(at + offset, line);
        }
    }
}

#[cfg(test)]
mod tests;
