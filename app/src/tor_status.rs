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
//!
//! It also tells the window how tor connects ([`TorConnection`]: tor's phase, the bridges in
//! use and the transports this tor can run, read with `GETCONF`), notices a stall (no progress
//! for [`STALL_AFTER`], or tor saying a problem needs attention) and what it likely means
//! (`messenger_bridges::StallWatch`, fed with the bootstrap reports and tor's `WARN` and
//! `NOTICE` log events: tor 0.4.9 sends no `PT_LOG`), and carries out the person's choice
//! ([`TorRequest`]) on the same connection: `SETCONF` then `SAVECONF`, so tor writes its own
//! torrc and no file is edited behind it. The person's own bridges are kept in
//! `Data/Tor/custom-bridges`, which tor never reads.

use messenger_bridges::{
    BridgeLine, BridgeMode, BridgeSelection, CustomBridges, PtConfig, StallWatch, Transport,
};
use messenger_chat::{TorState, TorWarning};
use messenger_tor_control::{
    BootstrapStatus, ConfigEntry, ControlClient, ControlError, Event, EventKind,
};
use messenger_ui::{ChangeFailure, ChangeStatus, TorConnection, TorRequest, TorStall};
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::mpsc::Sender;
use std::time::Duration;
use tokio::sync::mpsc::{UnboundedReceiver, UnboundedSender, unbounded_channel};
use tokio::time::Instant;

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
    /// How tor connects changed (phase, stall, bridges, the last change asked for).
    Connection(TorConnection),
}

/// What the watcher needs to help when tor cannot connect.
#[derive(Debug, Clone)]
pub(crate) struct Connecting {
    /// The bundle's transports and built-in bridges.
    pub pt_config: PtConfig,
    /// Where the person's own bridges are kept (`Data/Tor/custom-bridges`); `None`: nowhere.
    pub own_bridges: Option<PathBuf>,
    /// No progress for this long is a stall.
    pub stall_after: Duration,
}

/// How long without bootstrap progress before the window offers the ways to connect. Tor
/// normally moves on every few seconds; on a censored network it never does.
pub(crate) const STALL_AFTER: Duration = Duration::from_secs(30);

/// How long to wait before connecting again after the connection failed or closed.
const RETRY: Duration = Duration::from_secs(1);

/// How long connecting to the control port may take (it is on this computer).
const CONNECT_LIMIT: Duration = Duration::from_secs(3);

/// A connection that says nothing for this long is asked for the bootstrap phase: a tor
/// that does not answer within the client's reply limit is taken as gone.
const QUIET: Duration = Duration::from_secs(30);

/// Starts the watcher on `runtime`. `notify` is called after each report (to wake the UI).
/// Returns where the window sends the person's choices.
pub(crate) fn watch(
    runtime: &tokio::runtime::Handle,
    control: ControlPort,
    connecting: Connecting,
    updates: Sender<TorReport>,
    notify: impl Fn() + Send + 'static,
) -> UnboundedSender<TorRequest> {
    let (requests, mut received) = unbounded_channel();
    runtime.spawn(async move {
        follow_with(&control, RETRY, &connecting, &mut received, move |report| {
            if updates.send(report).is_err() {
                return false;
            }
            notify();
            true
        })
        .await;
    });
    requests
}

/// Follows tor until `report` returns false, reporting each change of state once (progress
/// while tor bootstraps, ready at 100 %, unavailable while the control port cannot be
/// reached or its connection closed) and each new bootstrap warning once. (The states and
/// warnings of [`follow_with`], without the connection reports and choices; the tests of
/// those use it.)
#[cfg(test)]
pub(crate) async fn follow(
    control: &ControlPort,
    retry: Duration,
    mut report: impl FnMut(TorReport) -> bool,
) {
    let connecting = Connecting {
        pt_config: PtConfig::default(),
        own_bridges: None,
        stall_after: STALL_AFTER,
    };
    let (_requests, mut received) = unbounded_channel();
    follow_with(
        control,
        retry,
        &connecting,
        &mut received,
        |news| match news {
            TorReport::Connection(_) => true,
            other => report(other),
        },
    )
    .await;
}

