//! Asynchronous events (`650` replies, control-spec section 4.1), parsed into types.

use super::bootstrap::BootstrapStatus;
use super::error::ProtocolError;
use super::keywords::parse_keywords;
use super::reply::Reply;

/// An event from tor.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Event {
    /// A `STATUS_CLIENT ... BOOTSTRAP` report: progress, or a problem (`WARN`).
    Bootstrap(BootstrapStatus),
    /// `HS_DESC`: an onion service descriptor was requested, uploaded, failed...
    HsDesc(HsDesc),
    /// `TRANSPORT_LAUNCHED`: a pluggable transport started and listens.
    TransportLaunched(TransportLaunched),
    /// `PT_LOG`: a pluggable transport's log message.
    PtLog(PtLog),
    /// `PT_STATUS`: a pluggable transport's status message.
    PtStatus(PtStatus),
    /// A log message (`NOTICE`, `WARN`, `ERR`, ...).
    Log {
        /// The severity word.
        severity: String,
        /// The message.
        message: String,
    },
    /// Any other event, its first line as tor sent it.
    Other(String),
}

/// What happened to an onion service descriptor.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum HsDescAction {
    /// A client asked an HSDir for the descriptor (`REQUESTED`).
    Requested,
    /// The service started uploading its descriptor to an HSDir (`UPLOAD`).
    Upload,
    /// A descriptor was fetched (`RECEIVED`).
    Received,
    /// An HSDir accepted the service's descriptor (`UPLOADED`).
    Uploaded,
    /// A fetched descriptor was not used (`IGNORE`).
    Ignore,
    /// A fetch or upload failed (`FAILED`; see `reason`).
    Failed,
    /// The service made a new descriptor (`CREATED`).
    Created,
    /// An action this crate does not know, as tor wrote it.
    Other(String),
}

/// An `HS_DESC` event: `HS_DESC Action Address AuthType HsDir [DescriptorID] [REASON=...]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HsDesc {
    /// What happened.
    pub action: HsDescAction,
    /// The onion address without `.onion`.
    pub address: String,
    /// The client authorization type (`NO_AUTH`, `UNKNOWN`, ...).
    pub auth_type: String,
    /// The HSDir involved (`$fingerprint~nickname`, or `UNKNOWN`).
    pub hs_dir: String,
    /// The descriptor id, when tor names it.
    pub descriptor_id: Option<String>,
    /// Why it failed (`NOT_FOUND`, `UPLOAD_REJECTED`, ...), with `FAILED`.
    pub reason: Option<String>,
}

/// A `TRANSPORT_LAUNCHED` event: `TRANSPORT_LAUNCHED client|server Name Address Port`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TransportLaunched {
    /// `client` (tor uses it to reach bridges) or `server`.
    pub mode: String,
    /// The transport's name, such as `obfs4` or `snowflake`.
    pub name: String,
    /// The address its SOCKS listener is on.
    pub address: String,
    /// The port of that listener.
    pub port: u16,
}

/// A `PT_LOG` event: `PT_LOG PT=Program SEVERITY=Severity MESSAGE=Message`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PtLog {
    /// The transport's program, as the torrc names it.
    pub program: String,
    /// `error`, `warning`, `notice`, `info` or `debug`.
    pub severity: String,
    /// The transport's message.
    pub message: String,
}

/// A `PT_STATUS` event: `PT_STATUS PT=Program TRANSPORT=Name KEY=VALUE...`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PtStatus {
    /// The transport's program, as the torrc names it.
    pub program: String,
    /// The transport the status is about, such as `snowflake`.
    pub transport: String,
    /// The rest of the status, `KEY=VALUE` in order (such as `CONNECT=Success`).
    pub values: Vec<(String, String)>,
}

