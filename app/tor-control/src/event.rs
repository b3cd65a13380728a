//! Asynchronous events (`650` replies) the launcher subscribes to.

use super::bootstrap::BootstrapStatus;
use super::error::ProtocolError;
use super::reply::Reply;

/// An event from tor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    /// A `STATUS_CLIENT ... BOOTSTRAP` report.
    Bootstrap(BootstrapStatus),
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::control::reply::ReplyParser;

    fn event(lines: &[&str]) -> Event {
        let mut parser = ReplyParser::new();
        for line in lines {
            if let Some(reply) = parser.feed_line(line).unwrap() {
                return Event::from_reply(&reply).unwrap();
            }
        }
        panic!("no complete reply");
    }

    #[test]
    fn bootstrap_event() {
        let parsed = event(&[
            "650 STATUS_CLIENT NOTICE BOOTSTRAP PROGRESS=50 TAG=loading_descriptors SUMMARY=\"Loading relay descriptors\"",
        ]);
        let Event::Bootstrap(status) = parsed else {
            panic!("not bootstrap: {parsed:?}")
        };
        assert_eq!(status.progress, 50);
    }

    #[test]
    fn log_event_single_and_data() {
        assert_eq!(
            event(&["650 WARN Bad thing"]),
            Event::Log {
                severity: "WARN".into(),
                message: "Bad thing".into()
            }
        );
        assert_eq!(
            event(&["650+NOTICE", "long", "text", ".", "650 OK"]),
            Event::Log {
                severity: "NOTICE".into(),
                message: "long\ntext".into()
            }
        );
    }

    #[test]
    fn other_status_client_event() {
        assert!(matches!(
            event(&["650 STATUS_CLIENT NOTICE CIRCUIT_ESTABLISHED"]),
            Event::Other(_)
        ));
    }

    #[test]
    fn bad_bootstrap_event_is_an_error() {
        let mut parser = ReplyParser::new();
        let reply = parser
            .feed_line("650 STATUS_CLIENT NOTICE BOOTSTRAP PROGRESS=lots")
            .unwrap()
            .unwrap();
        assert!(Event::from_reply(&reply).is_err());
    }
}
