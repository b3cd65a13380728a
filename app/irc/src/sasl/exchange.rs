//! One SASL exchange over `AUTHENTICATE`: the server's challenge arrives base64-encoded in
//! lines of at most 400 bytes (a line of exactly 400 means "more follows", a lone `+` ends an
//! exact multiple or stands for an empty challenge), our answers leave the same way.
//!
//! Bounds: a line over 400 bytes, a challenge over [`MAX_CHALLENGE`] bytes in all, a challenge
//! that is not base64 or that the mechanism does not expect ends the exchange with a reason
//! (the caller aborts with `AUTHENTICATE *` and ends the attempt).

use base64::Engine;
use messenger_net::Sensitive;

use super::Mechanism;
use super::ecdsa::EcdsaKey;
use super::plain::plain_message;
use super::scram::ScramClient;

/// The longest `AUTHENTICATE` line (its parameter) either side may send.
pub(crate) const MAX_LINE: usize = 400;
/// The most base64 a server may send for one challenge (SCRAM's is under 200 bytes).
pub(crate) const MAX_CHALLENGE: usize = 8192;

/// What to do after a line from the server.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Step {
    /// Send these `AUTHENTICATE` parameters, in order.
    Send(Vec<String>),
    /// Wait for more of the challenge.
    Wait,
    /// Abort: the reason, in words.
    Fail(String),
}

/// What the mechanisms may use.
#[derive(Clone)]
pub(crate) struct Secrets {
    /// The account name (the nick).
    pub account: String,
    /// The password.
    pub password: Option<Sensitive<String>>,
    /// The P-256 key of the client certificate.
    pub ecdsa: Option<EcdsaKey>,
}

enum Stage {
    Plain,
    External,
    EcdsaName,
    EcdsaChallenge,
    ScramFirst(ScramClient),
    ScramFinal(ScramClient),
    ScramVerify(ScramClient),
    /// The last answer is sent: the server's 903 may come.
    Finished,
    /// The exchange failed on our side; no success may be believed.
    Failed,
}

/// One exchange for one mechanism.
pub(crate) struct Exchange {
    mechanism: Mechanism,
    stage: Stage,
    buffer: String,
    secrets: Secrets,
}

impl Exchange {
    /// An exchange of `mechanism` (started by `AUTHENTICATE <name>`, which the caller sends).
    pub(crate) fn new(mechanism: Mechanism, secrets: Secrets) -> Result<Exchange, String> {
        let stage = match mechanism {
            Mechanism::Plain => Stage::Plain,
            Mechanism::External => Stage::External,
            Mechanism::EcdsaNist256pChallenge => Stage::EcdsaName,
            Mechanism::ScramSha256 => Stage::ScramFirst(ScramClient::new(&secrets.account)?),
        };
        Ok(Exchange {
            mechanism,
            stage,
            buffer: String::new(),
            secrets,
        })
    }

    /// A SCRAM exchange with a chosen nonce (the RFC's test vectors).
    #[cfg(test)]
    pub(crate) fn scram_with_nonce(nonce: &str, secrets: Secrets) -> Exchange {
        Exchange {
            mechanism: Mechanism::ScramSha256,
            stage: Stage::ScramFirst(ScramClient::with_nonce(&secrets.account, nonce)),
            buffer: String::new(),
            secrets,
        }
    }

    /// The mechanism.
    pub(crate) fn mechanism(&self) -> Mechanism {
        self.mechanism
    }