/// [`follow`], with the connection reported too and the choices from `requests` carried
/// out.
pub(crate) async fn follow_with(
    control: &ControlPort,
    retry: Duration,
    connecting: &Connecting,
    requests: &mut UnboundedReceiver<TorRequest>,
    mut report: impl FnMut(TorReport) -> bool,
) {
    let mut reporter = Reporter::default();
    let mut publish = |news: TorReport| reporter.publish(news, &mut report);
    let mut connection = TorConnection {
        own_bridges: load_own(connecting),
        ..TorConnection::default()
    };
    let mut requests_open = true;
    loop {
        let mut session = Session {
            connecting,
            connection: &mut connection,
            publish: &mut publish,
        };
        match session
            .follow_connection(control, requests, &mut requests_open)
            .await
        {
            Ok(Ended::Stop) => return,
            Err(_lost) => {
                connection.stall = None;
                connection.summary.clear();
                if !publish(TorReport::State(TorState::Unavailable))
                    || !publish(TorReport::Connection(connection.clone()))
                {
                    return;
                }
            }
        }
        // No tor: wait, and answer choices meanwhile (nothing can be changed).
        let deadline = Instant::now() + retry;
        loop {
            tokio::select! {
                () = tokio::time::sleep_until(deadline) => break,
                request = requests.recv(), if requests_open => match request {
                    None => requests_open = false,
                    Some(_) => {
                        connection.change = ChangeStatus::Failed(ChangeFailure::TorUnavailable);
                        if !publish(TorReport::Connection(connection.clone())) {
                            return;
                        }
                    }
                },
            }
        }
    }
}

/// The person's own bridges, as kept.
fn load_own(connecting: &Connecting) -> Vec<String> {
    let Some(path) = &connecting.own_bridges else {
        return Vec::new();
    };
    match CustomBridges::load(path) {
        Ok(Some(own)) => own.bridges.iter().map(ToString::to_string).collect(),
        Ok(None) => Vec::new(),
        Err(error) => {
            // The error names the file and line problem; shown to whoever runs the messenger
            // from a terminal. The bridge itself is private: only the problem is printed.
            eprintln!(
                "tor-messenger: your kept bridges cannot be read: {}",
                error_kind(&error)
            );
            Vec::new()
        }
    }
}

