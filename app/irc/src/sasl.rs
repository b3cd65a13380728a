//! SASL for IRC's `AUTHENTICATE` (IRCv3 sasl-3.1 and 3.2): the mechanisms we speak, which one
//! an account tries ([`candidates`]), and one exchange with its bounds ([`exchange`]).
//!
//! Mechanisms: PLAIN (RFC 4616, only inside TLS or to an onion), SCRAM-SHA-256 (RFC 5802 and
//! RFC 7677, with the server's signature checked), EXTERNAL (the TLS client certificate) and
//! ECDSA-NIST256P-CHALLENGE (Atheme's: the raw 32-byte challenge signed with a P-256 key).

pub(crate) mod ecdsa;
pub(crate) mod exchange;
pub(crate) mod plain;
pub(crate) mod scram;

use messenger_protocol::accounts::SaslChoice;

pub use ecdsa::EcdsaKey;

/// A SASL mechanism we can run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mechanism {
    /// Account name and password, in the clear inside the link.
    Plain,
    /// Proof of the password without sending it; the server proves it knows it too.
    ScramSha256,
    /// The client certificate of the TLS handshake.
    External,
    /// A signature over the server's challenge with the account's P-256 key.
    EcdsaNist256pChallenge,
}

impl Mechanism {
    /// The name on the wire.
    pub fn name(self) -> &'static str {
        match self {
            Mechanism::Plain => "PLAIN",
            Mechanism::ScramSha256 => "SCRAM-SHA-256",
            Mechanism::External => "EXTERNAL",
            Mechanism::EcdsaNist256pChallenge => "ECDSA-NIST256P-CHALLENGE",
        }
    }
}

/// What an account can log in with.
#[derive(Clone, Default)]
pub struct Credentials {
    /// A password is set.
    pub password: bool,
    /// A client certificate is presented in the TLS handshake.
    pub certificate: bool,
    /// The certificate's key is a P-256 key (ECDSA-NIST256P-CHALLENGE can sign with it).
    pub ecdsa: bool,
    /// The link is TLS, or goes to an onion service (tor encrypts and authenticates it).
    pub secure_link: bool,
}

/// Why the account cannot log in the way it asks, in words for the user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotPossible(pub String);

/// The mechanisms to try, in order, for `choice` with `credentials` on a server that offers
/// `offered` (`None`: sasl-3.1, the server did not list its mechanisms).
///
/// Automatic: EXTERNAL when a certificate is presented, then SCRAM-SHA-256 and PLAIN when a
/// password is set (PLAIN only on a secure link; SCRAM only when listed, since a 3.1 server
/// that does not list it almost never has it). ECDSA is tried only when chosen: its key must
/// have been registered with `NickServ SET PUBKEY` first. An empty list means "no SASL".
pub fn candidates(
    choice: SaslChoice,
    credentials: &Credentials,
    offered: Option<&[String]>,
) -> Result<Vec<Mechanism>, NotPossible> {
    let listed = |mechanism: Mechanism| {
        offered.is_none_or(|list| {
            list.iter()
                .any(|m| m.eq_ignore_ascii_case(mechanism.name()))
        })
    };
    let wanted = match choice {
        SaslChoice::Off => return Ok(Vec::new()),
        SaslChoice::Automatic => {
            let mut list = Vec::new();
            if credentials.certificate {
                list.push(Mechanism::External);
            }
            if credentials.password && offered.is_some() {
                list.push(Mechanism::ScramSha256);
            }
            if credentials.password && credentials.secure_link {
                list.push(Mechanism::Plain);
            }
            return Ok(list.into_iter().filter(|m| listed(*m)).collect());
        }
        SaslChoice::Plain => {
            if !credentials.password {
                return Err(not_possible("PLAIN needs the account's password; enter it"));
            }
            if !credentials.secure_link {
                return Err(not_possible(
                    "PLAIN would send the password unencrypted on this link; use TLS (or the \
                     server's onion address) or SCRAM-SHA-256",
                ));
            }
            Mechanism::Plain
        }
        SaslChoice::ScramSha256 => {
            if !credentials.password {
                return Err(not_possible(
                    "SCRAM-SHA-256 needs the account's password; enter it",
                ));
            }
            Mechanism::ScramSha256
        }
        SaslChoice::External => {
            if !credentials.certificate {
                return Err(not_possible(
                    "EXTERNAL needs a client certificate presented over TLS; generate or import \
                     one and turn TLS on",
                ));
            }
            Mechanism::External
        }
        SaslChoice::EcdsaNist256pChallenge => {
            if !credentials.ecdsa {
                return Err(not_possible(
                    "ECDSA-NIST256P-CHALLENGE needs a P-256 key (the account's generated \
                     certificate has one)",
                ));
            }
            Mechanism::EcdsaNist256pChallenge
        }
    };
    if listed(wanted) {
        Ok(vec![wanted])
    } else {
        Err(not_possible(&format!(
            "the server does not offer {} (it offers {})",
            wanted.name(),
            offered.map(|list| list.join(", ")).unwrap_or_default()
        )))
    }
}

fn not_possible(text: &str) -> NotPossible {
    NotPossible(text.to_owned())
}

#[cfg(test)]
mod tests;
