//! Lines on the wire. We frame lines ourselves and parse each with irc-proto's `Message`,
//! instead of irc-proto's `IrcCodec`, because that codec (1.1.0) buffers a line of any length
//! (a server could fill our memory), turns one malformed line into a fatal stream error, and
//! copies the offending line, chat text included, into its error message.
//!
//! Here a line longer than [`MAX_INCOMING_LINE`] is discarded up to its end and reported as
//! [`Incoming::Overlong`]; a line that is not UTF-8 is read as Latin-1 (what other clients do
//! for old European channels) rather than rejected.

use bytes::{Buf, BufMut, BytesMut};
use tokio_util::codec::{Decoder, Encoder};

/// The longest line we accept: 512 bytes plus IRCv3's 8191 bytes of message tags.
pub const MAX_INCOMING_LINE: usize = 512 + 8191;

/// One framed line from the server.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Incoming {
    /// A line, without its CR LF.
    Line(String),
    /// A line longer than [`MAX_INCOMING_LINE`] was skipped.
    Overlong,
}

/// The line framing codec.
#[derive(Debug, Default)]
pub struct LineCodec {
    /// Bytes already searched for a newline in the buffer.
    searched: usize,
    /// We are skipping the rest of an over-long line.
    discarding: bool,
}

impl Decoder for LineCodec {
    type Item = Incoming;
    type Error = std::io::Error;

    fn decode(&mut self, src: &mut BytesMut) -> Result<Option<Incoming>, std::io::Error> {
        loop {
            let newline = src[self.searched..]
                .iter()
                .position(|b| *b == b'\n')
                .map(|offset| self.searched + offset);
            match newline {
                Some(end) => {
                    let line = src.split_to(end + 1);
                    self.searched = 0;
                    if std::mem::take(&mut self.discarding) {
                        return Ok(Some(Incoming::Overlong));
                    }
                    if line.len() > MAX_INCOMING_LINE {
                        return Ok(Some(Incoming::Overlong));
                    }
                    let text = &line[..line.len() - 1];
                    let text = text.strip_suffix(b"\r").unwrap_or(text);
                    if text.is_empty() {
                        continue;
                    }
                    return Ok(Some(Incoming::Line(decode_text(text))));
                }
                None if src.len() > MAX_INCOMING_LINE => {
                    // Drop what we have and keep dropping until the newline.
                    src.advance(src.len());
                    self.searched = 0;
                    self.discarding = true;
                    return Ok(None);
                }
                None => {
                    self.searched = src.len();
                    return Ok(None);
                }
            }
        }
    }

    fn decode_eof(&mut self, src: &mut BytesMut) -> Result<Option<Incoming>, std::io::Error> {
        // A last line without newline at close is not a complete message: drop it.
        match self.decode(src)? {
            Some(item) => Ok(Some(item)),
            None => {
                src.clear();
                self.searched = 0;
                Ok(None)
            }
        }
    }
}

/// Decodes a line: UTF-8 if it is, else Latin-1 (every byte is a character).
fn decode_text(bytes: &[u8]) -> String {
    match std::str::from_utf8(bytes) {
        Ok(text) => text.to_owned(),
        Err(_) => bytes.iter().map(|b| char::from(*b)).collect(),
    }
}

impl Encoder<String> for LineCodec {
    type Error = std::io::Error;

    /// Writes one line; any CR, LF or NUL inside is removed first so no text can smuggle a
    /// second command onto the wire.
    fn encode(&mut self, line: String, dst: &mut BytesMut) -> Result<(), std::io::Error> {
        let line = line.trim_end_matches(['\r', '\n']);
        dst.reserve(line.len() + 2);
        for byte in line.bytes().filter(|b| !matches!(b, b'\r' | b'\n' | b'\0')) {
            dst.put_u8(byte);
        }
        dst.put_slice(b"\r\n");
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decode_all(codec: &mut LineCodec, buf: &mut BytesMut) -> Vec<Incoming> {
        let mut out = Vec::new();
        while let Some(item) = codec.decode(buf).unwrap() {
            out.push(item);
        }
        out
    }

    #[test]
    fn frames_crlf_and_lf_and_skips_empty_lines() {
        let mut codec = LineCodec::default();
        let mut buf = BytesMut::from(&b"PING :a\r\n\r\nPING :b\nPART"[..]);
        assert_eq!(
            decode_all(&mut codec, &mut buf),
            vec![
                Incoming::Line("PING :a".into()),
                Incoming::Line("PING :b".into())
            ]
        );
        buf.extend_from_slice(b" #x\r\n");
        assert_eq!(
            decode_all(&mut codec, &mut buf),
            vec![Incoming::Line("PART #x".into())]
        );
    }

    #[test]
    fn overlong_line_is_skipped_in_bounded_memory() {
        let mut codec = LineCodec::default();
        let mut buf = BytesMut::new();
        let mut seen = Vec::new();
        for _ in 0..100 {
            buf.extend_from_slice(&[b'x'; 1024]);
            seen.extend(decode_all(&mut codec, &mut buf));
            assert!(buf.len() <= MAX_INCOMING_LINE + 1024);
        }
        buf.extend_from_slice(b"\r\nPING :ok\r\n");
        seen.extend(decode_all(&mut codec, &mut buf));
        assert_eq!(
            seen,
            vec![Incoming::Overlong, Incoming::Line("PING :ok".into())]
        );
    }

    #[test]
    fn invalid_utf8_reads_as_latin1() {
        let mut codec = LineCodec::default();
        let mut buf = BytesMut::from(&b"PRIVMSG #a :caf\xe9 \xff\r\n"[..]);
        assert_eq!(
            decode_all(&mut codec, &mut buf),
            vec![Incoming::Line("PRIVMSG #a :café ÿ".into())]
        );
    }

    #[test]
    fn encoder_removes_injected_line_breaks() {
        let mut codec = LineCodec::default();
        let mut buf = BytesMut::new();
        codec
            .encode("PRIVMSG #a :hi\r\nQUIT :x\0".to_owned(), &mut buf)
            .unwrap();
        assert_eq!(&buf[..], b"PRIVMSG #a :hiQUIT :x\r\n");
    }
}
