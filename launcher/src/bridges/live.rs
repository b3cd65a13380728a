//! Changing the bridges of a running tor: `SETCONF` (tor applies all options or none) and
//! `SAVECONF` (tor writes its own torrc, so the change lasts and no file is edited behind
//! tor's back).

use std::net::{Ipv4Addr, SocketAddr};
use std::path::Path;
use std::time::Duration;

use crate::profile::Profile;
use messenger_bridges::BridgeSelection;
use messenger_tor_control::{ConfigEntry, ControlClient, ControlError};

/// How long to try the control port of a tor that may be running: it is on this computer.
const CONNECT_LIMIT: Duration = Duration::from_secs(2);

/// Gives `selection` to tor through `control`, then has tor save its configuration.
pub async fn apply_live(
    control: &mut ControlClient,
    selection: &BridgeSelection,
) -> Result<(), ControlError> {
    let entries: Vec<ConfigEntry> = selection
        .tor_options()
        .into_iter()
        .map(|(key, value)| ConfigEntry {
            key: key.to_owned(),
            value,
        })
        .collect();
    control.set_conf(&entries).await?;
    control.save_conf().await
}

/// The control port in the defaults the launcher last wrote (`ControlPort 127.0.0.1:N`).
fn control_port(defaults: &Path) -> Option<u16> {
    let text = std::fs::read_to_string(defaults).ok()?;
    text.lines().find_map(|line| {
        let value = line.trim().strip_prefix("ControlPort ")?;
        value.trim().rsplit(':').next()?.parse().ok()
    })
}

/// When this profile's tor runs (its control port, as the launcher last configured it,
/// accepts this profile's cookie), applies `selection` to it and returns the outcome;
/// `None` when no tor of this profile runs.
pub fn apply_to_running_tor(
    profile: &Profile,
    selection: &BridgeSelection,
) -> Option<Result<(), ControlError>> {
    let port = control_port(&profile.generated_defaults())?;
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .ok()?;
    runtime.block_on(async {
        let addr = SocketAddr::from((Ipv4Addr::LOCALHOST, port));
        let (mut control, _events) =
            ControlClient::connect_authenticated(addr, CONNECT_LIMIT, Some(&profile.cookie()))
                .await
                .ok()?;
        Some(apply_live(&mut control, selection).await)
    })
}
