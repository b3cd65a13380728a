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
mod tests;
