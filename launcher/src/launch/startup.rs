//! Starting tor and following its bootstrap to 100%: the control port, authentication,
//! ownership, progress, stall detection.

use std::net::{Ipv4Addr, SocketAddr};
use std::process::ExitStatus;
use std::time::Duration;

use tokio::time::Instant;

use super::control_addr;
use crate::app_process::{AppProcess, exit_code};
use crate::error::{EXIT_ERROR, LaunchError};
use crate::progress::ProgressView;
use crate::settings::LaunchSettings;
use crate::signals::TerminationSignals;
use crate::stall_advice::stall_advice;
use crate::tor_binary::TorBinary;
use crate::tor_process::{TorCommand, TorProcess};
use messenger_tor_control::{BootstrapStatus, ControlClient, Event, EventKind, EventStream};

/// How long tor may take to open its control port after starting.
const CONTROL_PORT_WAIT: Duration = Duration::from_secs(30);
/// After a control-port failure during start-up, how long to wait for tor to exit on its own
/// (and so explain the failure).
const TOR_EXIT_WAIT: Duration = Duration::from_secs(8);

/// A tor that reached 100%.
#[derive(Debug)]
pub(super) struct RunningTor {
    pub(super) process: TorProcess,
    pub(super) control: ControlClient,
    pub(super) events: EventStream,
    pub(super) socks: SocketAddr,
}

impl RunningTor {
    pub(super) async fn stop(&mut self, grace: Duration) {
        self.process.stop(Some(&mut self.control), grace).await;
    }
}

/// How starting tor ended, when it did not fail.
#[derive(Debug)]
pub(super) enum StartOutcome {
    Ready(Box<RunningTor>),
    /// SIGINT/SIGTERM arrived (the signal number); tor is stopped.
    Interrupted(i32),
    /// The already running messenger exited meanwhile (during a restart), with this exit
    /// code; tor is stopped.
    AppExited(i32),
}

pub(super) fn describe_exit(status: std::io::Result<ExitStatus>) -> String {
    match status {
        Ok(status) => status.to_string(),
        Err(error) => format!("its status is unknown: {error}"),
    }
}

/// Waits for the messenger if there is one, else forever.
async fn wait_app(app: &mut Option<&mut AppProcess>) -> std::io::Result<ExitStatus> {
    match app {
        Some(app) => app.wait().await,
        None => std::future::pending().await,
    }
}

/// Starts tor and follows it to 100%. Tor is stopped again on every outcome but `Ready`.
pub(super) async fn start_tor(
    settings: &LaunchSettings,
    binary: &TorBinary,
    view: &mut ProgressView,
    signals: &mut TerminationSignals,
    mut app: Option<&mut AppProcess>,
) -> Result<StartOutcome, LaunchError> {
    let mut process = TorProcess::spawn(&TorCommand {
        binary: binary.path.clone(),
        defaults_torrc: settings.profile.generated_defaults(),
        user_torrc: settings.profile.user_torrc(),
        echo_output: settings.verbose,
    })?;
    view.message(&format!(
        "started tor {} (pid {})",
        binary.path.display(),
        process.pid()
    ));
    let grace = settings.shutdown_grace;
    match bring_up(settings, &mut process, view, signals, &mut app).await {
        Ok(BringUp::Ready {
            control,
            events,
            socks,
        }) => Ok(StartOutcome::Ready(Box::new(RunningTor {
            process,
            control,
            events,
            socks,
        }))),
        Ok(BringUp::Interrupted(signal)) => {
            process.stop(None, grace).await;
            Ok(StartOutcome::Interrupted(signal))
        }
        Ok(BringUp::AppExited(code)) => {
            process.stop(None, grace).await;
            Ok(StartOutcome::AppExited(code))
        }
        Err(LaunchError::Control(error)) => {
            // A control connection that breaks while tor is exiting is the symptom; tor's own
            // words are the cause (e.g. another tor holds the data directory: tor waits 5 s).
            match tokio::time::timeout(TOR_EXIT_WAIT, process.wait()).await {
                Ok(status) => Err(LaunchError::TorExitedEarly {
                    status: describe_exit(status),
                    tor_said: process.what_tor_said().await,
                }),
                Err(_) => {
                    process.stop(None, grace).await;
                    Err(LaunchError::Control(error))
                }
            }
        }
        Err(error) => {
            process.stop(None, grace).await;
            Err(error)
        }
    }
}

#[derive(Debug)]
enum BringUp {
    Ready {
        control: ControlClient,
        events: EventStream,
        socks: SocketAddr,
    },
    Interrupted(i32),
    AppExited(i32),
}