impl Event {
    /// Interprets a `650` reply.
    pub fn from_reply(reply: &Reply) -> Result<Self, ProtocolError> {
        let Some(first) = reply.lines.first() else {
            return Ok(Self::Other(String::new()));
        };
        let (name, rest) = first
            .text
            .split_once(' ')
            .unwrap_or((first.text.as_str(), ""));
        match name {
            "STATUS_CLIENT" => Ok(match BootstrapStatus::parse(rest)? {
                Some(status) => Self::Bootstrap(status),
                None => Self::Other(first.text.clone()),
            }),
            "HS_DESC" => Ok(Self::HsDesc(parse_hs_desc(rest)?)),
            "TRANSPORT_LAUNCHED" => Ok(Self::TransportLaunched(parse_transport_launched(rest)?)),
            "PT_LOG" => {
                let keywords = parse_keywords(rest)?;
                Ok(Self::PtLog(PtLog {
                    program: required(&keywords, "PT", "PT_LOG")?,
                    severity: required(&keywords, "SEVERITY", "PT_LOG")?,
                    message: required(&keywords, "MESSAGE", "PT_LOG")?,
                }))
            }
            "PT_STATUS" => {
                let keywords = parse_keywords(rest)?;
                Ok(Self::PtStatus(PtStatus {
                    program: required(&keywords, "PT", "PT_STATUS")?,
                    transport: required(&keywords, "TRANSPORT", "PT_STATUS")?,
                    values: keywords
                        .pairs
                        .into_iter()
                        .filter(|(key, _)| key != "PT" && key != "TRANSPORT")
                        .collect(),
                }))
            }
            "DEBUG" | "INFO" | "NOTICE" | "WARN" | "ERR" => {
                // Long log messages come as `650+WARN` with the text in a data block.
                let message = first.data.clone().unwrap_or_else(|| rest.to_owned());
                Ok(Self::Log {
                    severity: name.to_owned(),
                    message,
                })
            }
            _ => Ok(Self::Other(first.text.clone())),
        }
    }
}

fn required(
    keywords: &super::keywords::Keywords,
    key: &str,
    event: &str,
) -> Result<String, ProtocolError> {
    keywords
        .get(key)
        .map(str::to_owned)
        .ok_or_else(|| ProtocolError::MalformedValue {
            detail: format!("{event} event without {key}"),
        })
}

fn parse_hs_desc(text: &str) -> Result<HsDesc, ProtocolError> {
    let keywords = parse_keywords(text)?;
    let mut words = keywords.words.iter();
    let mut next = |what: &str| {
        words
            .next()
            .cloned()
            .ok_or_else(|| ProtocolError::MalformedValue {
                detail: format!("HS_DESC event without its {what}"),
            })
    };
    let action = match next("action")?.as_str() {
        "REQUESTED" => HsDescAction::Requested,
        "UPLOAD" => HsDescAction::Upload,
        "RECEIVED" => HsDescAction::Received,
        "UPLOADED" => HsDescAction::Uploaded,
        "IGNORE" => HsDescAction::Ignore,
        "FAILED" => HsDescAction::Failed,
        "CREATED" => HsDescAction::Created,
        other => HsDescAction::Other(other.to_owned()),
    };
    Ok(HsDesc {
        action,
        address: next("address")?,
        auth_type: next("authentication type")?,
        hs_dir: next("HSDir")?,
        descriptor_id: next("descriptor id").ok(),
        reason: keywords.get("REASON").map(str::to_owned),
    })
}

fn parse_transport_launched(text: &str) -> Result<TransportLaunched, ProtocolError> {
    let words: Vec<&str> = text.split(' ').filter(|word| !word.is_empty()).collect();
    let [mode, name, address, port] = words[..] else {
        return Err(ProtocolError::MalformedValue {
            detail: "TRANSPORT_LAUNCHED needs a mode, name, address and port".to_owned(),
        });
    };
    let port = port
        .parse::<u16>()
        .map_err(|_| ProtocolError::MalformedValue {
            detail: "TRANSPORT_LAUNCHED with a port that is not a number".to_owned(),
        })?;
    Ok(TransportLaunched {
        mode: mode.to_owned(),
        name: name.to_owned(),
        address: address.to_owned(),
        port,
    })
}

#[cfg(test)]
mod tests;
