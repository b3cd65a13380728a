//! IRCv3 capability negotiation, the bookkeeping part: what the server offers (`CAP LS 302`,
//! over several lines), what we asked for and what is enabled, `CAP NEW`/`CAP DEL` later.
//!
//! What we ask for serves our users and says nothing about them: see [`WANTED`]. Never
//! `away-notify` (we do not report away, and want no one's either), never a typing
//! notification (`+typing` is a client tag we never send).

use std::collections::{BTreeMap, BTreeSet};

/// The capabilities we request when offered (besides `sasl`, requested on its own).
pub const WANTED: &[&str] = &[
    "server-time",
    "message-tags",
    "echo-message",
    "multi-prefix",
    "userhost-in-names",
    "account-notify",
    "extended-join",
    "chghost",
    "invite-notify",
    "labeled-response",
    "batch",
    "cap-notify",
];

/// The most `CAP LS` lines accepted before negotiation is given up (a server that never ends
/// its list would otherwise hold the login forever).
pub const MAX_LS_LINES: u32 = 64;
/// The most capability text accepted in all.
pub const MAX_LS_BYTES: usize = 32 * 1024;

/// The outcome of one `CAP LS` line.
#[derive(Debug, PartialEq, Eq)]
pub enum Listing {
    /// More lines follow.
    More,
    /// The list is complete.
    Complete,
    /// The server exceeded [`MAX_LS_LINES`] or [`MAX_LS_BYTES`].
    Endless,
}

/// The negotiation's state for one connection.
#[derive(Debug, Default)]
pub struct Capabilities {
    offered: BTreeMap<String, Option<String>>,
    enabled: BTreeSet<String>,
    ls_lines: u32,
    ls_bytes: usize,
    ls_done: bool,
}

impl Capabilities {
    /// Adds one `CAP * LS [*] :list` line's capabilities.
    pub fn listed(&mut self, list: &str, more: bool) -> Listing {
        if self.ls_done {
            // A later LS (we never send one) changes nothing.
            return Listing::Complete;
        }
        self.ls_lines += 1;
        self.ls_bytes += list.len();
        if self.ls_lines > MAX_LS_LINES || self.ls_bytes > MAX_LS_BYTES {
            self.ls_done = true;
            return Listing::Endless;
        }
        self.add_offered(list);
        if more {
            Listing::More
        } else {
            self.ls_done = true;
            Listing::Complete
        }
    }

    /// `CAP NEW`: more capabilities offered.
    pub fn added(&mut self, list: &str) {
        self.add_offered(list);
    }

    /// `CAP DEL`: capabilities withdrawn (and so disabled).
    pub fn removed(&mut self, list: &str) {
        for name in names(list) {
            self.offered.remove(&name);
            self.enabled.remove(&name);
        }
    }

    /// `CAP ACK`: these are now on (or off, with a `-` prefix).
    pub fn acknowledged(&mut self, list: &str) {
        for item in list.split(' ').filter(|i| !i.is_empty()) {
            match item.strip_prefix('-') {
                Some(name) => {
                    self.enabled.remove(&name.to_ascii_lowercase());
                }
                None => {
                    self.enabled.insert(name_of(item));
                }
            }
        }
    }

    fn add_offered(&mut self, list: &str) {
        for item in list.split(' ').filter(|i| !i.is_empty()) {
            let (name, value) = match item.split_once('=') {
                Some((name, value)) => (name, Some(value.to_owned())),
                None => (item, None),
            };
            self.offered.insert(name.to_ascii_lowercase(), value);
        }
    }

    /// Whether the server offers `name`.
    pub fn offers(&self, name: &str) -> bool {
        self.offered.contains_key(name)
    }

    /// The value of an offered capability (`sasl=PLAIN,EXTERNAL`).
    pub fn value(&self, name: &str) -> Option<&str> {
        self.offered.get(name).and_then(|v| v.as_deref())
    }

    /// Whether `name` is enabled on this connection.
    pub fn enabled(&self, name: &str) -> bool {
        self.enabled.contains(name)
    }

    /// The wanted capabilities offered and not yet enabled.
    pub fn to_request(&self) -> Vec<&'static str> {
        WANTED
            .iter()
            .copied()
            .filter(|name| self.offers(name) && !self.enabled(name))
            .collect()
    }

    /// The SASL mechanisms listed with `sasl` (3.2), `None` when listed without (3.1).
    pub fn sasl_mechanisms(&self) -> Option<Vec<String>> {
        self.value("sasl")
            .filter(|list| !list.is_empty())
            .map(|list| list.split(',').map(str::to_owned).collect())
    }
}

fn name_of(item: &str) -> String {
    item.split('=').next().unwrap_or("").to_ascii_lowercase()
}

fn names(list: &str) -> impl Iterator<Item = String> + '_ {
    list.split(' ').filter(|i| !i.is_empty()).map(name_of)
}

#[cfg(test)]
mod tests;
