//! From a line to (source, command, parameters) with irc-proto's parser, and from a command
//! and parameters to a line with irc-proto's serializer (which adds the `:` before a trailing
//! parameter exactly when it is needed).

use std::str::FromStr;

use irc_proto::{Message, Prefix};

/// Who sent a line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// A user: their nick.
    User(String),
    /// A server (or no prefix at all).
    Server(String),
}

/// A parsed line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    /// Who sent it.
    pub source: Source,
    /// The command, upper case, or a three-digit numeric.
    pub command: String,
    /// The parameters, the trailing one included.
    pub params: Vec<String>,
    /// IRCv3 message tags (values unescaped), in the order sent.
    pub tags: Vec<(String, Option<String>)>,
}

impl Line {
    /// Parameter `index`, or "".
    pub fn param(&self, index: usize) -> &str {
        self.params.get(index).map_or("", String::as_str)
    }

    /// The value of tag `name` (`Some("")` for a tag without value).
    pub fn tag(&self, name: &str) -> Option<&str> {
        self.tags
            .iter()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.as_deref().unwrap_or(""))
    }

    /// The numeric reply code, if the command is one.
    pub fn numeric(&self) -> Option<u16> {
        if self.command.len() == 3 {
            self.command.parse().ok()
        } else {
            None
        }
    }
}

/// Parses one line (without CR LF). `None` for a line irc-proto cannot parse.
pub fn parse_line(text: &str) -> Option<Line> {
    let message = Message::from_str(text).ok()?;
    let source = match &message.prefix {
        Some(Prefix::Nickname(nick, _, _)) => Source::User(nick.clone()),
        Some(Prefix::ServerName(name)) => Source::Server(name.clone()),
        None => Source::Server(String::new()),
    };
    // irc-proto's typed commands serialize back to their canonical text; splitting that
    // gives one uniform view over typed commands, numerics and raw ones.
    let canonical = String::from(&message.command);
    let (command, params) = split_params(&canonical);
    let tags = message
        .tags
        .unwrap_or_default()
        .into_iter()
        .map(|tag| (tag.0, tag.1))
        .collect();
    Some(Line {
        source,
        command: command.to_ascii_uppercase(),
        params,
        tags,
    })
}

fn split_params(text: &str) -> (String, Vec<String>) {
    let (head, trailing) = match text.find(" :") {
        Some(i) => (&text[..i], Some(&text[i + 2..])),
        None => (text, None),
    };
    let mut words = head.split(' ').filter(|w| !w.is_empty());
    let command = words.next().unwrap_or("").to_owned();
    let mut params: Vec<String> = words.map(str::to_owned).collect();
    if let Some(trailing) = trailing {
        params.push(trailing.to_owned());
    }
    (command, params)
}

/// Builds a line from a command and parameters (the last may contain spaces).
pub fn build_line(command: &str, params: &[&str]) -> Option<String> {
    let message = Message::new(None, command, params.to_vec()).ok()?;
    let mut text = message.to_string();
    while text.ends_with(['\r', '\n']) {
        text.pop();
    }
    Some(text)
}

/// IRC's case folding (RFC 1459: `[]\~` are the upper case of `{}|^`).
pub fn fold_case(name: &str) -> String {
    name.chars()
        .map(|c| match c {
            '[' => '{',
            ']' => '}',
            '\\' => '|',
            '~' => '^',
            c => c.to_ascii_lowercase(),
        })
        .collect()
}

#[cfg(test)]
mod tests;
