//! `pt_config`: which program runs each pluggable transport, and the built-in bridges.
//!
//! Our own line format (described in the crate's README): `source ...`, then
//! `transport NAME PROGRAM` per transport, then `bridge LINE` per built-in bridge. The bundle
//! ships it as `tor/pluggable_transports/pt_config`; the launcher and the messenger carry the
//! same file built in for development runs.

use std::path::Path;

use crate::line::{BridgeLine, LineError};
use crate::transport::Transport;

/// The file's name, in the bundle's [`PT_DIR`].
pub const PT_CONFIG_FILE: &str = "pt_config";

/// The bundle's folder of transports, relative to the bundle: `tor/pluggable_transports`.
pub const PT_DIR: &str = "tor/pluggable_transports";

/// The copy built into the programs (`app/bridges/pt_config`).
const BUILT_IN: &str = include_str!("../pt_config");

/// A `pt_config` that cannot be used.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum PtConfigError {
    /// The file could not be read.
    #[error("cannot read {path}: {source}")]
    Read {
        /// The file.
        path: String,
        /// The system's reason.
        source: std::io::Error,
    },
    /// A line is not in the format.
    #[error("{file} line {number}: {detail}")]
    Syntax {
        /// The file (or "built-in").
        file: String,
        /// The line's number, from 1.
        number: usize,
        /// What is wrong.
        detail: String,
    },
    /// A built-in bridge line does not parse.
    #[error("{file} line {number}: {source}")]
    Bridge {
        /// The file (or "built-in").
        file: String,
        /// The line's number, from 1.
        number: usize,
        /// Why the bridge line is refused.
        source: LineError,
    },
}

/// The transports and built-in bridges (the default: none).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PtConfig {
    /// Where the built-in bridges come from (repository, file, commit, the day taken).
    pub source: String,
    /// Each transport and the file name of its program in [`PT_DIR`].
    pub transports: Vec<(Transport, String)>,
    /// The built-in bridges, in file order.
    pub bridges: Vec<BridgeLine>,
}

impl PtConfig {
    /// The copy built into this program.
    pub fn built_in() -> Result<PtConfig, PtConfigError> {
        PtConfig::parse(BUILT_IN, "built-in pt_config")
    }

    /// Reads `path`; `Ok(None)` when it does not exist (a development run).
    pub fn load(path: &Path) -> Result<Option<PtConfig>, PtConfigError> {
        match std::fs::read_to_string(path) {
            Ok(text) => PtConfig::parse(&text, &path.display().to_string()).map(Some),
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(source) => Err(PtConfigError::Read {
                path: path.display().to_string(),
                source,
            }),
        }
    }

    /// The bundle's file if the bundle at `bundle_dir` has one, else the built-in copy.
    pub fn for_bundle(bundle_dir: &Path) -> Result<PtConfig, PtConfigError> {
        match PtConfig::load(&bundle_dir.join(PT_DIR).join(PT_CONFIG_FILE))? {
            Some(config) => Ok(config),
            None => PtConfig::built_in(),
        }
    }

    /// Parses the text; `file` names it in errors.
    pub fn parse(text: &str, file: &str) -> Result<PtConfig, PtConfigError> {
        let mut config = PtConfig {
            source: String::new(),
            transports: Vec::new(),
            bridges: Vec::new(),
        };
        for (index, line) in text.lines().enumerate() {
            let number = index + 1;
            let syntax = |detail: String| PtConfigError::Syntax {
                file: file.to_owned(),
                number,
                detail,
            };
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let (keyword, rest) = line.split_once(' ').unwrap_or((line, ""));
            let rest = rest.trim();
            match keyword {
                "source" => config.source = rest.to_owned(),
                "transport" => {
                    let words: Vec<&str> = rest.split_whitespace().collect();
                    let [name, program] = words[..] else {
                        return Err(syntax(
                            "`transport` takes a name and a program file name".to_owned(),
                        ));
                    };
                    let transport = Transport::from_name(name)
                        .ok_or_else(|| syntax(format!("unknown transport {name:?}")))?;
                    if program.contains('/') || program.starts_with('.') {
                        return Err(syntax(format!(
                            "the program {program:?} must be a file name in the transports folder"
                        )));
                    }
                    if config.transports.iter().any(|(seen, _)| *seen == transport) {
                        return Err(syntax(format!("transport {name} is named twice")));
                    }
                    config.transports.push((transport, program.to_owned()));
                }
                "bridge" => {
                    let bridge =
                        BridgeLine::parse(rest).map_err(|source| PtConfigError::Bridge {
                            file: file.to_owned(),
                            number,
                            source,
                        })?;
                    let Some(transport) = bridge.transport else {
                        return Err(syntax("a built-in bridge needs a transport".to_owned()));
                    };
                    if config.program(transport).is_none() {
                        return Err(syntax(format!(
                            "a {transport} bridge, but no `transport {transport}` line before it"
                        )));
                    }
                    config.bridges.push(bridge);
                }
                other => return Err(syntax(format!("unknown keyword {other:?}"))),
            }
        }
        Ok(config)
    }

    /// The program file name of `transport`, if the bundle ships it.
    pub fn program(&self, transport: Transport) -> Option<&str> {
        self.transports
            .iter()
            .find(|(known, _)| *known == transport)
            .map(|(_, program)| program.as_str())
    }

    /// The built-in bridges of `transport`.
    pub fn built_in_bridges(&self, transport: Transport) -> Vec<BridgeLine> {
        self.bridges
            .iter()
            .filter(|bridge| bridge.transport == Some(transport))
            .cloned()
            .collect()
    }
}

#[cfg(test)]
mod tests;
