//! Configuration options as `GETCONF` returns them and `SETCONF`/`RESETCONF` take them.

use crate::error::ProtocolError;
use crate::keywords::parse_quoted;
use crate::reply::Reply;

/// One option and its value. An option with several values (such as `Bridge`) is several
/// entries with the same key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigEntry {
    /// The option's name, such as `Bridge`.
    pub key: String,
    /// Its value; `None` in a `GETCONF` answer when the option is unset (at its default),
    /// and in `SETCONF` to reset it.
    pub value: Option<String>,
}

impl ConfigEntry {
    /// `key` set to `value`.
    pub fn new(key: impl Into<String>, value: impl Into<String>) -> Self {
        Self {
            key: key.into(),
            value: Some(value.into()),
        }
    }

    /// `key` without a value: back to its default.
    pub fn reset(key: impl Into<String>) -> Self {
        Self {
            key: key.into(),
            value: None,
        }
    }

    /// The entries of a `GETCONF` reply: `250-Key=Value` lines, or `250 Key` for an option
    /// at its default.
    pub(crate) fn from_reply(reply: &Reply) -> Result<Vec<Self>, ProtocolError> {
        reply
            .lines
            .iter()
            .map(|line| {
                let text = line.text.as_str();
                match text.split_once('=') {
                    None if !text.is_empty() && !text.contains(' ') => Ok(Self::reset(text)),
                    None => Err(ProtocolError::UnexpectedReply {
                        command: "GETCONF",
                        detail: "a line that is not KEY or KEY=VALUE".to_owned(),
                    }),
                    Some((key, value)) => {
                        // Tor sends values as they are; a value that is one whole quoted
                        // string is unquoted, as the spec allows either form.
                        let value = match parse_quoted(value) {
                            Ok((unquoted, "")) => unquoted,
                            _ => value.to_owned(),
                        };
                        Ok(Self::new(key, value))
                    }
                }
            })
            .collect()
    }
}

#[cfg(test)]
mod tests;
