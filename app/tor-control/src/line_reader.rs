//! Reads CRLF-terminated lines with a length limit (an unbounded `read_line` would let a
//! misbehaving peer fill memory).

use tokio::io::{AsyncBufRead, AsyncBufReadExt};

use super::error::{ControlError, ProtocolError};
use super::reply::MAX_LINE_LEN;

/// Reads one line without its `\r\n` (or `\n`). `Ok(None)` at a clean end of stream.
pub(crate) async fn read_line<R: AsyncBufRead + Unpin>(
    reader: &mut R,
) -> Result<Option<String>, ControlError> {
    let mut bytes = Vec::new();
    loop {
        let available = reader.fill_buf().await?;
        if available.is_empty() {
            if bytes.is_empty() {
                return Ok(None);
            }
            // A last line without its newline: the peer went away mid-line.
            return Err(ControlError::Closed);
        }
        let (taken, found_newline) = match available.iter().position(|byte| *byte == b'\n') {
            Some(index) => (index + 1, true),
            None => (available.len(), false),
        };
        bytes.extend_from_slice(&available[..taken]);
        reader.consume(taken);
        if bytes.len() > MAX_LINE_LEN + 2 {
            return Err(ProtocolError::LineTooLong {
                limit: MAX_LINE_LEN,
            }
            .into());
        }
        if found_newline {
            bytes.pop();
            if bytes.last() == Some(&b'\r') {
                bytes.pop();
            }
            // Tor's log messages may carry bytes from file names that are not UTF-8; keep
            // the line readable rather than failing the connection.
            return Ok(Some(String::from_utf8_lossy(&bytes).into_owned()));
        }
    }
}

#[cfg(test)]
mod tests;
