//! The pin file, `certs/cert_override.txt`: which certificate a given server must present.
//!
//! Format, one pin per line (blank lines and lines starting with `#` are ignored):
//!
//! ```text
//! # host:port  SHA-256 of the server's certificate (DER), hex, colons optional
//! irc.example.org:6697  3A:4F:...:9C
//! [2001:db8::1]:6697    3a4f...9c
//! ```
//!
//! The fingerprint is the one `openssl x509 -noout -fingerprint -sha256 -in cert.pem` prints.
//! A pinned server is accepted with exactly that certificate and with no other, even one a
//! public authority vouches for.

use crate::error::NetError;
use crate::hex;

/// The name of the pin file inside the certificates folder.
pub const PIN_FILE_NAME: &str = "cert_override.txt";

/// One server pin.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pin {
    /// The host name, lower case (IPv6 literals without brackets).
    pub host: String,
    /// The port.
    pub port: u16,
    /// SHA-256 of the certificate's DER encoding.
    pub sha256: [u8; 32],
}

/// Parses the pin file's text. An error names the line, never the line's content.
pub fn parse_pin_file(text: &str) -> Result<Vec<Pin>, NetError> {
    let mut pins = Vec::new();
    for (index, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let bad = |reason: &str| NetError::BadTrustFile {
            file: PIN_FILE_NAME.to_owned(),
            reason: format!("line {}: {reason}", index + 1),
        };
        let mut fields = line.split_whitespace();
        let (Some(address), Some(fingerprint), None) =
            (fields.next(), fields.next(), fields.next())
        else {
            return Err(bad("expected \"host:port SHA-256\""));
        };
        let (host, port) = address
            .rsplit_once(':')
            .ok_or_else(|| bad("the server must be written host:port"))?;
        let port: u16 = port
            .parse()
            .ok()
            .filter(|p| *p != 0)
            .ok_or_else(|| bad("the port is not a number from 1 to 65535"))?;
        let host = host
            .strip_prefix('[')
            .and_then(|h| h.strip_suffix(']'))
            .unwrap_or(host);
        if host.is_empty() {
            return Err(bad("the host is empty"));
        }
        let sha256 = hex::decode_sha256(fingerprint)
            .ok_or_else(|| bad("the fingerprint must be 64 hex digits (colons allowed)"))?;
        pins.push(Pin {
            host: host.to_ascii_lowercase(),
            port,
            sha256,
        });
    }
    Ok(pins)
}

#[cfg(test)]
mod tests;
