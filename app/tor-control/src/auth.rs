//! Cookie authentication (control-spec 3.5, 3.24): SAFECOOKIE when tor offers it, else COOKIE.

use std::path::{Path, PathBuf};

use hmac::{KeyInit, Mac};
use sha2::Sha256;

use super::client::ControlClient;
use super::error::{ControlError, ProtocolError};
use super::keywords::parse_keywords;

/// Tor's cookie files hold exactly this many bytes.
const COOKIE_LEN: usize = 32;
const SERVER_HASH_KEY: &[u8] = b"Tor safe cookie authentication server-to-controller hash";
const CLIENT_HASH_KEY: &[u8] = b"Tor safe cookie authentication controller-to-server hash";

type HmacSha256 = hmac::Hmac<Sha256>;

impl ControlClient {
    /// Authenticates with tor's cookie.
    ///
    /// `cookie_path` is the file the launcher expects (inside the data directory of the tor it
    /// started). Only without it is the path tor names in `PROTOCOLINFO` used: with plain
    /// COOKIE, a program posing as tor could otherwise make us send any 32-byte file.
    /// Returns the cookie file used.
    pub async fn authenticate(
        &mut self,
        cookie_path: Option<&Path>,
    ) -> Result<PathBuf, ControlError> {
        let info = self.protocol_info().await?;
        let path = match (cookie_path, &info.cookie_file) {
            (Some(path), _) => path.to_path_buf(),
            (None, Some(named)) => PathBuf::from(named),
            (None, None) => {
                return Err(ControlError::NoUsableAuthMethod {
                    methods: info.auth_methods.join(","),
                });
            }
        };
        let offers = |method: &str| info.auth_methods.iter().any(|offered| offered == method);
        if offers("SAFECOOKIE") {
            let cookie = read_cookie(&path)?;
            self.authenticate_safecookie(&cookie).await?;
        } else if offers("COOKIE") {
            let cookie = read_cookie(&path)?;
            let line = format!("AUTHENTICATE {}", hex::encode(cookie));
            self.command("AUTHENTICATE", &line).await?;
        } else {
            return Err(ControlError::NoUsableAuthMethod {
                methods: info.auth_methods.join(","),
            });
        }
        Ok(path)
    }

    async fn authenticate_safecookie(&mut self, cookie: &[u8]) -> Result<(), ControlError> {
        let mut client_nonce = [0u8; 32];
        getrandom::fill(&mut client_nonce)
            .map_err(|error| ControlError::Random(error.to_string()))?;
        let line = format!("AUTHCHALLENGE SAFECOOKIE {}", hex::encode(client_nonce));
        let reply = self.command("AUTHCHALLENGE", &line).await?;
        let text = reply
            .message()
            .strip_prefix("AUTHCHALLENGE ")
            .ok_or_else(|| unexpected("no AUTHCHALLENGE in the reply"))?;
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
        let line = format!(
            "AUTHENTICATE {}",
            hex::encode(client_hash.finalize().into_bytes())
        );
        self.command("AUTHENTICATE", &line).await.map(drop)
    }
}

fn hmac_for(key: &[u8]) -> Result<HmacSha256, ControlError> {
    // HMAC takes keys of any length; the error branch cannot happen with a fixed key.
    HmacSha256::new_from_slice(key).map_err(|_| unexpected("HMAC refused its key").into())
}

fn decode_hex(value: Option<&str>, name: &str) -> Result<Vec<u8>, ControlError> {
    let value = value.ok_or_else(|| unexpected(&format!("no {name} in the reply")))?;
    hex::decode(value).map_err(|_| unexpected(&format!("{name} is not hex")).into())
}

fn unexpected(detail: &str) -> ProtocolError {
    ProtocolError::UnexpectedReply {
        command: "AUTHCHALLENGE",
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
mod tests {
    use super::*;

    #[test]
    fn cookie_of_wrong_length_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("cookie");
        std::fs::write(&path, b"short").unwrap();
        assert!(matches!(
            read_cookie(&path),
            Err(ControlError::CookieLength { len: 5, .. })
        ));
    }

    #[test]
    fn missing_cookie_names_the_file() {
        let err = read_cookie(Path::new("/nonexistent/cookie")).unwrap_err();
        assert!(err.to_string().contains("/nonexistent/cookie"), "{err}");
    }
}
