//! SAFECOOKIE authentication (control-spec 3.5, 3.24), the only method this client uses.
//!
//! Plain `COOKIE` sends the cookie itself: a program listening where tor should be would
//! learn it (or, told to use another file, any 32-byte file). With SAFECOOKIE both sides
//! prove they know the cookie with an HMAC over fresh nonces, and tor proves it first.

use std::path::{Path, PathBuf};

use hmac::{KeyInit, Mac};
use sha2::Sha256;

use super::client::ControlClient;
use super::command::Command;
use super::error::{ControlError, ProtocolError};
use super::keywords::parse_keywords;

/// Tor's cookie files hold exactly this many bytes.
const COOKIE_LEN: usize = 32;
const SERVER_HASH_KEY: &[u8] = b"Tor safe cookie authentication server-to-controller hash";
const CLIENT_HASH_KEY: &[u8] = b"Tor safe cookie authentication controller-to-server hash";

type HmacSha256 = hmac::Hmac<Sha256>;

impl ControlClient {
    /// Authenticates with SAFECOOKIE.
    ///
    /// `cookie_path` is the cookie file the caller expects (such as the one in the data
    /// directory of the tor the launcher started); without it, the file tor names in
    /// `PROTOCOLINFO` is used, which is safe with SAFECOOKIE: tor must prove it knows the
    /// file's content before we answer, and our answer does not reveal it. A tor that does
    /// not offer SAFECOOKIE is refused ([`ControlError::NoUsableAuthMethod`]).
    /// Returns the cookie file used.
    pub async fn authenticate(
        &mut self,
        cookie_path: Option<&Path>,
    ) -> Result<PathBuf, ControlError> {
        let info = self.protocol_info().await?;
        if !info.offers("SAFECOOKIE") {
            return Err(ControlError::NoUsableAuthMethod {
                methods: info.auth_methods.join(","),
            });
        }
        let path = match (cookie_path, &info.cookie_file) {
            (Some(path), _) => path.to_path_buf(),
            (None, Some(named)) => PathBuf::from(named),
            (None, None) => {
                return Err(unexpected("PROTOCOLINFO", "SAFECOOKIE without a COOKIEFILE").into());
            }
        };
        let cookie = read_cookie(&path)?;
        self.authenticate_safecookie(&cookie).await?;
        Ok(path)
    }

    async fn authenticate_safecookie(&mut self, cookie: &[u8]) -> Result<(), ControlError> {
        let mut client_nonce = [0u8; 32];
        getrandom::fill(&mut client_nonce)
            .map_err(|error| ControlError::Random(error.to_string()))?;
        let reply = self.send(&Command::auth_challenge(&client_nonce)).await?;
        let text = reply
            .message()
            .strip_prefix("AUTHCHALLENGE ")
            .ok_or_else(|| unexpected("AUTHCHALLENGE", "no AUTHCHALLENGE in the reply"))?;
        let keywords = parse_keywords(text)?;
        let server_hash = decode_hex(keywords.get("SERVERHASH"), "SERVERHASH")?;
        let server_nonce = decode_hex(keywords.get("SERVERNONCE"), "SERVERNONCE")?;
        let mut message = Vec::with_capacity(cookie.len() + 64);
        message.extend_from_slice(cookie);
        message.extend_from_slice(&client_nonce);
        message.extend_from_slice(&server_nonce);
        let mut expected = hmac_for(SERVER_HASH_KEY)?;
        expected.update(&message);
        // Constant-time comparison, so timing does not reveal how much of the hash matched.
        expected
            .verify_slice(&server_hash)
            .map_err(|_| ControlError::ServerHashMismatch)?;
        let mut client_hash = hmac_for(CLIENT_HASH_KEY)?;
        client_hash.update(&message);
        self.send(&Command::authenticate(&client_hash.finalize().into_bytes()))
            .await
            .map(drop)
    }
}

fn hmac_for(key: &[u8]) -> Result<HmacSha256, ControlError> {
    // HMAC takes keys of any length; the error branch cannot happen with a fixed key.
    HmacSha256::new_from_slice(key)
        .map_err(|_| unexpected("AUTHCHALLENGE", "HMAC refused its key").into())
}

fn decode_hex(value: Option<&str>, name: &str) -> Result<Vec<u8>, ControlError> {
    let value =
        value.ok_or_else(|| unexpected("AUTHCHALLENGE", &format!("no {name} in the reply")))?;
    hex::decode(value)
        .map_err(|_| unexpected("AUTHCHALLENGE", &format!("{name} is not hex")).into())
}

fn unexpected(command: &'static str, detail: &str) -> ProtocolError {
    ProtocolError::UnexpectedReply {
        command,
        detail: detail.to_owned(),
    }
}

/// Reads the cookie, checking it has tor's length.
pub fn read_cookie(path: &Path) -> Result<Vec<u8>, ControlError> {
    let cookie = std::fs::read(path).map_err(|source| ControlError::CookieRead {
        path: path.to_path_buf(),
        source,
    })?;
    if cookie.len() != COOKIE_LEN {
        return Err(ControlError::CookieLength {
            path: path.to_path_buf(),
            len: cookie.len(),
        });
    }
    Ok(cookie)
}

#[cfg(test)]
mod tests;
