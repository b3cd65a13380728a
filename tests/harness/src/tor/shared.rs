//! One network and one client per test process, started on first use.
//!
//! Statics are never dropped, so two things stop their tors: `__OwningControllerProcess`
//! (tor notices the test process is gone, within seconds) and, sooner, an `atexit` hook that
//! stops them and removes their files when the test binary exits normally.

use std::sync::{Once, OnceLock};

use super::{TorClient, TorNetwork};
use crate::HarnessError;

static NETWORK: OnceLock<Result<TorNetwork, String>> = OnceLock::new();
static CLIENT: OnceLock<Result<TorClient, String>> = OnceLock::new();
static CLEANUP: Once = Once::new();

impl TorNetwork {
    /// The network shared by the whole test process, started by the first caller (the others
    /// wait for it). A failed start is reported to every caller.
    pub fn shared() -> Result<&'static TorNetwork, HarnessError> {
        CLEANUP.call_once(register_cleanup);
        NETWORK
            .get_or_init(|| TorNetwork::start().map_err(|error| error.to_string()))
            .as_ref()
            .map_err(|message| HarnessError::SharedStartFailed {
                component: "tor network",
                message: message.clone(),
            })
    }

    /// A client on the shared network, shared by the whole test process.
    pub fn shared_client() -> Result<&'static TorClient, HarnessError> {
        let network = Self::shared()?;
        CLIENT
            .get_or_init(|| network.start_client().map_err(|error| error.to_string()))
            .as_ref()
            .map_err(|message| HarnessError::SharedStartFailed {
                component: "tor client",
                message: message.clone(),
            })
    }
}

fn register_cleanup() {
    // SAFETY: `stop_shared_at_exit` is an `extern "C" fn()` that never unwinds (it catches
    // panics) and only touches statics that live until the process ends.
    unsafe {
        libc::atexit(stop_shared_at_exit);
    }
}

extern "C" fn stop_shared_at_exit() {
    // Unwinding out of an `extern "C"` function would abort; swallow any panic.
    let _ = std::panic::catch_unwind(|| {
        if let Some(Ok(client)) = CLIENT.get() {
            client.stop_now();
        }
        if let Some(Ok(network)) = NETWORK.get() {
            network.stop_now();
            let _ = std::fs::remove_dir_all(network.temp_path());
        }
    });
}
