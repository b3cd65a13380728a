//! Starts the messenger's session (`messenger-session`: accounts, OTR, the model's data
//! paths) for the window, and maps the UI's settings and requests onto it.

use anyhow::{Context, Result};
use messenger_net::{Network, TlsTrust, TorSocks};
use messenger_session::{OtrPolicy, Session};
use messenger_ui::Settings;
use std::path::Path;

/// What TLS trusts: the bundle's `certs/` folder (roots and pins), else the public roots.
pub(crate) fn trust(certs_dir: &Path) -> Result<TlsTrust> {
    if certs_dir.is_dir() {
        TlsTrust::load(certs_dir).context("the bundle's certificates folder is damaged")
    } else {
        TlsTrust::public_roots().context("cannot load the public certificate roots")
    }
}

/// Starts the session on `runtime` (OTR files in `profile_dir/otr`).
pub(crate) fn start(
    runtime: tokio::runtime::Handle,
    socks: TorSocks,
    trust: TlsTrust,
    profile_dir: &Path,
    settings: &Settings,
    wake: impl Fn() + Send + Sync + 'static,
) -> Result<Session> {
    let network = Network { socks, trust };
    let session = Session::start(
        runtime,
        network,
        &profile_dir.join("otr"),
        policy(settings),
        wake,
    );
    if let Some(problem) = session.otr_unavailable() {
        eprintln!("tor-messenger: {problem}; private messages will not be sent");
    }
    Ok(session)
}

/// The OTR policy in the UI's settings.
pub(crate) fn policy(settings: &Settings) -> OtrPolicy {
    OtrPolicy {
        require_encryption: settings.require_encryption,
        require_encryption_for: settings.require_encryption_for.clone(),
        allow_v3: settings.otr_v3,
        ..OtrPolicy::default()
    }
}