/// What is wrong with the kept bridges file, without its content.
fn error_kind(error: &messenger_bridges::CustomBridgesError) -> String {
    match error {
        messenger_bridges::CustomBridgesError::Line { source, .. } => format!(
            "line {} of Data/Tor/custom-bridges: {}",
            source.number.unwrap_or(0),
            source.problem
        ),
        other => other.to_string(),
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
            TorReport::Connection(_) => {}
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

/// One control connection's view of how tor connects.
struct Session<'a, P> {
    connecting: &'a Connecting,
    connection: &'a mut TorConnection,
    publish: &'a mut P,
}

impl<P: FnMut(TorReport) -> bool> Session<'_, P> {
    fn publish_connection(&mut self) -> bool {
        (self.publish)(TorReport::Connection(self.connection.clone()))
    }

    /// One control connection: authenticate, subscribe, ask for the current phase and how
    /// tor connects, then follow the events (and carry out the person's choices) until the
    /// connection closes (an error: tor is gone).
    async fn follow_connection(
        &mut self,
        control: &ControlPort,
        requests: &mut UnboundedReceiver<TorRequest>,
        requests_open: &mut bool,
    ) -> Result<Ended, ControlError> {
        let (mut client, mut events) = ControlClient::connect_authenticated(
            control.address,
            CONNECT_LIMIT,
            control.cookie.as_deref(),
        )
        .await?;
        // Events first, then the phase: no progress report can fall between the two. WARN
        // and NOTICE log events explain a stall while tor bootstraps.
        client
            .set_events(&[EventKind::StatusClient, EventKind::Warn, EventKind::Notice])
            .await?;
        let mut progress = Progress::default();
        let phase = client.bootstrap_phase().await?;
        self.connection.transports = transports(&mut client).await?;
        self.connection.bridges = Some(current_bridges(&mut client, self.connecting).await?);
        self.connection.summary = phase.summary.clone();
        self.connection.stall = None;
        let mut stalls = StallWatch::new(&self.connecting.pt_config);
        stalls.set_uses_bridges(self.uses_bridges());
        let mut best = phase.progress;
        let mut deadline = Instant::now() + self.connecting.stall_after;
        let mut done = phase.is_done();
        if !self.publish_connection() || !progress.report(&phase, &mut *self.publish) {
            return Ok(Ended::Stop);
        }
        if done {
            client.set_events(&[EventKind::StatusClient]).await?;
        }
        loop {
            tokio::select! {
                event = events.next() => match event {
                    None => return Err(ControlError::Closed),
                    Some(Err(error)) => return Err(error.into()),
                    Some(Ok(Event::Bootstrap(status))) => {
                        if status.is_problem() {
                            stalls.observe_bootstrap_problem(status.warning.as_deref(), status.reason.as_deref());
                        }
                        let mut changed = status.summary != self.connection.summary;
                        self.connection.summary = status.summary.clone();
                        if status.progress > best {
                            best = status.progress;
                            deadline = Instant::now() + self.connecting.stall_after;
                            changed |= self.connection.stall.take().is_some();
                        }
                        if status.is_done() && !done {
                            done = true;
                            changed |= self.connection.stall.take().is_some();
                            // Past bootstrap, only its status is of interest.
                            client.set_events(&[EventKind::StatusClient]).await?;
                        } else if !done
                            && status.recommendation.as_deref() == Some("warn")
                            && self.connection.stall.is_none()
                        {
                            // Tor itself says the person should know.
                            self.connection.stall = Some(stall(&stalls, best));
                            changed = true;
                        }
                        if !progress.report(&status, &mut *self.publish) {
                            return Ok(Ended::Stop);
                        }
                        if changed && !self.publish_connection() {
                            return Ok(Ended::Stop);
                        }
                    }
                    Some(Ok(Event::Log { severity, message })) => {
                        stalls.observe_log(&severity, &message);
                        if let Some(shown) = &self.connection.stall {
                            let now = stall(&stalls, best);
                            if *shown != now {
                                self.connection.stall = Some(now);
                                if !self.publish_connection() {
                                    return Ok(Ended::Stop);
                                }
                            }
                        }
                    }
                    Some(Ok(_)) => {}
                },
                () = tokio::time::sleep_until(deadline), if !done && self.connection.stall.is_none() => {
                    self.connection.stall = Some(stall(&stalls, best));
                    if !self.publish_connection() {
                        return Ok(Ended::Stop);
                    }
                }
                request = requests.recv(), if *requests_open => match request {
                    None => *requests_open = false,
                    Some(request) => {
                        if self.carry_out(&mut client, request).await {
                            stalls.reset();
                            stalls.set_uses_bridges(self.uses_bridges());
                            deadline = Instant::now() + self.connecting.stall_after;
                        }
                        if !self.publish_connection() {
                            return Ok(Ended::Stop);
                        }
                    }
                },
                // Quiet for a while: is tor still there?
                () = tokio::time::sleep(QUIET) => {
                    let status = client.bootstrap_phase().await?;
                    if !progress.report(&status, &mut *self.publish) {
                        return Ok(Ended::Stop);
                    }
                }
            }
        }
    }

    fn uses_bridges(&self) -> bool {
        self.connection
            .bridges
            .as_ref()
            .is_some_and(|bridges| bridges.mode != BridgeMode::Direct)
    }

    /// Carries out one choice; true when tor took a new way to connect (the stall and what
    /// was seen start afresh). The outcome is in `connection.change`.
    async fn carry_out(&mut self, client: &mut ControlClient, request: TorRequest) -> bool {
        let selection = match self.selection_for(&request) {
            Ok(Some(selection)) => selection,
            Ok(None) => {
                // Keep waiting: the stall is noted, the clock starts again.
                self.connection.stall = None;
                self.connection.change = ChangeStatus::Idle;
                return true;
            }
            Err(failure) => {
                self.connection.change = ChangeStatus::Failed(failure);
                return false;
            }
        };
        self.connection.change = ChangeStatus::Applying;
        // Shown at once; tor answers in milliseconds, but a busy tor may take a moment.
        let _ = self.publish_connection();
        let entries: Vec<ConfigEntry> = selection
            .tor_options()
            .into_iter()
            .map(|(key, value)| ConfigEntry {
                key: key.to_owned(),
                value,
            })
            .collect();
        let applied = match client.set_conf(&entries).await {
            Ok(()) => client.save_conf().await,
            Err(error) => Err(error),
        };
        if let Err(error) = applied {
            self.connection.change =
                ChangeStatus::Failed(ChangeFailure::Refused(error.to_string()));
            return false;
        }
        self.connection.change = ChangeStatus::Applied;
        if let TorRequest::Bridges(lines) = &request
            && let Err(reason) = self.keep_own(lines)
        {
            self.connection.change = ChangeStatus::Failed(ChangeFailure::NotKept(reason));
        }
        self.connection.bridges = Some(selection);
        self.connection.stall = None;
        true
    }

    /// The bridges a choice means; `None` for "keep waiting".
    fn selection_for(
        &self,
        request: &TorRequest,
    ) -> Result<Option<BridgeSelection>, ChangeFailure> {
        let selection = match request {
            TorRequest::KeepWaiting => return Ok(None),
            TorRequest::Direct => BridgeSelection::direct(),
            TorRequest::BuiltIn(transport) => {
                BridgeSelection::built_in(*transport, &self.connecting.pt_config)
                    .map_err(|_| ChangeFailure::TransportUnavailable(*transport))?
            }
            TorRequest::Bridges(lines) => {
                BridgeSelection::custom(lines).map_err(|_| ChangeFailure::NoOwnBridges)?
            }
            TorRequest::OwnBridges => {
                let own: Vec<BridgeLine> = self
                    .connection
                    .own_bridges
                    .iter()
                    .filter_map(|line| BridgeLine::parse(line).ok())
                    .collect();
                BridgeSelection::custom(&own).map_err(|_| ChangeFailure::NoOwnBridges)?
            }
        };
        if let Some(missing) = selection
            .transports()
            .into_iter()
            .find(|transport| !self.connection.transports.contains(transport))
        {
            return Err(ChangeFailure::TransportUnavailable(missing));
        }
        Ok(Some(selection))
    }

    /// Keeps `lines` as the person's own bridges (replacing the ones kept).
    fn keep_own(&mut self, lines: &[BridgeLine]) -> Result<(), String> {
        self.connection.own_bridges = lines.iter().map(ToString::to_string).collect();
        let Some(path) = &self.connecting.own_bridges else {
            return Ok(());
        };
        let own = CustomBridges {
            bridges: lines.to_vec(),
        };
        own.save(path).map_err(|error| match error {
            messenger_bridges::CustomBridgesError::Io { source, .. } => source.to_string(),
            other => other.to_string(),
        })
    }
}

