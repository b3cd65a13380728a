//! Starting tor and following its bootstrap to 100%: the control port, authentication,
//! ownership, progress, and stalls (what they mean, the choices, applying the one made).

use std::net::{Ipv4Addr, SocketAddr};
use std::process::ExitStatus;
use std::time::Duration;

use tokio::time::Instant;

use super::control_addr;
use super::stall_prompt::{Answer, StallPrompt};
use crate::app_process::{AppProcess, exit_code};
use crate::bridges::{Bridges, apply_live};
use crate::error::{EXIT_ERROR, LaunchError};
use crate::progress::ProgressView;
use crate::settings::LaunchSettings;
use crate::signals::TerminationSignals;
use crate::stall_advice::{StallChoice, stall_advice};
use crate::tor_binary::TorBinary;
use crate::tor_process::{TorCommand, TorProcess};
use messenger_bridges::{BridgeMode, BridgeSelection, StallWatch};
use messenger_tor_control::{BootstrapStatus, ControlClient, Event, EventKind, EventStream};

/// How long tor may take to open its control port after starting.
const CONTROL_PORT_WAIT: Duration = Duration::from_secs(30);
/// After a control-port failure during start-up, how long to wait for tor to exit on its own
/// (and so explain the failure).
const TOR_EXIT_WAIT: Duration = Duration::from_secs(8);

/// A tor whose control port the launcher owns.
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

