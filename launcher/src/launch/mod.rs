//! The default action: start tor, follow its bootstrap, run the messenger at 100%, and stop
//! tor when the messenger exits (or restart tor if it dies meanwhile).

mod stall_prompt;
mod startup;
mod system_tor;

use std::ffi::OsString;
use std::net::{Ipv4Addr, SocketAddr};
use std::process::ExitStatus;

use crate::app_process::{
    AppProcess, ENV_CONTROL, ENV_CONTROL_COOKIE, ENV_PROFILE, ENV_SOCKS, exit_code,
};
use crate::bridges::UserTorrc;
use crate::cli::StartAppAt;
use crate::error::{EXIT_ERROR, LaunchError};
use crate::port_check::{PortRole, ensure_port_free};
use crate::progress::ProgressView;
use crate::settings::LaunchSettings;
use crate::signals::TerminationSignals;
use crate::tor_binary::{TorBinary, TorOrigin};
use crate::torrc_defaults::{self, DefaultsValues};
use messenger_bridges::{Origin, plugin_lines};
use stall_prompt::StallPrompt;
use startup::{RunningTor, StartOutcome, bootstrap, describe_exit, start_tor};
use system_tor::run_with_system_tor;

/// What interrupted the wait while the messenger runs.
#[derive(Debug)]
enum Happening {
    AppExited(std::io::Result<ExitStatus>),
    Signal(i32),
    TorDied(String),
}