    /// Handles `AUTHENTICATE <param>` from the server.
    pub(crate) fn authenticate(&mut self, param: &str) -> Step {
        if param.len() > MAX_LINE {
            self.stage = Stage::Failed;
            return Step::Fail(format!(
                "the server sent a SASL line of {} bytes (at most {MAX_LINE} are allowed)",
                param.len()
            ));
        }
        if param != "+" {
            if self.buffer.len() + param.len() > MAX_CHALLENGE {
                self.stage = Stage::Failed;
                return Step::Fail(format!(
                    "the server's SASL challenge is longer than {MAX_CHALLENGE} bytes"
                ));
            }
            self.buffer.push_str(param);
            if param.len() == MAX_LINE {
                return Step::Wait;
            }
        }
        let encoded = std::mem::take(&mut self.buffer);
        let challenge = match base64::engine::general_purpose::STANDARD.decode(&encoded) {
            Ok(bytes) => bytes,
            Err(_) => {
                self.stage = Stage::Failed;
                return Step::Fail("the server's SASL challenge is not base64".into());
            }
        };
        match self.respond(&challenge) {
            Ok(response) => Step::Send(encode_payload(&response)),
            Err(reason) => {
                self.stage = Stage::Failed;
                Step::Fail(reason)
            }
        }
    }

    fn respond(&mut self, challenge: &[u8]) -> Result<Vec<u8>, String> {
        let unexpected = || "the server sent a SASL challenge the mechanism does not expect";
        match std::mem::replace(&mut self.stage, Stage::Finished) {
            Stage::Plain => {
                // An answer to a challenge only: PLAIN's first challenge is empty.
                let password = self.password()?;
                Ok(plain_message(&self.secrets.account, password.as_inner()))
            }
            // The certificate already says who we are: an empty answer.
            Stage::External => Ok(Vec::new()),
            Stage::EcdsaName => {
                self.stage = Stage::EcdsaChallenge;
                Ok(self.secrets.account.clone().into_bytes())
            }
            Stage::EcdsaChallenge => {
                let key = self
                    .secrets
                    .ecdsa
                    .as_ref()
                    .ok_or("no ECDSA key is available")?;
                key.sign_challenge(challenge)
            }
            Stage::ScramFirst(client) => {
                let first = client.client_first().into_bytes();
                self.stage = Stage::ScramFinal(client);
                Ok(first)
            }
            Stage::ScramFinal(mut client) => {
                let server_first = std::str::from_utf8(challenge)
                    .map_err(|_| "the server's SCRAM challenge is not text".to_owned())?;
                let password = self.password()?;
                let answer = client.client_final(server_first, password.as_inner())?;
                self.stage = Stage::ScramVerify(client);
                Ok(answer.into_bytes())
            }
            Stage::ScramVerify(client) => {
                let server_final = std::str::from_utf8(challenge)
                    .map_err(|_| "the server's SCRAM answer is not text".to_owned())?;
                client.verify_server_final(server_final)?;
                Ok(Vec::new())
            }
            Stage::Finished | Stage::Failed => Err(unexpected().into()),
        }
    }

    /// Whether a success reply (903) may be believed now: every mechanism has sent its last
    /// answer; SCRAM has also checked the server's proof (a server that skips it is refused).
    pub(crate) fn complete(&self) -> bool {
        matches!(self.stage, Stage::Finished)
    }

    fn password(&self) -> Result<Sensitive<String>, String> {
        self.secrets
            .password
            .clone()
            .ok_or_else(|| "the account has no password".to_owned())
    }
}

/// Base64 of `payload` in `AUTHENTICATE` pieces of at most 400 bytes, with a lone `+` for an
/// empty payload or after an exact multiple of 400.
pub(crate) fn encode_payload(payload: &[u8]) -> Vec<String> {
    let encoded = base64::engine::general_purpose::STANDARD.encode(payload);
    let mut pieces: Vec<String> = encoded
        .as_bytes()
        .chunks(MAX_LINE)
        // Base64 is ASCII, so every chunk is valid UTF-8.
        .map(|chunk| String::from_utf8_lossy(chunk).into_owned())
        .collect();
    if encoded.len().is_multiple_of(MAX_LINE) {
        pieces.push("+".to_owned());
    }
    pieces
}

#[cfg(test)]
mod tests;