/// How starting tor or following its bootstrap ended, when it did not fail.
#[derive(Debug)]
pub(super) enum StartOutcome<T> {
    /// Done: connected (from [`start_tor`]) or at 100% (from [`bootstrap`]).
    Ready(T),
    /// SIGINT/SIGTERM arrived (the signal number).
    Interrupted(i32),
    /// The already running messenger exited meanwhile, with this exit code.
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

/// Starts tor and connects to its control port (authenticated, owned, events on). Tor is
/// stopped again on every outcome but `Ready`.
pub(super) async fn start_tor(
    settings: &LaunchSettings,
    binary: &TorBinary,
    view: &mut ProgressView,
    signals: &mut TerminationSignals,
    mut app: Option<&mut AppProcess>,
) -> Result<StartOutcome<Box<RunningTor>>, LaunchError> {
    let mut process = TorProcess::spawn(&TorCommand {
        binary: binary.path.clone(),
        defaults_torrc: settings.profile.generated_defaults(),
        user_torrc: settings.profile.user_torrc(),
        echo_output: settings.verbose,
        working_dir: settings.transports.tor_working_dir().map(Into::into),
    })?;
    view.message(&format!(
        "started tor {} (pid {})",
        binary.path.display(),
        process.pid()
    ));
    let grace = settings.shutdown_grace;
    match connect(settings, &mut process, signals, &mut app).await {
        Ok(StartOutcome::Ready((control, events, socks))) => {
            Ok(StartOutcome::Ready(Box::new(RunningTor {
                process,
                control,
                events,
                socks,
            })))
        }
        Ok(StartOutcome::Interrupted(signal)) => {
            process.stop(None, grace).await;
            Ok(StartOutcome::Interrupted(signal))
        }
        Ok(StartOutcome::AppExited(code)) => {
            process.stop(None, grace).await;
            Ok(StartOutcome::AppExited(code))
        }
        Err(error) => Err(explain_failure(&mut process, error, grace).await),
    }
}

/// A control connection that breaks while tor is exiting is the symptom; tor's own words are
/// the cause (e.g. another tor holds the data directory: tor waits 5 s). Stops tor.
async fn explain_failure(
    process: &mut TorProcess,
    error: LaunchError,
    grace: Duration,
) -> LaunchError {
    if let LaunchError::Control(control_error) = error {
        match tokio::time::timeout(TOR_EXIT_WAIT, process.wait()).await {
            Ok(status) => LaunchError::TorExitedEarly {
                status: describe_exit(status),
                tor_said: process.what_tor_said().await,
            },
            Err(_) => {
                process.stop(None, grace).await;
                LaunchError::Control(control_error)
            }
        }
    } else {
        process.stop(None, grace).await;
        error
    }
}

type Connection = (ControlClient, EventStream, SocketAddr);

async fn connect(
    settings: &LaunchSettings,
    process: &mut TorProcess,
    signals: &mut TerminationSignals,
    app: &mut Option<&mut AppProcess>,
) -> Result<StartOutcome<Connection>, LaunchError> {
    let addr = control_addr(settings);
    let deadline = Instant::now() + CONTROL_PORT_WAIT;
    let (mut control, events) = loop {
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
            signal = signals.recv() => return Ok(StartOutcome::Interrupted(signal)),
            status = wait_app(app) => return Ok(StartOutcome::AppExited(status.map(exit_code).unwrap_or(EXIT_ERROR))),
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
    // Tor's listeners open at start, before bootstrap: the messenger can be told at once.
    let socks = control
        .socks_listeners()
        .await?
        .iter()
        .find_map(|listener| listener.parse::<SocketAddr>().ok())
        .unwrap_or(SocketAddr::from((Ipv4Addr::LOCALHOST, settings.socks_port)));
    Ok(StartOutcome::Ready((control, events, socks)))
}

/// What the bootstrap follower knows and can do about stalls.
struct Stalls<'a> {
    settings: &'a LaunchSettings,
    bridges: Bridges,
    prompt: &'a mut StallPrompt,
    watch: StallWatch,
    mode: BridgeMode,
    best_progress: u8,
    deadline: Instant,
}

/// Follows tor's bootstrap to 100%. A stall is explained, with the choices; the launcher
/// asks for one when standard input can answer, applies it on the control port and keeps
/// following. Without anyone to answer and no messenger running (which shows the choices
/// itself), a stall stops the launch with [`LaunchError::BootstrapStalled`]. The caller
/// stops tor on every outcome but `Ready`.
pub(super) async fn bootstrap(
    settings: &LaunchSettings,
    tor: &mut RunningTor,
    view: &mut ProgressView,
    signals: &mut TerminationSignals,
    mut app: Option<&mut AppProcess>,
    prompt: &mut StallPrompt,
) -> Result<StartOutcome<()>, LaunchError> {
    let mut status = tor.control.bootstrap_phase().await?;
    view.update(&status);
    let bridges = Bridges::with(
        settings.profile.clone(),
        settings.pt_config.clone(),
        settings.transports.clone(),
    );
    let current = bridges
        .current()
        .unwrap_or_else(|_| BridgeSelection::direct());
    let mut watch = StallWatch::new(&settings.pt_config);
    watch.set_uses_bridges(current.mode != BridgeMode::Direct);
    let mut stalls = Stalls {
        settings,
        bridges,
        prompt,
        watch,
        mode: current.mode,
        best_progress: status.progress,
        deadline: Instant::now() + settings.stall_timeout,
    };
    // Tor repeats the same problem with log warnings in between: the person should read it
    // once per change, not once per repetition.
    let mut last_shown: Option<String> = None;
    while !status.is_done() {
        tokio::select! {
            event = tor.events.next() => match event {
                Some(Ok(Event::Bootstrap(report))) => {
                    if report.is_problem() {
                        stalls
                            .watch
                            .observe_bootstrap_problem(report.warning.as_deref(), report.reason.as_deref());
                        let warning = describe_warning(&report);
                        if last_shown.as_deref() != Some(warning.as_str()) {
                            view.message(&format!("tor has a problem connecting: {warning}"));
                            last_shown = Some(warning);
                        }
                    }
                    if report.progress > stalls.best_progress {
                        stalls.best_progress = report.progress;
                        stalls.deadline = Instant::now() + settings.stall_timeout;
                    }
                    view.update(&report);
                    status = report;
                }
                Some(Ok(Event::Log { severity, message })) => {
                    stalls.watch.observe_log(&severity, &message);
                }
                Some(Ok(_)) => {}
                Some(Err(error)) => return Err(messenger_tor_control::ControlError::from(error).into()),
                None => {
                    let _ = tokio::time::timeout(settings.shutdown_grace, tor.process.wait()).await;
                    return Err(LaunchError::TorExitedEarly {
                        status: tor.process
                            .try_exit_status()
                            .map_or_else(|| "it closed its control connection".to_owned(), |status| status.to_string()),
                        tor_said: tor.process.what_tor_said().await,
                    });
                }
            },
            exit = tor.process.wait() => {
                return Err(LaunchError::TorExitedEarly {
                    status: describe_exit(exit),
                    tor_said: tor.process.what_tor_said().await,
                });
            }
            () = tokio::time::sleep_until(stalls.deadline) => {
                stalls.refresh_mode(&mut tor.control).await?;
                stalls.stalled(view, &status, app.is_some())?;
            }
            line = stalls.prompt.next_line() => {
                let answer = stalls.prompt.answer(line);
                stalls.answered(answer, &mut tor.control, view).await;
            }
            signal = signals.recv() => return Ok(StartOutcome::Interrupted(signal)),
            exit = wait_app(&mut app) => return Ok(StartOutcome::AppExited(exit.map(exit_code).unwrap_or(EXIT_ERROR))),
        }
    }
    stalls.prompt.close();
    // Past bootstrap, only trouble is of interest.
    tor.control
        .set_events(&[EventKind::StatusClient, EventKind::Warn])
        .await?;
    Ok(StartOutcome::Ready(()))
}

impl Stalls<'_> {
    /// What tor uses now, asked from tor itself: the messenger or `bridges` may have changed
    /// it meanwhile.
    async fn refresh_mode(&mut self, control: &mut ControlClient) -> Result<(), LaunchError> {
        let entries = control.get_conf(&["UseBridges", "Bridge"]).await?;
        let use_bridges = entries
            .iter()
            .any(|entry| entry.key == "UseBridges" && entry.value.as_deref() == Some("1"));
        let bridges: Vec<String> = entries
            .iter()
            .filter(|entry| entry.key == "Bridge")
            .filter_map(|entry| entry.value.clone())
            .collect();
        let mode =
            BridgeSelection::from_options(use_bridges, &bridges, &self.settings.pt_config).mode;
        if mode != self.mode {
            // Changed elsewhere: what was seen was about the old way to connect.
            self.mode = mode;
            self.watch.set_uses_bridges(mode != BridgeMode::Direct);
        }
        Ok(())
    }

