//! Editing the bridge part of the user's torrc (`Data/Tor/torrc`), leaving every other line
//! (comments, proxies) as the user wrote it.

use std::path::Path;

use super::BridgeError;
use super::line::BridgeLine;

/// The plugin line obfs4 bridges need: Debian's obfs4proxy.
pub const OBFS4_PLUGIN_LINE: &str = "ClientTransportPlugin obfs4 exec /usr/bin/obfs4proxy";

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

    /// The `Bridge` values, in file order (numbered from 1 by `list`).
    pub fn bridges(&self) -> Vec<String> {
        self.lines
            .iter()
            .filter(|line| is_option(line, "Bridge"))
            .map(|line| {
                let trimmed = line.trim_start();
                trimmed["Bridge".len()..].trim().to_owned()
            })
            .collect()
    }

    /// Adds a bridge; `false` if the same bridge is already there.
    pub fn add_bridge(&mut self, bridge: &BridgeLine) -> bool {
        let value = bridge.to_string();
        if self.bridges().contains(&value) {
            return false;
        }
        let insert_at = self
            .lines
            .iter()
            .rposition(|line| is_option(line, "Bridge"))
            .map_or(self.lines.len(), |index| index + 1);
        self.lines.insert(insert_at, format!("Bridge {value}"));
        self.fix_up();
        true
    }

    /// Removes bridge number `number` (from 1, as `list` shows). Returns its value.
    pub fn remove_bridge(&mut self, number: usize) -> Result<String, BridgeError> {
        let count = self.bridges().len();
        let index = self
            .lines
            .iter()
            .enumerate()
            .filter(|(_, line)| is_option(line, "Bridge"))
            .map(|(index, _)| index)
            .nth(number.wrapping_sub(1))
            .ok_or(BridgeError::NoSuchBridge { number, count })?;
        let removed = self.lines.remove(index);
        self.fix_up();
        Ok(removed["Bridge".len()..].trim().to_owned())
    }

    /// Keeps `UseBridges 1` and the obfs4 plugin line in step with the bridges present.
    fn fix_up(&mut self) {
        let bridges = self.bridges();
        let any_obfs4 = bridges.iter().any(|bridge| bridge.starts_with("obfs4 "));
        self.lines.retain(|line| !is_option(line, "UseBridges"));
        if !bridges.is_empty() {
            self.lines.push("UseBridges 1".to_owned());
        }
        let has_plugin = self.lines.iter().any(|line| {
            is_option(line, "ClientTransportPlugin")
                && line
                    .split_whitespace()
                    .nth(1)
                    .is_some_and(|names| names.split(',').any(|name| name == "obfs4"))
        });
        if any_obfs4 && !has_plugin {
            self.lines.push(OBFS4_PLUGIN_LINE.to_owned());
        } else if !any_obfs4 {
            // Only the line this launcher added; a plugin line the user wrote stays.
            self.lines.retain(|line| line != OBFS4_PLUGIN_LINE);
        }
    }
}

#[cfg(test)]
mod tests;
