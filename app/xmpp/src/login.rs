//! Logging in on a secured stream: SASL with the strongest mechanism both sides know
//! (SCRAM-SHA-256, then SCRAM-SHA-1, then PLAIN, which our connector only ever runs inside
//! TLS; ANONYMOUS and everything else are never used), then binding a fresh random resource.
//!
//! The SCRAM `-PLUS` variants are not used: the server's identity is already established by
//! our TLS trust and pins, and tokio-xmpp only derives channel binding data for TLS 1.3.

use std::collections::BTreeSet;

use futures_util::{SinkExt, StreamExt};
use messenger_net::Sensitive;
use sasl::common::{ChannelBinding, Credentials};
use tokio_xmpp::connect::ServerConnector;
use tokio_xmpp::error::AuthError;
use tokio_xmpp::xmlstream::{
    FallibleStreamElement, ReadError, RecvFeaturesError, StreamHeader, Timeouts, XmppStream,
    XmppStreamElement,
};
use tokio_xmpp::{Stanza, client_login};
use xmpp_parsers::bind::{BindQuery, BindResponse};
use xmpp_parsers::iq::Iq;
use xmpp_parsers::jid::{BareJid, FullJid, Jid};
use xmpp_parsers::ns;
use xmpp_parsers::sasl::DefinedCondition as SaslCondition;
use xmpp_parsers::stream_error::DefinedCondition as StreamCondition;

use crate::connector::{ConnectError, SecureStream, TorStartTlsConnector, connect_error};
use crate::ids::{random_resource, stanza_id};

/// The SASL mechanisms we use, strongest first.
pub const SASL_PREFERENCE: [&str; 3] = ["SCRAM-SHA-256", "SCRAM-SHA-1", "PLAIN"];

/// A logged-in stream and the full JID the server bound.
pub struct LoggedIn {
    /// The stream, ready for stanzas.
    pub stream: XmppStream<SecureStream>,
    /// Our full JID for this connection.
    pub jid: FullJid,
}

/// Why a login failed.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum LoginError {
    /// The connection could not be opened or secured.
    #[error(transparent)]
    Connect(#[from] ConnectError),
    /// The server refused the credentials (no reconnect follows).
    #[error("The server refused the login: {reason}. Check the account name and password.")]
    Refused {
        /// The server's reason, in words (never the name or password).
        reason: &'static str,
    },
    /// The server offers none of the mechanisms we use.
    #[error(
        "The server offers no login method we consider safe (SCRAM-SHA-256, SCRAM-SHA-1 or PLAIN inside TLS)."
    )]
    NoMechanism,
    /// The account address has no user name part.
    #[error("The account address must have the form name@server.")]
    NoUserName,
    /// The system could not produce randomness for the resource.
    #[error(
        "The system's random number generator failed; not connecting with a predictable resource."
    )]
    NoRandomness,
    /// The server broke the protocol or closed the stream during login.
    #[error("The server ended the connection during login ({stage}). Try again later.")]
    Protocol {
        /// What we were doing.
        stage: &'static str,
    },
}

impl LoginError {
    /// Whether retrying later can help (a refused password or an unsafe server will not get
    /// better by itself).
    pub fn is_permanent(&self) -> bool {
        match self {
            LoginError::Connect(ConnectError::Net(net)) => {
                net.is_tls_refusal() || matches!(net, messenger_net::NetError::InvalidHost { .. })
            }
            LoginError::Connect(ConnectError::NoStartTls) => true,
            LoginError::Connect(_) => false,
            LoginError::Refused { .. } | LoginError::NoMechanism | LoginError::NoUserName => true,
            LoginError::NoRandomness | LoginError::Protocol { .. } => false,
        }
    }
}

/// Picks the mechanism to use from what the server offers.
pub fn choose_mechanism(offered: &BTreeSet<String>) -> Option<&'static str> {
    SASL_PREFERENCE
        .into_iter()
        .find(|mechanism| offered.contains(*mechanism))
}

