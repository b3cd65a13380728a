//! `WORD WORD KEY=VALUE KEY="quoted value"` lists, as tor writes them in replies and events,
//! and the quoting of values we send (control-spec 2.1, `QuotedString`).

use super::error::ProtocolError;

/// The words and `KEY=VALUE` pairs of one reply line, in order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Keywords {
    /// Words without `=` (such as `NOTICE BOOTSTRAP`).
    pub words: Vec<String>,
    /// `KEY=VALUE` pairs, quoted values unescaped.
    pub pairs: Vec<(String, String)>,
}

impl Keywords {
    /// The value of the first pair named `key`.
    pub fn get(&self, key: &str) -> Option<&str> {
        self.pairs
            .iter()
            .find(|(name, _)| name == key)
            .map(|(_, value)| value.as_str())
    }
}

/// Parses a space-separated list of words and `KEY=VALUE` pairs.
pub fn parse_keywords(text: &str) -> Result<Keywords, ProtocolError> {
    let mut keywords = Keywords::default();
    let mut rest = text.trim_start_matches(' ');
    while !rest.is_empty() {
        let token_end = rest.find([' ', '=']).unwrap_or(rest.len());
        let name = &rest[..token_end];
        if rest[token_end..].starts_with('=') {
            let after = &rest[token_end + 1..];
            let (value, remainder) = if after.starts_with('"') {
                parse_quoted(after)?
            } else {
                let end = after.find(' ').unwrap_or(after.len());
                (after[..end].to_owned(), &after[end..])
            };
            if name.is_empty() {
                return Err(malformed("a value without a key"));
            }
            keywords.pairs.push((name.to_owned(), value));
            rest = remainder;
        } else {
            keywords.words.push(name.to_owned());
            rest = &rest[token_end..];
        }
        if !rest.is_empty() && !rest.starts_with(' ') {
            return Err(malformed("no space after a quoted value"));
        }
        rest = rest.trim_start_matches(' ');
    }
    Ok(keywords)
}

/// Parses a quoted string at the start of `text`; returns it unescaped and the rest.
pub fn parse_quoted(text: &str) -> Result<(String, &str), ProtocolError> {
    let mut chars = text.char_indices();
    if chars.next().map(|(_, c)| c) != Some('"') {
        return Err(malformed("a quoted string must start with '\"'"));
    }
    let mut value = String::new();
    while let Some((index, c)) = chars.next() {
        match c {
            '"' => return Ok((value, &text[index + 1..])),
            '\\' => {
                let (_, escaped) = chars
                    .next()
                    .ok_or_else(|| malformed("a quoted string ends in a backslash"))?;
                match escaped {
                    'n' => value.push('\n'),
                    't' => value.push('\t'),
                    'r' => value.push('\r'),
                    '\\' | '"' | '\'' => value.push(escaped),
                    '0'..='7' => {
                        let mut code = escaped.to_digit(8).unwrap_or(0);
                        for _ in 0..2 {
                            let digit = chars
                                .next()
                                .and_then(|(_, c)| c.to_digit(8))
                                .ok_or_else(|| malformed("a bad octal escape"))?;
                            code = code * 8 + digit;
                        }
                        let byte = u8::try_from(code)
                            .map_err(|_| malformed("an octal escape above \\377"))?;
                        value.push(char::from(byte));
                    }
                    other => {
                        return Err(malformed(&format!("an unknown escape \\{other}")));
                    }
                }
            }
            _ => value.push(c),
        }
    }
    Err(malformed("a quoted string without its closing '\"'"))
}

/// Quotes `value` as a control-spec `QuotedString`: in double quotes, with `\\` and `\"`
/// escaped, so spaces, `=`, `/` and `+` (bridge lines, base64) stay one value.
///
/// `None` when the value holds a control character (a line break, a tab, NUL...): such a
/// value has no place in tor's configuration and could end the command line early.
pub fn quote(value: &str) -> Option<String> {
    let mut quoted = String::with_capacity(value.len() + 2);
    quoted.push('"');
    for c in value.chars() {
        match c {
            '"' | '\\' => {
                quoted.push('\\');
                quoted.push(c);
            }
            c if c.is_control() => return None,
            c => quoted.push(c),
        }
    }
    quoted.push('"');
    Some(quoted)
}

fn malformed(detail: &str) -> ProtocolError {
    ProtocolError::MalformedValue {
        detail: detail.to_owned(),
    }
}

#[cfg(test)]
mod tests;
