//! `PROTOCOLINFO` (control-spec 3.21): how tor wants to be authenticated, and its version.

use crate::error::ProtocolError;
use crate::keywords::parse_keywords;
use crate::reply::Reply;

/// What `PROTOCOLINFO` tells about authentication.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ProtocolInfo {
    /// Methods such as `COOKIE`, `SAFECOOKIE`, `HASHEDPASSWORD`, `NULL`.
    pub auth_methods: Vec<String>,
    /// The cookie file tor named, if any.
    pub cookie_file: Option<String>,
    /// Tor's version string.
    pub tor_version: Option<String>,
}

impl ProtocolInfo {
    /// Whether tor offers `method`.
    pub fn offers(&self, method: &str) -> bool {
        self.auth_methods.iter().any(|offered| offered == method)
    }

    /// Reads the `AUTH` and `VERSION` lines of a `PROTOCOLINFO` reply.
    pub(crate) fn from_reply(reply: &Reply) -> Result<Self, ProtocolError> {
        let mut info = Self::default();
        for line in &reply.lines {
            if let Some(rest) = line.text.strip_prefix("AUTH ") {
                let keywords = parse_keywords(rest)?;
                if let Some(methods) = keywords.get("METHODS") {
                    info.auth_methods = methods
                        .split(',')
                        .filter(|method| !method.is_empty())
                        .map(str::to_owned)
                        .collect();
                }
                info.cookie_file = keywords.get("COOKIEFILE").map(str::to_owned);
            } else if let Some(rest) = line.text.strip_prefix("VERSION ") {
                info.tor_version = parse_keywords(rest)?.get("Tor").map(str::to_owned);
            }
        }
        Ok(info)
    }
}

#[cfg(test)]
mod tests;
