//! `--use-system-tor`: no tor of our own; check that the given one answers, run the messenger.

use std::net::SocketAddr;
use std::time::Duration;

use super::app_env;
use crate::app_process::{AppProcess, exit_code};
use crate::error::{EXIT_ERROR, LaunchError};
use crate::progress::ProgressView;
use crate::settings::LaunchSettings;
use crate::signals::TerminationSignals;

/// How long `--use-system-tor` waits for that tor's SOCKS port to accept a connection.
const SYSTEM_TOR_CONNECT_WAIT: Duration = Duration::from_secs(5);

/// `--use-system-tor`: check that tor answers, then run the messenger over it.
pub(super) async fn run_with_system_tor(
    settings: &LaunchSettings,
    addr: SocketAddr,
    signals: &mut TerminationSignals,
    view: &ProgressView,
) -> Result<i32, LaunchError> {
    // Through the connector: it is the only code that opens connections.
    messenger_net::TorSocks { addr }
        .probe(SYSTEM_TOR_CONNECT_WAIT)
        .await
        .map_err(|source| LaunchError::SystemTorUnreachable { addr, source })?;
    view.message(&format!(
        "using the tor at {addr} (started none); starting {}",
        settings.app.program.display()
    ));
    let mut app = AppProcess::spawn(&settings.app, &app_env(settings, Some(addr)))?;
    tokio::select! {
        status = app.wait() => Ok(status.map(exit_code).unwrap_or(EXIT_ERROR)),
        signal = signals.recv() => {
            app.stop(settings.shutdown_grace).await;
            Ok(128 + signal)
        }
    }
}