/// Runs the launch and returns the launcher's exit code.
pub async fn launch(settings: &LaunchSettings) -> Result<i32, LaunchError> {
    let mut signals = TerminationSignals::install()?;
    let mut view = ProgressView::new();
    // One for the whole run: it reads standard input on a thread of its own once asked.
    let mut prompt = StallPrompt::new();
    let Some(binary) = settings.tor.as_ref() else {
        let addr = settings
            .system_tor
            .unwrap_or(SocketAddr::from((Ipv4Addr::LOCALHOST, settings.socks_port)));
        return run_with_system_tor(settings, addr, &mut signals, &view).await;
    };
    if binary.origin == TorOrigin::SearchPath {
        view.message(&format!(
            "warning: using {} from PATH, not the tor shipped in the bundle",
            binary.path.display()
        ));
    }
    ensure_port_free(settings.socks_port, PortRole::Socks)?;
    ensure_port_free(settings.control_port, PortRole::Control)?;
    settings.profile.ensure_tor_dir()?;
    settings.profile.ensure_user_torrc()?;
    check_user_torrc(settings, &view)?;
    report_transports(settings, &view);
    write_defaults(settings)?;

    let mut tor = match start_tor(settings, binary, &mut view, &mut signals, None).await? {
        StartOutcome::Ready(tor) => *tor,
        StartOutcome::Interrupted(signal) => return Ok(128 + signal),
        StartOutcome::AppExited(code) => return Ok(code),
    };
    let mut early_app = None;
    if settings.start_app_at == StartAppAt::Connecting {
        view.message(&format!(
            "starting {} (it shows tor's progress while tor connects)",
            settings.app.program.display()
        ));
        match AppProcess::spawn(&settings.app, &app_env(settings, Some(tor.socks))) {
            Ok(app) => early_app = Some(app),
            Err(error) => {
                tor.stop(settings.shutdown_grace).await;
                return Err(error);
            }
        }
    }
    match follow_to_ready(
        settings,
        &mut tor,
        &mut view,
        &mut signals,
        early_app.as_mut(),
        &mut prompt,
    )
    .await?
    {
        StartOutcome::Ready(()) => {}
        StartOutcome::Interrupted(signal) => return Ok(128 + signal),
        StartOutcome::AppExited(code) => return Ok(code),
    }
    view.finish();
    let mut app = match early_app {
        Some(app) => {
            view.message(&format!(
                "tor is ready (SOCKS {}, control {})",
                tor.socks,
                control_addr(settings)
            ));
            app
        }
        None => {
            view.message(&format!(
                "tor is ready (SOCKS {}, control {}); starting {}",
                tor.socks,
                control_addr(settings),
                settings.app.program.display()
            ));
            match AppProcess::spawn(&settings.app, &app_env(settings, Some(tor.socks))) {
                Ok(app) => app,
                Err(error) => {
                    tor.stop(settings.shutdown_grace).await;
                    return Err(error);
                }
            }
        }
    };
    let grace = settings.shutdown_grace;
    let mut restarts = 0;
    loop {
        let happening = tokio::select! {
            status = app.wait() => Happening::AppExited(status),
            signal = signals.recv() => Happening::Signal(signal),
            status = tor.process.wait() => Happening::TorDied(describe_exit(status)),
            event = tor.events.next() => match event {
                Some(_) => continue,
                // Tor closed the control connection: it is exiting (or broke the protocol).
                None => match tokio::time::timeout(grace, tor.process.wait()).await {
                    Ok(status) => Happening::TorDied(describe_exit(status)),
                    Err(_) => {
                        tor.process.stop(None, grace).await;
                        Happening::TorDied("it closed its control connection".to_owned())
                    }
                },
            },
        };
        match happening {
            Happening::AppExited(status) => {
                let code = status.map(exit_code).unwrap_or(EXIT_ERROR);
                view.message(&format!(
                    "{} exited (code {code}); stopping tor",
                    settings.app.program.display()
                ));
                tor.stop(grace).await;
                return Ok(code);
            }
            Happening::Signal(signal) => {
                view.message(&format!(
                    "received signal {signal}; stopping {} and tor",
                    settings.app.program.display()
                ));
                app.stop(grace).await;
                tor.stop(grace).await;
                return Ok(128 + signal);
            }
            Happening::TorDied(status) => {
                let tor_said = tor.process.what_tor_said().await;
                view.message(&format!(
                    "tor (pid {}) stopped unexpectedly ({status}). Tor said:\n{tor_said}",
                    tor.process.pid()
                ));
                if restarts >= settings.tor_restarts {
                    view.message(&format!(
                        "stopping {}: it has no tor to connect through",
                        settings.app.program.display()
                    ));
                    app.stop(grace).await;
                    return Err(LaunchError::TorDied {
                        status,
                        restarts,
                        tor_said,
                    });
                }
                restarts += 1;
                view.message(&format!(
                    "restarting tor (restart {restarts} of {})",
                    settings.tor_restarts
                ));
                let restarted =
                    restart_tor(settings, binary, &mut signals, &mut app, &mut prompt).await;
                tor = match restarted {
                    Ok(StartOutcome::Ready(tor)) => *tor,
                    Ok(StartOutcome::Interrupted(signal)) => {
                        app.stop(grace).await;
                        return Ok(128 + signal);
                    }
                    Ok(StartOutcome::AppExited(code)) => return Ok(code),
                    Err(error) => {
                        app.stop(grace).await;
                        return Err(error);
                    }
                };
                view.message(&format!("tor is ready again (SOCKS {})", tor.socks));
            }
        }
    }
}

async fn restart_tor(
    settings: &LaunchSettings,
    binary: &TorBinary,
    signals: &mut TerminationSignals,
    app: &mut AppProcess,
    prompt: &mut StallPrompt,
) -> Result<StartOutcome<Box<RunningTor>>, LaunchError> {
    ensure_port_free(settings.socks_port, PortRole::Socks)?;
    ensure_port_free(settings.control_port, PortRole::Control)?;
    write_defaults(settings)?;
    let mut view = ProgressView::new();
    let mut tor = match start_tor(settings, binary, &mut view, signals, Some(app)).await? {
        StartOutcome::Ready(tor) => tor,
        StartOutcome::Interrupted(signal) => return Ok(StartOutcome::Interrupted(signal)),
        StartOutcome::AppExited(code) => return Ok(StartOutcome::AppExited(code)),
    };
    let outcome =
        follow_to_ready(settings, &mut tor, &mut view, signals, Some(app), prompt).await?;
    view.finish();
    Ok(match outcome {
        StartOutcome::Ready(()) => StartOutcome::Ready(tor),
        StartOutcome::Interrupted(signal) => StartOutcome::Interrupted(signal),
        StartOutcome::AppExited(code) => StartOutcome::AppExited(code),
    })
}

