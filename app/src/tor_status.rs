//! Follows tor's bootstrap through its control port (loopback only, SAFECOOKIE, through
//! `messenger-tor-control`) and reports the progress and tor's bootstrap warnings to the UI,
//! asking for a repaint only when something changed.
//!
//! The watcher is a task on the session's runtime. The control connection stays open: tor
//! pushes its bootstrap progress (`SETEVENTS STATUS_CLIENT`), and when tor stops (the
//! launcher restarts it, or it dies) the connection closes at once, so the window shows tor
//! as unavailable at once, instead of "connected" until a next poll. Then the watcher
//! connects again every second; a new tor is followed from its first progress report to
//! 100 %.

use messenger_chat::{TorState, TorWarning};
use messenger_tor_control::{BootstrapStatus, ControlClient, ControlError, Event, EventKind};
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::mpsc::Sender;
use std::time::Duration;

/// Where to reach tor's control port and how to authenticate.
#[derive(Debug, Clone)]
pub(crate) struct ControlPort {
    /// The control port address (the launcher's tor, on loopback).
    pub address: SocketAddr,
    /// The cookie file (read again at each connection: a restarted tor writes a new one);
    /// without it, the file tor names is used (safe with SAFECOOKIE).
    pub cookie: Option<PathBuf>,
}

/// What the watcher tells the window.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum TorReport {
    /// Tor's state changed.
    State(TorState),
    /// Tor has trouble bootstrapping and keeps trying; reported once per new problem.
    Warning(TorWarning),
}

/// How long to wait before connecting again after the connection failed or closed.
const RETRY: Duration = Duration::from_secs(1);

/// How long connecting to the control port may take (it is on this computer).
const CONNECT_LIMIT: Duration = Duration::from_secs(3);

/// A connection that says nothing for this long is asked for the bootstrap phase: a tor
/// that does not answer within the client's reply limit is taken as gone.
const QUIET: Duration = Duration::from_secs(30);

/// Starts the watcher on `runtime`. `notify` is called after each report (to wake the UI).
pub(crate) fn watch(
    runtime: &tokio::runtime::Handle,
    control: ControlPort,
    updates: Sender<TorReport>,
    notify: impl Fn() + Send + 'static,
) -> tokio::task::JoinHandle<()> {
    runtime.spawn(async move {
        follow(&control, RETRY, move |report| {
            if updates.send(report).is_err() {
                return false;
            }
            notify();
            true
        })
        .await;
    })
}

/// Follows tor until `report` returns false, reporting each change of state once (progress
/// while tor bootstraps, ready at 100 %, unavailable while the control port cannot be
/// reached or its connection closed) and each new bootstrap warning once.
pub(crate) async fn follow(
    control: &ControlPort,
    retry: Duration,
    mut report: impl FnMut(TorReport) -> bool,
) {
    let mut reporter = Reporter::default();
    let mut publish = |news: TorReport| reporter.publish(news, &mut report);
    loop {
        match follow_connection(control, &mut publish).await {
            Ok(Ended::Stop) => return,
            Err(_lost) => {
                if !publish(TorReport::State(TorState::Unavailable)) {
                    return;
                }
            }
        }
        tokio::time::sleep(retry).await;
    }
}

/// Drops repetitions: a state equal to the last one, a warning equal to the last one but
/// for its count (tor repeats a problem with a higher `COUNT` while it keeps trying).
#[derive(Default)]
struct Reporter {
    state: Option<TorState>,
    warning: Option<TorWarning>,
}

impl Reporter {
    fn publish(&mut self, news: TorReport, report: &mut impl FnMut(TorReport) -> bool) -> bool {
        match &news {
            TorReport::State(state) => {
                if self.state.as_ref() == Some(state) {
                    return true;
                }
                self.state = Some(state.clone());
                // A new state: the same problem again is news again.
                self.warning = None;
            }
            TorReport::Warning(warning) => {
                let same = |last: &TorWarning| {
                    TorWarning {
                        count: warning.count,
                        ..last.clone()
                    } == *warning
                };
                if self.warning.as_ref().is_some_and(same) {
                    return true;
                }
                self.warning = Some(warning.clone());
            }
        }
        report(news)
    }
}

/// How a control connection ended without an error.
enum Ended {
    /// The receiver is gone: stop watching.
    Stop,
}

/// One control connection: authenticate, subscribe, ask for the current phase, then follow
/// the events until the connection closes (an error: tor is gone).
async fn follow_connection(
    control: &ControlPort,
    publish: &mut impl FnMut(TorReport) -> bool,
) -> Result<Ended, ControlError> {
    let (mut client, mut events) = ControlClient::connect_authenticated(
        control.address,
        CONNECT_LIMIT,
        control.cookie.as_deref(),
    )
    .await?;
    // Events first, then the phase: no progress report can fall between the two.
    client.set_events(&[EventKind::StatusClient]).await?;
    let mut progress = Progress::default();
    let phase = client.bootstrap_phase().await?;
    if !progress.report(&phase, publish) {
        return Ok(Ended::Stop);
    }
    loop {
        let status = tokio::select! {
            event = events.next() => match event {
                None => return Err(ControlError::Closed),
                Some(Err(error)) => return Err(error.into()),
                Some(Ok(Event::Bootstrap(status))) => status,
                Some(Ok(_)) => continue,
            },
            // Quiet for a while: is tor still there?
            () = tokio::time::sleep(QUIET) => client.bootstrap_phase().await?,
        };
        if !progress.report(&status, publish) {
            return Ok(Ended::Stop);
        }
    }
}

/// The bootstrap reports of one connection, in order.
#[derive(Default)]
struct Progress {
    highest: u8,
}

impl Progress {
    /// Publishes a report; false when the receiver is gone. Events that waited in the queue
    /// while the current phase was asked for can be older than its answer: tor's progress
    /// only rises, so a lower one is stale and skipped.
    fn report(
        &mut self,
        status: &BootstrapStatus,
        publish: &mut impl FnMut(TorReport) -> bool,
    ) -> bool {
        if status.progress < self.highest {
            return true;
        }
        self.highest = status.progress;
        let state = match status.progress {
            100 => TorState::Ready,
            progress => TorState::Bootstrapping { progress },
        };
        if !publish(TorReport::State(state)) {
            return false;
        }
        match warning(status) {
            Some(warning) => publish(TorReport::Warning(warning)),
            None => true,
        }
    }
}

/// The warning in a `WARN`/`ERR` bootstrap report.
fn warning(status: &BootstrapStatus) -> Option<TorWarning> {
    if !status.is_problem() {
        return None;
    }
    Some(TorWarning {
        progress: status.progress,
        summary: status.summary.clone(),
        warning: status.warning.clone().unwrap_or_default(),
        reason: status.reason.clone().unwrap_or_default(),
        recommendation: status.recommendation.clone().unwrap_or_default(),
        count: status.count.unwrap_or(1),
        host_address: status.host_address.clone(),
    })
}

#[cfg(test)]
mod tests;