async fn bring_up(
    settings: &LaunchSettings,
    process: &mut TorProcess,
    view: &mut ProgressView,
    signals: &mut TerminationSignals,
    app: &mut Option<&mut AppProcess>,
) -> Result<BringUp, LaunchError> {
    let addr = control_addr(settings);
    let deadline = Instant::now() + CONTROL_PORT_WAIT;
    let (mut control, mut events) = loop {
        if let Some(status) = process.try_exit_status() {
            return Err(LaunchError::TorExitedEarly {
                status: status.to_string(),
                tor_said: process.what_tor_said().await,
            });
        }
        match ControlClient::connect(addr, Duration::from_secs(2)).await {
            Ok(connection) => break connection,
            Err(_) if Instant::now() < deadline => {}
            Err(_) => {
                return Err(LaunchError::ControlPortNotReady {
                    addr,
                    limit: CONTROL_PORT_WAIT,
                    tor_said: process.what_tor_said().await,
                });
            }
        }
        tokio::select! {
            signal = signals.recv() => return Ok(BringUp::Interrupted(signal)),
            status = wait_app(app) => return Ok(BringUp::AppExited(status.map(exit_code).unwrap_or(EXIT_ERROR))),
            () = tokio::time::sleep(Duration::from_millis(50)) => {}
        }
    };
    control
        .authenticate(Some(&settings.profile.cookie()))
        .await?;
    control.take_ownership().await?;
    control
        .set_events(&[EventKind::StatusClient, EventKind::Notice, EventKind::Warn])
        .await?;
    let mut status = control.bootstrap_phase().await?;
    view.update(&status);

    let mut best_progress = status.progress;
    let mut stall_deadline = Instant::now() + settings.stall_timeout;
    // The last warning of any kind (for the stall advice), and the last bootstrap problem
    // shown: tor repeats the same problem with log warnings in between, and the person
    // should read it once per change, not once per repetition.
    let mut last_warning: Option<String> = None;
    let mut last_shown: Option<String> = None;
    while !status.is_done() {
        tokio::select! {
            event = events.next() => match event {
                Some(Ok(Event::Bootstrap(report))) => {
                    if report.is_problem() {
                        let warning = describe_warning(&report);
                        if last_shown.as_deref() != Some(warning.as_str()) {
                            view.message(&format!("tor has a problem connecting: {warning}"));
                            last_shown = Some(warning.clone());
                        }
                        last_warning = Some(warning);
                    }
                    if report.progress > best_progress {
                        best_progress = report.progress;
                        stall_deadline = Instant::now() + settings.stall_timeout;
                    }
                    view.update(&report);
                    status = report;
                }
                Some(Ok(Event::Log { severity, message })) if severity == "WARN" || severity == "ERR" => {
                    last_warning = Some(message);
                }
                Some(Ok(_)) => {}
                Some(Err(error)) => return Err(messenger_tor_control::ControlError::from(error).into()),
                None => {
                    let _ = tokio::time::timeout(settings.shutdown_grace, process.wait()).await;
                    return Err(LaunchError::TorExitedEarly {
                        status: process
                            .try_exit_status()
                            .map_or_else(|| "it closed its control connection".to_owned(), |status| status.to_string()),
                        tor_said: process.what_tor_said().await,
                    });
                }
            },
            exit = process.wait() => {
                return Err(LaunchError::TorExitedEarly {
                    status: describe_exit(exit),
                    tor_said: process.what_tor_said().await,
                });
            }
            () = tokio::time::sleep_until(stall_deadline) => {
                view.finish();
                view.message(&format!(
                    "tor made no progress for {} s; it is stuck at {}%: {}\n{}",
                    settings.stall_timeout.as_secs(),
                    status.progress,
                    status.summary,
                    stall_advice(last_warning.as_deref(), &settings.profile.user_torrc())
                ));
                return Err(LaunchError::BootstrapStalled {
                    limit: settings.stall_timeout,
                    progress: status.progress,
                    summary: status.summary.clone(),
                });
            }
            signal = signals.recv() => return Ok(BringUp::Interrupted(signal)),
            exit = wait_app(app) => return Ok(BringUp::AppExited(exit.map(exit_code).unwrap_or(EXIT_ERROR))),
        }
    }
    let socks = control
        .socks_listeners()
        .await?
        .iter()
        .find_map(|listener| listener.parse::<SocketAddr>().ok())
        .unwrap_or(SocketAddr::from((Ipv4Addr::LOCALHOST, settings.socks_port)));
    // Past bootstrap, only trouble is of interest.
    control
        .set_events(&[EventKind::StatusClient, EventKind::Warn])
        .await?;
    Ok(BringUp::Ready {
        control,
        events,
        socks,
    })
}

fn describe_warning(report: &BootstrapStatus) -> String {
    let mut text = format!("{}% ({})", report.progress, report.summary);
    if let Some(warning) = &report.warning {
        text.push_str(": ");
        text.push_str(warning);
    }
    if let Some(reason) = &report.reason {
        text.push_str(&format!(" [{reason}]"));
    }
    text
}