/// Follows `tor` to 100% (see [`bootstrap`]). On every other outcome tor is stopped, and
/// the running app too on a signal or an error.
async fn follow_to_ready(
    settings: &LaunchSettings,
    tor: &mut RunningTor,
    view: &mut ProgressView,
    signals: &mut TerminationSignals,
    mut app: Option<&mut AppProcess>,
    prompt: &mut StallPrompt,
) -> Result<StartOutcome<()>, LaunchError> {
    let grace = settings.shutdown_grace;
    let outcome = bootstrap(settings, tor, view, signals, app.as_deref_mut(), prompt).await;
    match outcome {
        Ok(StartOutcome::Ready(())) => Ok(StartOutcome::Ready(())),
        Ok(StartOutcome::Interrupted(signal)) => {
            if let Some(app) = app {
                app.stop(grace).await;
            }
            tor.stop(grace).await;
            Ok(StartOutcome::Interrupted(signal))
        }
        Ok(StartOutcome::AppExited(code)) => {
            tor.stop(grace).await;
            Ok(StartOutcome::AppExited(code))
        }
        Err(error) => {
            if let Some(app) = app {
                view.message(&format!(
                    "stopping {}: tor cannot run",
                    settings.app.program.display()
                ));
                app.stop(grace).await;
            }
            tor.stop(grace).await;
            Err(error)
        }
    }
}

/// Removes the obfs4 plugin line earlier launchers put in the user torrc (it would replace
/// the bundle's transports), and warns about plugin lines the user wrote: they replace the
/// bundle's too. Tor is not running yet, so the file may be edited.
fn check_user_torrc(settings: &LaunchSettings, view: &ProgressView) -> Result<(), LaunchError> {
    let path = settings.profile.user_torrc();
    let mut torrc = UserTorrc::load(&path)?;
    if torrc.remove_legacy_plugin_line() {
        torrc.save(&path)?;
        view.message("removed the obfs4 line of an earlier version from your torrc: the bundle's own transports are used");
    }
    for line in torrc.own_plugin_lines() {
        view.message(&format!(
            "warning: your torrc ({}) sets {line:?}: tor then uses your transports instead of the bundle's",
            path.display()
        ));
    }
    Ok(())
}

/// Says which transport programs are used when they are not the bundle's, and which
/// transports are not available and why.
fn report_transports(settings: &LaunchSettings, view: &ProgressView) {
    for binary in &settings.transports.available {
        if binary.origin == Origin::System {
            view.message(&format!(
                "development run: {} uses the system's {} (a bundle ships its own in tor/pluggable_transports/)",
                binary.transport,
                binary.path.display()
            ));
        }
    }
    for why in &settings.transports.unavailable {
        view.message(&format!("warning: {why}"));
    }
}

fn control_addr(settings: &LaunchSettings) -> SocketAddr {
    SocketAddr::from((Ipv4Addr::LOCALHOST, settings.control_port))
}

fn write_defaults(settings: &LaunchSettings) -> Result<(), LaunchError> {
    let (template, source_name) = torrc_defaults::load_template(&settings.defaults_template)?;
    let text = torrc_defaults::render(
        &template,
        &source_name,
        &DefaultsValues {
            socks_port: settings.socks_port,
            control_port: settings.control_port,
            data_directory: &settings.profile.tor_dir(),
            owner_pid: std::process::id(),
            extra_torrc: settings.extra_torrc.as_deref(),
            plugin_lines: &plugin_lines(&settings.transports),
        },
    )?;
    torrc_defaults::write(&settings.profile.generated_defaults(), &text)
}

/// The environment the messenger gets (documented in launcher/README.md).
fn app_env(settings: &LaunchSettings, socks: Option<SocketAddr>) -> Vec<(&'static str, OsString)> {
    let mut env = vec![(ENV_PROFILE, settings.profile.dir().as_os_str().to_owned())];
    if let Some(socks) = socks {
        env.push((ENV_SOCKS, socks.to_string().into()));
    }
    if settings.tor.is_some() {
        env.push((ENV_CONTROL, control_addr(settings).to_string().into()));
        env.push((
            ENV_CONTROL_COOKIE,
            settings.profile.cookie().into_os_string(),
        ));
    }
    env
}