    fn choices(&self) -> Vec<StallChoice> {
        let available: Vec<_> = self
            .settings
            .transports
            .available
            .iter()
            .map(|binary| binary.transport)
            .collect();
        StallChoice::offered(self.mode, &available)
    }

    /// No progress for the stall timeout: say what it means and what can be done; ask when
    /// someone can answer here, else leave the choice to the messenger's window, else stop.
    fn stalled(
        &mut self,
        view: &mut ProgressView,
        status: &BootstrapStatus,
        app_running: bool,
    ) -> Result<(), LaunchError> {
        self.deadline = Instant::now() + self.settings.stall_timeout;
        if self.prompt.is_asking() {
            return Ok(());
        }
        let asking = self.prompt.interactive();
        let choices = self.choices();
        view.finish();
        view.message(&format!(
            "tor made no progress for {} s; it is stuck at {}%: {}\n{}",
            self.settings.stall_timeout.as_secs(),
            status.progress,
            status.summary,
            stall_advice(
                self.watch.cause(),
                self.watch.last_warning(),
                &choices,
                &self.settings.profile.user_torrc(),
                asking,
            )
        ));
        if asking {
            self.prompt.ask(choices);
        } else if app_running {
            view.message("the messenger's window offers the same choices; tor keeps trying");
        } else {
            return Err(LaunchError::BootstrapStalled {
                limit: self.settings.stall_timeout,
                progress: status.progress,
                summary: status.summary.clone(),
            });
        }
        Ok(())
    }

    /// Carries out what the person typed.
    async fn answered(
        &mut self,
        answer: Answer,
        control: &mut ControlClient,
        view: &mut ProgressView,
    ) {
        let selection = match answer {
            Answer::Collecting => return,
            Answer::Closed => {
                view.message("no more answers can be read; tor keeps trying");
                return;
            }
            Answer::Invalid(text) => {
                view.message(&text);
                return;
            }
            Answer::Chose(StallChoice::KeepWaiting) => {
                self.deadline = Instant::now() + self.settings.stall_timeout;
                view.message(&format!(
                    "waiting {} s more",
                    self.settings.stall_timeout.as_secs()
                ));
                return;
            }
            Answer::Chose(StallChoice::EnterBridges) => {
                view.message("Paste your bridge lines, then an empty line:");
                return;
            }
            Answer::Chose(StallChoice::BuiltIn(transport)) => {
                self.bridges.prepare_built_in(transport).map(|s| (s, None))
            }
            Answer::Chose(StallChoice::Direct) => Ok((BridgeSelection::direct(), None)),
            Answer::Pasted(text) => self
                .bridges
                .prepare_add(&text)
                .map(|(own, _, selection)| (selection, Some(own))),
        };
        let (selection, own) = match selection {
            Ok(prepared) => prepared,
            Err(error) => {
                view.message(&format!("{error}"));
                self.prompt.ask(self.choices());
                view.message(&format!(
                    "Type a number (1-{}) and Enter:",
                    self.choices().len()
                ));
                return;
            }
        };
        if let Err(error) = apply_live(control, &selection).await {
            view.message(&format!(
                "tor refused the change, nothing was changed: {error}"
            ));
            self.prompt.ask(self.choices());
            return;
        }
        if let Some(own) = own
            && let Err(error) = self.bridges.save_own(&own)
        {
            view.message(&format!(
                "your bridges are in use but were not kept: {error}"
            ));
        }
        self.mode = selection.mode;
        self.watch.reset();
        self.watch
            .set_uses_bridges(selection.mode != BridgeMode::Direct);
        self.deadline = Instant::now() + self.settings.stall_timeout;
        view.message(&format!(
            "now using {}; tor keeps connecting",
            selection.mode
        ));
    }
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