/// The stall as seen now.
fn stall(stalls: &StallWatch, progress: u8) -> TorStall {
    TorStall {
        cause: stalls.cause(),
        progress,
        last_warning: stalls.last_warning().map(str::to_owned),
    }
}

/// The transports this tor can run: its `ClientTransportPlugin` lines (from the launcher's
/// defaults, naming the bundle's programs).
async fn transports(client: &mut ControlClient) -> Result<Vec<Transport>, ControlError> {
    let entries = client.get_conf(&["ClientTransportPlugin"]).await?;
    let mut found: Vec<Transport> = entries
        .iter()
        .filter_map(|entry| entry.value.as_deref())
        .flat_map(|value| {
            let names = value.split_whitespace().next().unwrap_or_default();
            names
                .split(',')
                .filter_map(Transport::from_name)
                .collect::<Vec<_>>()
        })
        .collect();
    found.sort();
    found.dedup();
    Ok(found)
}

/// What tor uses now: `UseBridges` and the `Bridge` lines.
async fn current_bridges(
    client: &mut ControlClient,
    connecting: &Connecting,
) -> Result<BridgeSelection, ControlError> {
    let entries = client.get_conf(&["UseBridges", "Bridge"]).await?;
    let use_bridges = entries
        .iter()
        .any(|entry| entry.key == "UseBridges" && entry.value.as_deref() == Some("1"));
    let bridges: Vec<String> = entries
        .iter()
        .filter(|entry| entry.key == "Bridge")
        .filter_map(|entry| entry.value.clone())
        .collect();
    Ok(BridgeSelection::from_options(
        use_bridges,
        &bridges,
        &connecting.pt_config,
    ))
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
