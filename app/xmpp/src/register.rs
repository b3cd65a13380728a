//! In-band registration (XEP-0077): create a throwaway account on a server that allows it, as
//! Tor Messenger offered. Like every connection it goes through tor and STARTTLS with our
//! trust; the name and password are sent only inside TLS.

use std::time::Duration;

use futures_util::{SinkExt, StreamExt};
use messenger_net::{Isolation, Network, Sensitive};
use tokio_xmpp::Stanza;
use tokio_xmpp::xmlstream::{
    FallibleStreamElement, ReadError, Timeouts, XmppStream, XmppStreamElement,
};
use xmpp_parsers::ibr::{FieldsQuery, LegacyQuery};
use xmpp_parsers::iq::Iq;
use xmpp_parsers::jid::{BareJid, Jid};
use xmpp_parsers::minidom::Element;
use xmpp_parsers::ns;
use xmpp_parsers::stanza_error::DefinedCondition;

use crate::config::DEFAULT_PORT;
use crate::connector::{ConnectError, SecureStream, TorStartTlsConnector};
use crate::ids::stanza_id;

/// How long the whole registration may take through tor.
pub const REGISTRATION_TIMEOUT: Duration = Duration::from_secs(180);

/// The account to create.
#[derive(Clone)]
pub struct NewAccount {
    /// The address wanted, `name@server`.
    pub jid: BareJid,
    /// Its password.
    pub password: Sensitive<String>,
    /// The host to connect to; `None` means the JID's domain.
    pub host: Option<String>,
    /// The port (5222 by default).
    pub port: u16,
    /// The SOCKS credentials to use (the new account's own, so the registration shares its
    /// circuits and no other account's).
    pub isolation: Isolation,
}

impl NewAccount {
    /// An account on the JID's domain at the default port.
    pub fn new(jid: BareJid, password: &str, isolation: Isolation) -> NewAccount {
        NewAccount {
            jid,
            password: Sensitive::new(password.to_owned()),
            host: None,
            port: DEFAULT_PORT,
            isolation,
        }
    }
}

/// Why an account could not be created.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum RegisterError {
    /// The connection could not be opened or secured.
    #[error(transparent)]
    Connect(#[from] ConnectError),
    /// The address has no user name part, or the password is empty.
    #[error("Choose an address of the form name@server and a password that is not empty.")]
    Incomplete,
    /// The server does not offer registration.
    #[error("This server does not allow creating accounts from a client.")]
    NotOffered,
    /// The server asks for more than a name and a password (an e-mail address, a CAPTCHA...).
    #[error(
        "This server asks for more than a name and a password to create an account (for example an e-mail address or a CAPTCHA); create the account on its web site instead."
    )]
    NeedsMoreFields,
    /// The name is taken.
    #[error("This name is already taken on this server; choose another.")]
    NameTaken,
    /// The server refused (closed registration, rate limit, bad name or weak password).
    #[error("The server refused to create the account: {reason}.")]
    Refused {
        /// Why, in words.
        reason: &'static str,
    },
    /// The server closed the connection or broke the protocol.
    #[error("The server ended the connection during registration ({stage}). Try again later.")]
    Protocol {
        /// What we were doing.
        stage: &'static str,
    },
    /// It all took too long.
    #[error(
        "Creating the account took too long; the Tor network or the server may be slow. Try again later."
    )]
    Timeout,
}

/// Creates the account on its server (usable by the GUI's "create a new account").
pub async fn register_account(
    network: &Network,
    account: &NewAccount,
) -> Result<(), RegisterError> {
    tokio::time::timeout(REGISTRATION_TIMEOUT, register(network, account))
        .await
        .map_err(|_| RegisterError::Timeout)?
}

