//! The network runtime: one tokio thread for every protocol task.

use crate::SessionError;

/// Starts a current-thread tokio runtime on its own thread (named "network") and returns its
/// handle. The thread lives as long as the process: protocol tasks end when their commands
/// channel is dropped.
pub fn spawn_runtime() -> Result<tokio::runtime::Handle, SessionError> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(SessionError::Runtime)?;
    let handle = runtime.handle().clone();
    std::thread::Builder::new()
        .name("network".into())
        .spawn(move || runtime.block_on(std::future::pending::<()>()))
        .map_err(SessionError::Runtime)?;
    Ok(handle)
}
