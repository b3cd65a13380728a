//! Replies of tor's control protocol (control-spec section 2.3), parsed line by line.
//!
//! A reply is a run of lines sharing one status code: `250-` mid lines, `250+` lines followed
//! by a data block ending in a lone `.`, and one `250 ` end line. Status `650` marks an
//! asynchronous event rather than the answer to a command.

use super::error::ProtocolError;

/// Longest line accepted from tor. Tor's own lines are far shorter; the limit stops a
/// misbehaving peer from growing memory without end.
pub const MAX_LINE_LEN: usize = 64 * 1024;

/// Largest reply (all lines and data together) accepted from tor.
pub const MAX_REPLY_LEN: usize = 16 * 1024 * 1024;

/// Status code of asynchronous event replies.
pub(crate) const ASYNC_EVENT_STATUS: u16 = 650;

/// One line of a reply, with the data block that followed it if it was a `+` line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReplyLine {
    /// The three-digit status code.
    pub status: u16,
    /// The text after the status code and separator.
    pub text: String,
    /// The data block of a `+` line, dot-unescaped, lines joined with `\n`.
    pub data: Option<String>,
}

/// A complete reply from tor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reply {
    /// The status code of the end line.
    pub status: u16,
    /// Every line, the end line last.
    pub lines: Vec<ReplyLine>,
}

impl Reply {
    /// `250` or `251`: the command succeeded.
    pub fn is_ok(&self) -> bool {
        matches!(self.status, 250 | 251)
    }

    /// An asynchronous event (`650`) rather than the answer to a command.
    pub fn is_async_event(&self) -> bool {
        self.status == ASYNC_EVENT_STATUS
    }

    /// The text of the end line (for errors: tor's explanation).
    pub fn message(&self) -> &str {
        self.lines.last().map_or("", |line| line.text.as_str())
    }
}

/// Builds replies from lines, one at a time.
#[derive(Debug, Default)]
pub struct ReplyParser {
    lines: Vec<ReplyLine>,
    /// The `+` line whose data block is being read, and the data read so far.
    data_block: Option<(ReplyLine, String)>,
    size: usize,
}

impl ReplyParser {
    /// A parser expecting the first line of a reply.
    pub fn new() -> Self {
        Self::default()
    }

    /// Feeds one line (without its CRLF or LF). Returns a reply once its end line arrived.
    pub fn feed_line(&mut self, line: &str) -> Result<Option<Reply>, ProtocolError> {
        if line.len() > MAX_LINE_LEN {
            return Err(ProtocolError::LineTooLong {
                limit: MAX_LINE_LEN,
            });
        }
        self.size += line.len() + 1;
        if self.size > MAX_REPLY_LEN {
            return Err(ProtocolError::ReplyTooLarge {
                limit: MAX_REPLY_LEN,
            });
        }
        if let Some((head, mut data)) = self.data_block.take() {
            if line == "." {
                let mut head = head;
                head.data = Some(data);
                self.lines.push(head);
            } else {
                // A leading dot is doubled on the wire so a lone "." can end the block.
                let unescaped = line.strip_prefix('.').unwrap_or(line);
                if !data.is_empty() {
                    data.push('\n');
                }
                data.push_str(unescaped);
                self.data_block = Some((head, data));
            }
            return Ok(None);
        }
        let (status, separator, text) = split_status_line(line)?;
        if let Some(first) = self.lines.first()
            && first.status != status
        {
            return Err(ProtocolError::MixedStatus {
                first: first.status,
                then: status,
            });
        }
        let reply_line = ReplyLine {
            status,
            text: text.to_owned(),
            data: None,
        };
        match separator {
            '-' => {
                self.lines.push(reply_line);
                Ok(None)
            }
            '+' => {
                self.data_block = Some((reply_line, String::new()));
                Ok(None)
            }
            _ => {
                // ' ': the end line.
                self.lines.push(reply_line);
                self.size = 0;
                Ok(Some(Reply {
                    status,
                    lines: std::mem::take(&mut self.lines),
                }))
            }
        }
    }

    /// True when no reply is half-read (a clean point for the connection to end).
    pub fn is_idle(&self) -> bool {
        self.lines.is_empty() && self.data_block.is_none()
    }
}

/// Splits `250-text` into (250, '-', "text"), checking the code and the separator.
fn split_status_line(line: &str) -> Result<(u16, char, &str), ProtocolError> {
    let bad = || ProtocolError::MalformedLine {
        line: shorten(line),
    };
    let code = line.get(..3).ok_or_else(bad)?;
    if !code.bytes().all(|byte| byte.is_ascii_digit()) {
        return Err(bad());
    }
    let status: u16 = code.parse().map_err(|_| bad())?;
    if !(100..=699).contains(&status) {
        return Err(bad());
    }
    let separator = line[3..].chars().next().ok_or_else(bad)?;
    if !matches!(separator, ' ' | '-' | '+') {
        return Err(bad());
    }
    Ok((status, separator, &line[4..]))
}

/// The start of a bad line, for an error message (never a whole, possibly huge, line).
fn shorten(line: &str) -> String {
    const SHOWN: usize = 80;
    match line.char_indices().nth(SHOWN) {
        Some((cut, _)) => format!("{}...", &line[..cut]),
        None => line.to_owned(),
    }
}

#[cfg(test)]
mod tests;
