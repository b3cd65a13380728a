//! Why a session could not start.

/// Why [`crate::spawn_runtime`] failed.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum SessionError {
    /// The thread of the network runtime could not be started.
    #[error("cannot start the network thread: {0}")]
    Runtime(#[source] std::io::Error),
}
