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
        crate::atomic_write::write_atomically(path, self.to_text().as_bytes(), 0o600).map_err(
            |source| BridgeError::Io {
                path: path.to_path_buf(),
                source,
            },
        )
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
mod tests {
    use super::*;

    const FINGERPRINT: &str = "0123456789ABCDEF0123456789ABCDEF01234567";

    fn obfs4() -> BridgeLine {
        BridgeLine::parse(&format!(
            "obfs4 192.0.2.1:443 {FINGERPRINT} cert=abc+/= iat-mode=0"
        ))
        .unwrap()
    }

    fn plain() -> BridgeLine {
        BridgeLine::parse(&format!("192.0.2.2:9001 {FINGERPRINT}")).unwrap()
    }

    #[test]
    fn add_sets_use_bridges_and_plugin() {
        let mut torrc = UserTorrc::parse("# my settings\nHTTPSProxy 127.0.0.1:8080\n");
        assert!(torrc.add_bridge(&obfs4()));
        let text = torrc.to_text();
        assert!(text.starts_with("# my settings\nHTTPSProxy 127.0.0.1:8080\n"));
        assert!(text.contains("\nUseBridges 1\n"));
        assert!(text.contains(OBFS4_PLUGIN_LINE));
        assert_eq!(torrc.bridges().len(), 1);
    }

    #[test]
    fn duplicate_is_not_added_twice() {
        let mut torrc = UserTorrc::default();
        assert!(torrc.add_bridge(&obfs4()));
        assert!(!torrc.add_bridge(&obfs4()));
        assert_eq!(torrc.bridges().len(), 1);
        assert_eq!(torrc.to_text().matches("UseBridges").count(), 1);
    }

    #[test]
    fn remove_last_bridge_clears_managed_lines() {
        let mut torrc = UserTorrc::default();
        torrc.add_bridge(&obfs4());
        torrc.add_bridge(&plain());
        assert_eq!(torrc.remove_bridge(1).unwrap(), obfs4().to_string());
        assert!(!torrc.to_text().contains("ClientTransportPlugin"));
        assert!(torrc.to_text().contains("UseBridges 1"));
        torrc.remove_bridge(1).unwrap();
        assert_eq!(torrc.to_text(), "");
    }

    #[test]
    fn remove_out_of_range() {
        let mut torrc = UserTorrc::default();
        torrc.add_bridge(&plain());
        for number in [0, 2] {
            let err = torrc.remove_bridge(number).unwrap_err();
            assert!(matches!(err, BridgeError::NoSuchBridge { count: 1, .. }));
            assert!(err.to_string().contains(&number.to_string()));
        }
    }

    #[test]
    fn user_plugin_line_is_kept() {
        let custom = "ClientTransportPlugin obfs4 exec /opt/obfs4proxy";
        let mut torrc = UserTorrc::parse(custom);
        torrc.add_bridge(&obfs4());
        assert!(!torrc.to_text().contains(OBFS4_PLUGIN_LINE));
        torrc.remove_bridge(1).unwrap();
        assert!(torrc.to_text().contains(custom));
    }

    #[test]
    fn comments_mentioning_bridge_are_not_bridges() {
        let torrc = UserTorrc::parse("# Bridge 1.2.3.4:1\nbridge 192.0.2.9:1\n");
        assert_eq!(torrc.bridges(), ["192.0.2.9:1"]);
    }

    #[test]
    fn save_and_load_round_trip() {
        let temp = tempfile::tempdir().unwrap();
        let path = temp.path().join("torrc");
        assert_eq!(UserTorrc::load(&path).unwrap(), UserTorrc::default());
        let mut torrc = UserTorrc::default();
        torrc.add_bridge(&plain());
        torrc.save(&path).unwrap();
        assert_eq!(UserTorrc::load(&path).unwrap(), torrc);
    }
}
