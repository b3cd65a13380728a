//! `ADD_ONION` replies (control-spec 3.27).

use crate::error::ProtocolError;
use crate::reply::Reply;

/// An onion service tor created for this connection.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OnionService {
    /// The address without `.onion` (56 characters for version 3).
    pub service_id: String,
}

impl OnionService {
    /// The full `.onion` address.
    pub fn address(&self) -> String {
        format!("{}.onion", self.service_id)
    }

    pub(crate) fn from_reply(reply: &Reply) -> Result<Self, ProtocolError> {
        reply
            .lines
            .iter()
            .find_map(|line| line.text.strip_prefix("ServiceID="))
            .filter(|id| !id.is_empty() && id.bytes().all(|b| b.is_ascii_alphanumeric()))
            .map(|id| Self {
                service_id: id.to_owned(),
            })
            .ok_or_else(|| ProtocolError::UnexpectedReply {
                command: "ADD_ONION",
                detail: "no ServiceID in the reply".to_owned(),
            })
    }
}
