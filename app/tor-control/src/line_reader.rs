//! Reads CRLF-terminated lines with a length limit (an unbounded `read_line` would let a
//! misbehaving peer fill memory).

use tokio::io::{AsyncBufRead, AsyncBufReadExt};

use super::error::{ControlError, ProtocolError};
use super::reply::MAX_LINE_LEN;

/// Reads one line without its `\r\n` (or `\n`). `Ok(None)` at a clean end of stream.
pub async fn read_line<R: AsyncBufRead + Unpin>(
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
mod tests {
    use super::*;

    #[tokio::test]
    async fn splits_crlf_and_lf() {
        let mut input: &[u8] = b"250 OK\r\n650 X\nlast";
        assert_eq!(read_line(&mut input).await.unwrap().unwrap(), "250 OK");
        assert_eq!(read_line(&mut input).await.unwrap().unwrap(), "650 X");
        assert!(matches!(
            read_line(&mut input).await,
            Err(ControlError::Closed)
        ));
    }

    #[tokio::test]
    async fn clean_end() {
        let mut input: &[u8] = b"";
        assert!(read_line(&mut input).await.unwrap().is_none());
    }

    #[tokio::test]
    async fn limits_length() {
        let long = vec![b'x'; MAX_LINE_LEN + 10];
        let mut input: &[u8] = &long;
        assert!(matches!(
            read_line(&mut input).await,
            Err(ControlError::Protocol(ProtocolError::LineTooLong { .. }))
        ));
    }

    #[tokio::test]
    async fn invalid_utf8_is_kept_lossy() {
        let mut input: &[u8] = b"650 NOTICE \xff\r\n";
        assert_eq!(
            read_line(&mut input).await.unwrap().unwrap(),
            "650 NOTICE \u{fffd}"
        );
    }
}
