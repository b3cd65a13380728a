//! The default action: start tor, follow its bootstrap, run the messenger at 100%, and stop
//! tor when the messenger exits (or restart tor if it dies meanwhile).

use std::ffi::OsString;
use std::net::{Ipv4Addr, SocketAddr};
use std::process::ExitStatus;
use std::time::Duration;

use tokio::time::Instant;

use crate::app_process::{
    AppProcess, ENV_CONTROL, ENV_CONTROL_COOKIE, ENV_PROFILE, ENV_SOCKS, exit_code,
};
use crate::control::{BootstrapStatus, ControlClient, Event, EventStream, Severity};
use crate::error::{EXIT_ERROR, LaunchError};
use crate::port_check::{PortRole, ensure_port_free};
use crate::progress::ProgressView;
use crate::settings::LaunchSettings;
use crate::signals::TerminationSignals;
use crate::stall_advice::stall_advice;
use crate::tor_binary::{TorBinary, TorOrigin};
use crate::tor_process::{TorCommand, TorProcess};
use crate::torrc_defaults::{self, DefaultsValues};

/// How long tor may take to open its control port after starting.
const CONTROL_PORT_WAIT: Duration = Duration::from_secs(30);
/// After a control-port failure during start-up, how long to wait for tor to exit on its own
/// (and so explain the failure).
const TOR_EXIT_WAIT: Duration = Duration::from_secs(8);
/// How long `--use-system-tor` waits for that tor's SOCKS port to accept a connection.
const SYSTEM_TOR_CONNECT_WAIT: Duration = Duration::from_secs(5);

/// A tor that reached 100%.
#[derive(Debug)]
struct RunningTor {
    process: TorProcess,
    control: ControlClient,
    events: EventStream,
    socks: SocketAddr,
}

impl RunningTor {
    async fn stop(&mut self, grace: Duration) {
        self.process.stop(Some(&mut self.control), grace).await;
    }
}

/// How starting tor ended, when it did not fail.
#[derive(Debug)]
enum StartOutcome {
    Ready(Box<RunningTor>),
    /// SIGINT/SIGTERM arrived (the signal number); tor is stopped.
    Interrupted(i32),
    /// The already running messenger exited meanwhile (during a restart), with this exit
    /// code; tor is stopped.
    AppExited(i32),
}

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
    write_defaults(settings)?;

    let mut tor = match start_tor(settings, binary, &mut view, &mut signals, None).await? {
        StartOutcome::Ready(tor) => *tor,
        StartOutcome::Interrupted(signal) => return Ok(128 + signal),
        StartOutcome::AppExited(code) => return Ok(code),
    };
    view.finish();
    view.message(&format!(
        "tor is ready (SOCKS {}, control {}); starting {}",
        tor.socks,
        control_addr(settings),
        settings.app.program.display()
    ));
    let mut app = match AppProcess::spawn(&settings.app, &app_env(settings, Some(tor.socks))) {
        Ok(app) => app,
        Err(error) => {
            tor.stop(settings.shutdown_grace).await;
            return Err(error);
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
                let restarted = restart_tor(settings, binary, &mut signals, &mut app).await;
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
) -> Result<StartOutcome, LaunchError> {
    ensure_port_free(settings.socks_port, PortRole::Socks)?;
    ensure_port_free(settings.control_port, PortRole::Control)?;
    write_defaults(settings)?;
    let mut view = ProgressView::new();
    let outcome = start_tor(settings, binary, &mut view, signals, Some(app)).await;
    view.finish();
    outcome
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

fn describe_exit(status: std::io::Result<ExitStatus>) -> String {
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
async fn start_tor(
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
        .set_events(&["STATUS_CLIENT", "NOTICE", "WARN"])
        .await?;
    let mut status = control.bootstrap_phase().await?;
    view.update(&status);

    let mut best_progress = status.progress;
    let mut stall_deadline = Instant::now() + settings.stall_timeout;
    let mut last_warning: Option<String> = None;
    while !status.is_done() {
        tokio::select! {
            event = events.next() => match event {
                Some(Ok(Event::Bootstrap(report))) => {
                    if report.severity != Severity::Notice {
                        let warning = describe_warning(&report);
                        if last_warning.as_deref() != Some(warning.as_str()) {
                            view.message(&format!("tor has a problem connecting: {warning}"));
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
                Some(Err(error)) => return Err(crate::control::ControlError::from(error).into()),
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
    control.set_events(&["STATUS_CLIENT", "WARN"]).await?;
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

/// `--use-system-tor`: check that tor answers, then run the messenger over it.
async fn run_with_system_tor(
    settings: &LaunchSettings,
    addr: SocketAddr,
    signals: &mut TerminationSignals,
    view: &ProgressView,
) -> Result<i32, LaunchError> {
    match tokio::time::timeout(
        SYSTEM_TOR_CONNECT_WAIT,
        tokio::net::TcpStream::connect(addr),
    )
    .await
    {
        Ok(Ok(_probe)) => {}
        Ok(Err(source)) => return Err(LaunchError::SystemTorUnreachable { addr, source }),
        Err(_) => {
            return Err(LaunchError::SystemTorUnreachable {
                addr,
                source: std::io::ErrorKind::TimedOut.into(),
            });
        }
    }
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