async fn register(network: &Network, account: &NewAccount) -> Result<(), RegisterError> {
    let user = account
        .jid
        .node()
        .ok_or(RegisterError::Incomplete)?
        .as_str()
        .to_owned();
    if account.password.as_inner().is_empty() {
        return Err(RegisterError::Incomplete);
    }
    let domain = account.jid.domain();
    let host = account.host.as_deref().unwrap_or(domain.as_str());
    let connector = TorStartTlsConnector::new(
        network.clone(),
        host,
        account.port,
        account.isolation.clone(),
    );
    let pending = connector
        .open(
            &Jid::from(account.jid.clone()),
            ns::JABBER_CLIENT,
            Timeouts::default(),
        )
        .await?;
    let (features, mut stream) = pending
        .recv_features::<FallibleStreamElement>()
        .await
        .map_err(|_| RegisterError::Protocol {
            stage: "reading the server's features",
        })?;
    if !features.in_band_registration {
        return Err(RegisterError::NotOffered);
    }
    let fields = request(&mut stream, Iq::from_get(stanza_id(), FieldsQuery)).await?;
    match fields {
        Iq::Result {
            payload: Some(query),
            ..
        } => {
            if asks_for_more(&query) {
                return Err(RegisterError::NeedsMoreFields);
            }
        }
        Iq::Error { error, .. } => return Err(refusal(&error.defined_condition)),
        _ => {
            return Err(RegisterError::Protocol {
                stage: "reading the registration form",
            });
        }
    }
    let form = LegacyQuery {
        username: Some(user),
        password: Some(account.password.as_inner().clone()),
        ..LegacyQuery::default()
    };
    let outcome = request(&mut stream, Iq::from_set(stanza_id(), form)).await?;
    let _ = tokio::time::timeout(Duration::from_secs(5), stream.shutdown()).await;
    match outcome {
        Iq::Result { .. } => Ok(()),
        Iq::Error { error, .. } => Err(refusal(&error.defined_condition)),
        _ => Err(RegisterError::Protocol {
            stage: "reading the answer",
        }),
    }
}

/// Sends an IQ request and waits for its answer (result or error).
async fn request(stream: &mut XmppStream<SecureStream>, iq: Iq) -> Result<Iq, RegisterError> {
    const STAGE: &str = "waiting for the server's answer";
    let id = iq.id().to_owned();
    stream
        .send(&XmppStreamElement::Stanza(Stanza::Iq(iq)))
        .await
        .map_err(|_| RegisterError::Protocol { stage: STAGE })?;
    loop {
        match stream.next().await {
            Some(Ok(FallibleStreamElement::Ok(XmppStreamElement::Stanza(Stanza::Iq(answer)))))
                if answer.id() == id && matches!(answer, Iq::Result { .. } | Iq::Error { .. }) =>
            {
                return Ok(answer);
            }
            Some(Ok(_)) | Some(Err(ReadError::SoftTimeout | ReadError::ParseError(_))) => {}
            Some(Err(ReadError::HardError(_) | ReadError::StreamFooterReceived)) | None => {
                return Err(RegisterError::Protocol { stage: STAGE });
            }
        }
    }
}

/// Whether the registration form wants anything besides a user name and a password: a legacy
/// field we do not fill, or a required data-form field other than those two.
pub fn asks_for_more(query: &Element) -> bool {
    const DATA_FORMS: &str = "jabber:x:data";
    for child in query.children() {
        if child.is("x", DATA_FORMS) {
            let required_other = child
                .children()
                .filter(|f| f.name() == "field")
                .any(|field| {
                    let var = field.attr("var").unwrap_or_default();
                    let required = field.children().any(|c| c.name() == "required");
                    required && !matches!(var, "username" | "password" | "FORM_TYPE")
                });
            if required_other {
                return true;
            }
            continue;
        }
        if !matches!(
            child.name(),
            "instructions" | "username" | "password" | "registered"
        ) {
            return true;
        }
    }
    false
}

fn refusal(condition: &DefinedCondition) -> RegisterError {
    match condition {
        DefinedCondition::Conflict => RegisterError::NameTaken,
        DefinedCondition::NotAllowed | DefinedCondition::Forbidden => RegisterError::Refused {
            reason: "registration is closed here, or too many accounts were created recently",
        },
        DefinedCondition::NotAcceptable | DefinedCondition::BadRequest => RegisterError::Refused {
            reason: "the name or the password is not acceptable (a longer password may help)",
        },
        DefinedCondition::ResourceConstraint | DefinedCondition::PolicyViolation => {
            RegisterError::Refused {
                reason: "too many registrations right now; try again later",
            }
        }
        _ => RegisterError::Refused {
            reason: "no reason given",
        },
    }
}

#[cfg(test)]
mod tests;