/// Connects, authenticates as `jid` and binds a random resource.
pub async fn login(
    connector: &TorStartTlsConnector,
    jid: &BareJid,
    password: &Sensitive<String>,
    timeouts: Timeouts,
) -> Result<LoggedIn, LoginError> {
    let user = jid
        .node()
        .ok_or(LoginError::NoUserName)?
        .as_str()
        .to_owned();
    let resource = random_resource().ok_or(LoginError::NoRandomness)?;
    let domain = jid.domain().as_str().to_owned();
    let (pending, _) = connector
        .connect(&Jid::from(jid.clone()), ns::JABBER_CLIENT, timeouts)
        .await
        .map_err(connect_error)?;
    let (features, stream) = pending
        .recv_features::<FallibleStreamElement>()
        .await
        .map_err(|error| features_error(&error, "reading the login methods"))?;
    let mechanism = choose_mechanism(&features.sasl_mechanisms).ok_or(LoginError::NoMechanism)?;
    let credentials = Credentials::default()
        .with_username(user)
        .with_password(password.as_inner().clone())
        .with_channel_binding(ChannelBinding::None);
    let only = BTreeSet::from([mechanism.to_owned()]);
    let authenticated = client_login(stream, only, credentials)
        .await
        .map_err(auth_error)?;
    let pending = authenticated
        .send_header(StreamHeader {
            to: Some(domain.as_str().into()),
            from: None,
            id: None,
        })
        .await
        .map_err(|_| LoginError::Protocol {
            stage: "restarting the stream after login",
        })?;
    let (features, mut stream) = pending
        .recv_features::<FallibleStreamElement>()
        .await
        .map_err(|error| features_error(&error, "reading the features after login"))?;
    if !features.can_bind() {
        return Err(LoginError::Protocol {
            stage: "the server offers no resource binding",
        });
    }
    let jid = bind(&mut stream, resource).await?;
    Ok(LoggedIn { stream, jid })
}

async fn bind(
    stream: &mut XmppStream<SecureStream>,
    resource: String,
) -> Result<FullJid, LoginError> {
    const STAGE: &str = "binding the resource";
    let id = stanza_id();
    let request = Stanza::from(Iq::from_set(id.clone(), BindQuery::new(Some(resource))));
    stream
        .send(&XmppStreamElement::Stanza(request))
        .await
        .map_err(|_| LoginError::Protocol { stage: STAGE })?;
    loop {
        match stream.next().await {
            Some(Ok(FallibleStreamElement::Ok(XmppStreamElement::Stanza(Stanza::Iq(iq)))))
                if iq.id() == id =>
            {
                return match iq {
                    Iq::Result {
                        payload: Some(payload),
                        ..
                    } => BindResponse::try_from(payload)
                        .map(FullJid::from)
                        .map_err(|_| LoginError::Protocol { stage: STAGE }),
                    _ => Err(LoginError::Protocol { stage: STAGE }),
                };
            }
            Some(Ok(_)) | Some(Err(ReadError::SoftTimeout | ReadError::ParseError(_))) => {}
            Some(Err(ReadError::HardError(_) | ReadError::StreamFooterReceived)) | None => {
                return Err(LoginError::Protocol { stage: STAGE });
            }
        }
    }
}

fn features_error(error: &RecvFeaturesError, stage: &'static str) -> LoginError {
    match error {
        RecvFeaturesError::StreamError(received) => {
            if received.0.condition == StreamCondition::NotAuthorized {
                LoginError::Refused {
                    reason: "not authorized",
                }
            } else {
                LoginError::Protocol { stage }
            }
        }
        _ => LoginError::Protocol { stage },
    }
}

fn auth_error(error: tokio_xmpp::Error) -> LoginError {
    match error {
        tokio_xmpp::Error::Auth(AuthError::Fail(condition)) => LoginError::Refused {
            reason: sasl_words(&condition),
        },
        tokio_xmpp::Error::Auth(AuthError::NoMechanism) => LoginError::NoMechanism,
        tokio_xmpp::Error::Auth(AuthError::Sasl(_)) => LoginError::Refused {
            reason: "the server's answer did not prove it knows the password",
        },
        _ => LoginError::Protocol {
            stage: "authenticating",
        },
    }
}

fn sasl_words(condition: &SaslCondition) -> &'static str {
    match condition {
        SaslCondition::NotAuthorized => "wrong account name or password",
        SaslCondition::AccountDisabled => "the account is disabled",
        SaslCondition::CredentialsExpired => "the password has expired",
        SaslCondition::EncryptionRequired => "the server requires encryption",
        SaslCondition::TemporaryAuthFailure => "a temporary failure on the server",
        _ => "the login was not accepted",
    }
}

#[cfg(test)]
mod tests;
