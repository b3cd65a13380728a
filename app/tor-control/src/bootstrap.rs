//! Tor's bootstrap status: `NOTICE BOOTSTRAP PROGRESS=.. TAG=.. SUMMARY=..` (control-spec 5.5,
//! `STATUS_CLIENT` events and `GETINFO status/bootstrap-phase`).

use super::error::ProtocolError;
use super::keywords::parse_keywords;

/// How serious tor says a status is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Severity {
    /// Normal progress.
    Notice,
    /// Bootstrap has trouble (tor keeps trying).
    Warn,
    /// Bootstrap failed.
    Err,
}

/// One bootstrap report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BootstrapStatus {
    /// `NOTICE`, `WARN` or `ERR`.
    pub severity: Severity,
    /// Percent done, 0 to 100.
    pub progress: u8,
    /// Tor's short name of the phase (`conn`, `handshake`, `done`, ...).
    pub tag: String,
    /// Tor's sentence for the phase.
    pub summary: String,
    /// With `WARN`: what went wrong, in tor's words (`WARNING`).
    pub warning: Option<String>,
    /// With `WARN`: tor's reason keyword (`NOROUTE`, `TIMEOUT`, `CONNECTREFUSED`, `DONE`,
    /// `PT_MISSING`, ...) (`REASON`).
    pub reason: Option<String>,
    /// With `WARN`: `ignore` while tor still expects to succeed, `warn` once the person
    /// should be told (`RECOMMENDATION`).
    pub recommendation: Option<String>,
    /// With `WARN`: how many times this problem happened so far (`COUNT`).
    pub count: Option<u32>,
    /// With `WARN`: the relay or bridge tor was reaching, by fingerprint (`HOSTID`).
    pub host_id: Option<String>,
    /// With `WARN`: its address and port (`HOSTADDR`): may name a bridge, so treat it as
    /// private.
    pub host_address: Option<String>,
}

impl BootstrapStatus {
    /// Bootstrap finished: tor can build circuits.
    pub fn is_done(&self) -> bool {
        self.progress >= 100
    }

    /// A problem report (`WARN` or `ERR`) rather than progress.
    pub fn is_problem(&self) -> bool {
        self.severity != Severity::Notice
    }

    /// Parses `SEVERITY BOOTSTRAP KEY=VALUE...` (the part after `STATUS_CLIENT ` or after
    /// `status/bootstrap-phase=`). Returns `None` for a status that is not about bootstrap.
    pub fn parse(text: &str) -> Result<Option<Self>, ProtocolError> {
        let keywords = parse_keywords(text)?;
        let (Some(severity), Some(action)) = (keywords.words.first(), keywords.words.get(1)) else {
            return Ok(None);
        };
        if action != "BOOTSTRAP" {
            return Ok(None);
        }
        let severity = match severity.as_str() {
            "NOTICE" => Severity::Notice,
            "WARN" => Severity::Warn,
            "ERR" => Severity::Err,
            other => {
                return Err(ProtocolError::MalformedValue {
                    detail: format!("unknown bootstrap severity {other:?}"),
                });
            }
        };
        let progress = keywords
            .get("PROGRESS")
            .and_then(|value| value.parse::<u8>().ok())
            .filter(|progress| *progress <= 100)
            .ok_or_else(|| ProtocolError::MalformedValue {
                detail: "bootstrap status without a PROGRESS from 0 to 100".to_owned(),
            })?;
        Ok(Some(Self {
            severity,
            progress,
            tag: keywords.get("TAG").unwrap_or_default().to_owned(),
            summary: keywords.get("SUMMARY").unwrap_or_default().to_owned(),
            warning: keywords.get("WARNING").map(str::to_owned),
            reason: keywords.get("REASON").map(str::to_owned),
            recommendation: keywords.get("RECOMMENDATION").map(str::to_owned),
            count: match keywords.get("COUNT") {
                None => None,
                Some(count) => {
                    Some(
                        count
                            .parse::<u32>()
                            .map_err(|_| ProtocolError::MalformedValue {
                                detail: "bootstrap warning with a COUNT that is not a number"
                                    .to_owned(),
                            })?,
                    )
                }
            },
            host_id: keywords.get("HOSTID").map(str::to_owned),
            host_address: keywords.get("HOSTADDR").map(str::to_owned),
        }))
    }
}

#[cfg(test)]
mod tests;
