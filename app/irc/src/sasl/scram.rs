//! SCRAM-SHA-256 (RFC 5802 with RFC 7677's hash), client side: the password is proved, never
//! sent, and the server must prove in turn that it knows the password's verifier; a server
//! that cannot (a wrong `v=`) is refused even if it then says "success".
//!
//! Bounds: an iteration count below RFC 7677's 4096 is refused (a downgrade), above 600,000
//! too (a server could make us burn seconds of CPU per attempt); channel binding is not used
//! (`n,,`): TLS exporter binding is not in IRCv3's SASL profile. Passwords are used as UTF-8
//! without SASLprep normalisation (identical for the ASCII passwords services generate).

use base64::Engine;
use hmac::{Hmac, KeyInit as _, Mac as _};
use sha2::{Digest as _, Sha256};

type HmacSha256 = Hmac<Sha256>;

/// The smallest iteration count accepted (RFC 7677 section 4).
pub(crate) const MIN_ITERATIONS: u32 = 4096;
/// The largest iteration count accepted (CPU bound per attempt).
pub(crate) const MAX_ITERATIONS: u32 = 600_000;

/// Where the client is in the exchange.
pub(crate) struct ScramClient {
    client_nonce: String,
    client_first_bare: String,
    /// The server signature we expect in the final message, once computed.
    expected_server_signature: Option<[u8; 32]>,
}

impl ScramClient {
    /// A client for `user` with a fresh random nonce.
    pub(crate) fn new(user: &str) -> Result<ScramClient, String> {
        let mut random = [0u8; 18];
        getrandom::fill(&mut random)
            .map_err(|_| "the system's random number generator failed".to_owned())?;
        let nonce = base64::engine::general_purpose::STANDARD.encode(random);
        Ok(ScramClient::with_nonce(user, &nonce))
    }

    /// A client with a given nonce (the RFC's test vectors).
    pub(crate) fn with_nonce(user: &str, nonce: &str) -> ScramClient {
        let name = user.replace('=', "=3D").replace(',', "=2C");
        ScramClient {
            client_nonce: nonce.to_owned(),
            client_first_bare: format!("n={name},r={nonce}"),
            expected_server_signature: None,
        }
    }

    /// The client-first message.
    pub(crate) fn client_first(&self) -> String {
        format!("n,,{}", self.client_first_bare)
    }

    /// The client-final message answering `server_first`, with the proof of `password`.
    pub(crate) fn client_final(
        &mut self,
        server_first: &str,
        password: &str,
    ) -> Result<String, String> {
        let mut nonce = None;
        let mut salt = None;
        let mut iterations = None;
        for attribute in server_first.split(',') {
            match attribute.split_once('=') {
                Some(("r", value)) => nonce = Some(value),
                Some(("s", value)) => salt = Some(value),
                Some(("i", value)) => iterations = Some(value),
                Some(("m", _)) => {
                    return Err("the server asked for a SCRAM extension we do not know".into());
                }
                _ => {}
            }
        }
        let (Some(nonce), Some(salt), Some(iterations)) = (nonce, salt, iterations) else {
            return Err("the server's SCRAM challenge is incomplete".into());
        };
        if !nonce.starts_with(&self.client_nonce) || nonce.len() <= self.client_nonce.len() {
            return Err("the server's SCRAM nonce does not extend ours".into());
        }
        let salt = base64::engine::general_purpose::STANDARD
            .decode(salt)
            .map_err(|_| "the server's SCRAM salt is not base64".to_owned())?;
        let iterations: u32 = iterations
            .parse()
            .map_err(|_| "the server's SCRAM iteration count is not a number".to_owned())?;
        if !(MIN_ITERATIONS..=MAX_ITERATIONS).contains(&iterations) {
            return Err(format!(
                "the server asked for {iterations} SCRAM iterations (accepted: {MIN_ITERATIONS} to {MAX_ITERATIONS})"
            ));
        }
        let salted = salted_password(password.as_bytes(), &salt, iterations);
        let client_key = hmac(&salted, b"Client Key");
        let stored_key: [u8; 32] = Sha256::digest(client_key).into();
        let without_proof = format!("c=biws,r={nonce}");
        let auth_message = format!("{},{server_first},{without_proof}", self.client_first_bare);
        let signature = hmac(&stored_key, auth_message.as_bytes());
        let mut proof = client_key;
        for (byte, mask) in proof.iter_mut().zip(signature) {
            *byte ^= mask;
        }
        let server_key = hmac(&salted, b"Server Key");
        self.expected_server_signature = Some(hmac(&server_key, auth_message.as_bytes()));
        Ok(format!(
            "{without_proof},p={}",
            base64::engine::general_purpose::STANDARD.encode(proof)
        ))
    }

    /// Checks the server-final message: the server's signature must be the one only a holder
    /// of the password's verifier can compute.
    pub(crate) fn verify_server_final(&self, server_final: &str) -> Result<(), String> {
        if let Some(error) = server_final.strip_prefix("e=") {
            return Err(format!("the server refused the SCRAM proof ({error})"));
        }
        let Some(expected) = self.expected_server_signature else {
            return Err("the server ended SCRAM too early".into());
        };
        let given = server_final
            .split(',')
            .find_map(|attribute| attribute.strip_prefix("v="))
            .and_then(|value| base64::engine::general_purpose::STANDARD.decode(value).ok());
        if given.as_deref() == Some(&expected[..]) {
            Ok(())
        } else {
            Err("the server could not prove that it knows the account's password (SCRAM); the connection was ended".into())
        }
    }
}

fn hmac(key: &[u8], data: &[u8]) -> [u8; 32] {
    // HMAC accepts keys of any length: new_from_slice cannot fail.
    let mut mac = match HmacSha256::new_from_slice(key) {
        Ok(mac) => mac,
        Err(_) => return [0; 32],
    };
    mac.update(data);
    mac.finalize().into_bytes().into()
}

/// Hi() of RFC 5802: PBKDF2 with HMAC-SHA-256 and one block.
fn salted_password(password: &[u8], salt: &[u8], iterations: u32) -> [u8; 32] {
    let mut first = salt.to_vec();
    first.extend_from_slice(&1u32.to_be_bytes());
    let mut block = hmac(password, &first);
    let mut result = block;
    for _ in 1..iterations {
        block = hmac(password, &block);
        for (out, byte) in result.iter_mut().zip(block) {
            *out ^= byte;
        }
    }
    result
}

#[cfg(test)]
mod tests;
