//! SASL PLAIN (RFC 4616) for IRC's `AUTHENTICATE`: the credentials base64-encoded and cut in
//! 400-byte pieces, with a lone `+` after an exact multiple of 400 (IRCv3 SASL).

use base64::Engine;

/// The `AUTHENTICATE` payloads that carry `account` and `password`.
pub(crate) fn plain_payloads(account: &str, password: &str) -> Vec<String> {
    let raw = format!("{account}\0{account}\0{password}");
    let encoded = base64::engine::general_purpose::STANDARD.encode(raw.as_bytes());
    let mut pieces: Vec<String> = encoded
        .as_bytes()
        .chunks(400)
        // Base64 is ASCII, so every chunk is valid UTF-8.
        .map(|chunk| String::from_utf8_lossy(chunk).into_owned())
        .collect();
    if encoded.len() % 400 == 0 {
        pieces.push("+".to_owned());
    }
    pieces
}

#[cfg(test)]
mod tests;
