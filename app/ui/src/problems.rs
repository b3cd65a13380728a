//! Connection problems in plain words with what to do next, in the user's language.

use crate::i18n::{Arg, Localizer};
use messenger_protocol::DisconnectReason;

/// The sentence shown for `reason`.
pub fn explain(reason: &DisconnectReason, tr: &Localizer) -> String {
    match reason {
        DisconnectReason::UserRequest => tr.t("account-state-offline"),
        DisconnectReason::ConnectionLost(_) => tr.t("problem-connection-lost"),
        DisconnectReason::AuthenticationFailed(_) => tr.t("problem-auth"),
        DisconnectReason::TlsRefused(detail) if is_pin_mismatch(detail) => {
            tr.t("problem-pin-mismatch")
        }
        DisconnectReason::TlsRefused(_) => tr.t("problem-tls"),
        DisconnectReason::TorUnavailable(_) => tr.t("problem-tor-down"),
    }
}

/// A problem the server reported while staying connected.
pub fn server_says(detail: &str, tr: &Localizer) -> String {
    tr.f("problem-server-says", &[("detail", Arg::Text(detail))])
}

/// Whether a TLS refusal is a certificate pin mismatch (the net layer says "pin").
fn is_pin_mismatch(detail: &str) -> bool {
    detail.to_ascii_lowercase().contains("pin")
}
