//! Connection problems in plain words with what to do next, in the user's language, in
//! logical order (they are shown as wrapped paragraphs: `layout::paragraph` orders them).

use crate::i18n::{Arg, Localizer};
use messenger_protocol::DisconnectReason;

/// The sentence shown for `reason`.
pub(crate) fn explain(reason: &DisconnectReason, tr: &Localizer) -> String {
    match reason {
        DisconnectReason::UserRequest => tr.logical("account-state-offline", &[]),
        DisconnectReason::ConnectionLost(_) => tr.logical("problem-connection-lost", &[]),
        DisconnectReason::AuthenticationFailed(_) => tr.logical("problem-auth", &[]),
        DisconnectReason::TlsRefused(detail) if is_pin_mismatch(detail) => {
            tr.logical("problem-pin-mismatch", &[])
        }
        DisconnectReason::TlsRefused(_) => tr.logical("problem-tls", &[]),
        DisconnectReason::TorUnavailable(_) => tr.logical("problem-tor-down", &[]),
    }
}

/// A problem the server reported while staying connected.
pub(crate) fn server_says(detail: &str, tr: &Localizer) -> String {
    tr.logical("problem-server-says", &[("detail", Arg::Text(detail))])
}

/// Whether a TLS refusal is a certificate pin mismatch (the net layer says "pin").
fn is_pin_mismatch(detail: &str) -> bool {
    detail.to_ascii_lowercase().contains("pin")
}
