//! What the session could not do.

/// Why [`crate::spawn_runtime`] or [`crate::Session::remove_account`] failed.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum SessionError {
    /// The thread of the network runtime could not be started.
    #[error("cannot start the network thread: {0}")]
    Runtime(#[source] std::io::Error),
    /// The account's OTR data could not be deleted (the account itself was removed).
    #[error("the account was removed, but its OTR key could not be deleted: {0}")]
    ForgetOtr(#[source] messenger_otr::OtrError),
    /// The account's OTR data was kept: another account uses the same OTR identity.
    #[error(
        "the account was removed; its OTR key was kept because another account uses the same name on the same server"
    )]
    OtrKeyShared,
}
