//! The task that runs one IRC account: idle until the user connects, then connect through
//! tor, register, relay commands and events, keep the link alive, and reconnect with backoff
//! after a drop (never after the user's own disconnect, nor after a login or TLS refusal).

use std::collections::{BTreeMap, VecDeque};
use std::path::PathBuf;
use std::time::{Duration, Instant, SystemTime};

use futures_util::{SinkExt, StreamExt};
use messenger_net::{Isolation, NetError, Network, Sensitive};
use messenger_protocol::accounts::{AccountConfig, SaslChoice, Transport};
use messenger_protocol::lifecycle::{AccountConnection, Ending, not_sent, run_lifecycle};
use messenger_protocol::{
    AccountHandle, Backoff, Command, DisconnectReason, Event, OutgoingId, ReconnectPolicy,
    account_channels,
};
use tokio::sync::mpsc;
use tokio_util::codec::Framed;

use crate::codec::{Incoming, LineCodec};
use crate::connection::{IrcStream, open_stream};
use crate::flood::{FloodPolicy, TokenBucket};
use crate::state::{IrcState, IrcStateConfig, Output};
use crate::wire::{build_line, fold_case};

/// Everything an IRC account needs to connect.
#[derive(Clone)]
pub struct IrcAccountConfig {
    /// The server's host name (sent to tor, never resolved here).
    pub server: String,
    /// The server's port (6697 for TLS by convention).
    pub port: u16,
    /// TLS (the default) or plaintext (explicit choice, or a `.onion` server).
    pub transport: Transport,
    /// The nick to register with.
    pub nick: String,
    /// The password for SASL (PLAIN, SCRAM-SHA-256) or NickServ IDENTIFY.
    pub password: Option<Sensitive<String>>,
    /// How to log in with SASL.
    pub sasl: SaslChoice,
    /// The client certificate file (certificate and key, PEM), read at each connection.
    pub client_certificate: Option<PathBuf>,
    /// The name the server's certificate must carry when it is not `server`.
    pub tls_name: Option<String>,
    /// How long the server may take to answer each step of a SASL login.
    pub sasl_timeout: Duration,
    /// This account's SOCKS credentials (its own circuits).
    pub isolation: Isolation,
    /// Rooms to join once logged in (after the user pressed Connect).
    pub rooms: Vec<String>,
    /// When to reconnect after a drop.
    pub reconnect: ReconnectPolicy,
    /// How fast lines may leave.
    pub flood: FloodPolicy,
    /// After this long without a line from the server we PING it, and after twice this long
    /// we consider the link dead.
    pub keepalive: Duration,
    /// How long the server may take to accept our registration.
    pub registration_timeout: Duration,
}

impl IrcAccountConfig {
    /// An account with the defaults: TLS (plaintext only to a `.onion` server), SASL if a
    /// password is set, no rooms.
    pub fn new(server: &str, port: u16, nick: &str, isolation: Isolation) -> IrcAccountConfig {
        IrcAccountConfig {
            server: server.to_owned(),
            port,
            transport: Transport::default_for(server),
            nick: nick.to_owned(),
            password: None,
            sasl: SaslChoice::Automatic,
            client_certificate: None,
            tls_name: None,
            sasl_timeout: Duration::from_secs(60),
            isolation,
            rooms: Vec::new(),
            reconnect: ReconnectPolicy::default(),
            flood: FloodPolicy::default(),
            keepalive: Duration::from_secs(90),
            registration_timeout: Duration::from_secs(120),
        }
    }

    /// The task's settings from a saved account (the defaults for what it does not say).
    pub fn from_account(account: &AccountConfig) -> IrcAccountConfig {
        let mut config = IrcAccountConfig::new(
            &account.server,
            account.port,
            &account.user,
            account.isolation(),
        );
        config.transport = account.transport;
        config.password = account.password.clone().map(Sensitive::new);
        config.sasl = account.sasl;
        config.tls_name.clone_from(&account.tls_name);
        config.rooms.clone_from(&account.rooms);
        config
    }
}

/// Starts an account task on the current tokio runtime. It does nothing until it receives
/// [`Command::Connect`].
pub fn spawn_account(config: IrcAccountConfig, network: Network) -> AccountHandle {
    let (commands, events, handle) = account_channels(256);
    tokio::spawn(run_account(config, network, commands, events));
    handle
}

/// IRC as a [`messenger_protocol::Protocol`].
#[derive(Debug, Clone, Copy)]
pub struct Irc;

impl messenger_protocol::Protocol for Irc {
    type Config = IrcAccountConfig;
    const KIND: messenger_protocol::ProtocolKind = messenger_protocol::ProtocolKind::Irc;
    fn config(account: &AccountConfig) -> Result<IrcAccountConfig, String> {
        Ok(IrcAccountConfig::from_account(account))
    }
    fn spawn(config: IrcAccountConfig, network: Network) -> AccountHandle {
        spawn_account(config, network)
    }
}

/// Rooms the user is in (or asked to join), kept across reconnects: folded name → (name, key).
type Rooms = BTreeMap<String, (String, Option<String>)>;

/// Runs an account until its handle is dropped.
pub async fn run_account(
    config: IrcAccountConfig,
    network: Network,
    commands: mpsc::Receiver<Command>,
    events: mpsc::Sender<Event>,
) {
    let rooms: Rooms = config
        .rooms
        .iter()
        .map(|room| (fold_case(room), (room.clone(), None)))
        .collect();
    let reconnect = config.reconnect;
    let mut account = IrcAccount {
        config,
        network,
        rooms,
    };
    run_lifecycle(&mut account, "IRC", reconnect, commands, events).await;
}

/// One IRC account in the shared lifecycle: its settings, its network and the rooms it keeps
/// across reconnects.
struct IrcAccount {
    config: IrcAccountConfig,
    network: Network,
    rooms: Rooms,
}

impl AccountConnection for IrcAccount {
    async fn connect_once(
        &mut self,
        commands: &mut mpsc::Receiver<Command>,
        events: &mpsc::Sender<Event>,
        backoff: &mut Backoff,
    ) -> Ending {
        connect_once(
            &self.config,
            &self.network,
            commands,
            events,
            &mut self.rooms,
            backoff,
        )
        .await
    }

    async fn offline_command(&mut self, command: Command, events: &mpsc::Sender<Event>) -> bool {
        offline_command(command, &mut self.rooms, events).await
    }
}

/// A command while not connected. Returns false if the handle is gone.
async fn offline_command(
    command: Command,
    rooms: &mut Rooms,
    events: &mpsc::Sender<Event>,
) -> bool {
    let event = match command {
        Command::Send { id, .. } => Some(not_sent(id, "You are not connected")),
        Command::Join { room, password } => {
            rooms.insert(fold_case(&room), (room, password));
            None
        }
        Command::Leave { room } => {
            rooms.remove(&fold_case(&room));
            None
        }
        Command::SetTopic { .. } | Command::ChangeNick { .. } => Some(Event::Error(
            "You are not connected; connect first.".to_owned(),
        )),
        Command::Connect | Command::Disconnect => None,
    };
    match event {
        Some(event) => events.send(event).await.is_ok(),
        None => true,
    }
}

fn reason_for(error: NetError) -> Ending {
    let text = error.to_string();
    if error.is_tls_refusal() {
        Ending::Fatal(DisconnectReason::TlsRefused(text))
    } else if error.is_tor_unavailable() {
        Ending::Lost(DisconnectReason::TorUnavailable(text))
    } else if matches!(error, NetError::InvalidHost { .. }) {
        Ending::Fatal(DisconnectReason::ConnectionLost(text))
    } else {
        Ending::Lost(DisconnectReason::ConnectionLost(text))
    }
}

/// One connection, from opening the stream to its end.
async fn connect_once(
    config: &IrcAccountConfig,
    network: &Network,
    commands: &mut mpsc::Receiver<Command>,
    events: &mpsc::Sender<Event>,
    rooms: &mut Rooms,
    backoff: &mut Backoff,
) -> Ending {
    let certificate = match load_certificate(config) {
        Ok(certificate) => certificate,
        Err(reason) => return Ending::Fatal(DisconnectReason::AuthenticationFailed(reason)),
    };
    let client_certificate = certificate
        .as_ref()
        .map(|(certificate, _)| certificate.clone());
    let opening = open_stream(network, config, client_certificate.as_ref());
    tokio::pin!(opening);
    let stream = loop {
        tokio::select! {
            result = &mut opening => match result {
                Ok(stream) => break stream,
                Err(error) => return reason_for(error),
            },
            command = commands.recv() => match command {
                None => return Ending::Closed,
                Some(Command::Disconnect) => return Ending::User,
                Some(Command::Connect) => {}
                Some(other) => {
                    if !offline_command(other, rooms, events).await {
                        return Ending::Closed;
                    }
                }
            },
        }
    };
    let mut connection = Connection {
        framed: Framed::new(stream, LineCodec::default()),
        session: IrcState::new(IrcStateConfig {
            nick: config.nick.clone(),
            password: config.password.clone(),
            sasl: config.sasl,
            secure_link: config.transport == Transport::Tls || is_onion(&config.server),
            certificate: client_certificate.is_some(),
            ecdsa: certificate.and_then(|(_, ecdsa)| ecdsa),
        }),
        queue: VecDeque::new(),
        bucket: TokenBucket::new(config.flood, Instant::now()),
        events: events.clone(),
    };
    let ending = connection.run(config, commands, rooms, backoff).await;
    connection.fail_queued().await;
    ending
}

/// The account's client certificate, read now (a file replaced since the last connection is
/// used as it is now), with its P-256 key if it has one. Only presented over TLS.
fn load_certificate(
    config: &IrcAccountConfig,
) -> Result<
    Option<(
        messenger_net::ClientCertificate,
        Option<crate::sasl::EcdsaKey>,
    )>,
    String,
> {
    let Some(path) = &config.client_certificate else {
        return Ok(None);
    };
    if config.transport != Transport::Tls {
        return Ok(None);
    }
    let pem = std::fs::read(path).map_err(|error| {
        format!(
            "The account's client certificate could not be read ({}): generate or import it again.",
            error.kind()
        )
    })?;
    let file = crate::certificate::CertificateFile {
        pem: String::from_utf8_lossy(&pem).into_owned(),
    };
    let certificate = file
        .client_certificate()
        .map_err(|error| error.to_string())?;
    Ok(Some((certificate, file.ecdsa_key())))
}

fn is_onion(server: &str) -> bool {
    server
        .to_ascii_lowercase()
        .trim_end_matches('.')
        .ends_with(".onion")
}

struct Connection {
    framed: Framed<Box<dyn IrcStream>, LineCodec>,
    session: IrcState,
    queue: VecDeque<(String, Option<OutgoingId>)>,
    bucket: TokenBucket,
    events: mpsc::Sender<Event>,
}

/// What applying the session's outputs asks of the loop.
enum Next {
    Continue,
    End(Ending),
}

impl Connection {
    async fn run(
        &mut self,
        config: &IrcAccountConfig,
        commands: &mut mpsc::Receiver<Command>,
        rooms: &mut Rooms,
        backoff: &mut Backoff,
    ) -> Ending {
        let outputs = self.session.start();
        if let Next::End(ending) = self.apply(outputs, rooms, backoff).await {
            return ending;
        }
        let registration_deadline = tokio::time::Instant::now() + config.registration_timeout;
        // Each SASL step must be answered in time; a silent server ends the attempt clearly.
        let mut sasl_deadline: Option<tokio::time::Instant> = None;
        let mut last_heard = tokio::time::Instant::now();
        let mut pinged = false;
        loop {
            let flood_wait = self.bucket.wait(Instant::now());
            let keepalive_at = last_heard + config.keepalive;
            let registered = self.session.is_registered();
            let sasl_wait = sasl_deadline.unwrap_or_else(tokio::time::Instant::now);
            let next = tokio::select! {
                incoming = self.framed.next() => {
                    match incoming {
                        None => Next::End(Ending::Lost(DisconnectReason::ConnectionLost(
                            if registered {
                                "The server closed the connection."
                            } else {
                                "The server closed the connection during login."
                            }
                            .to_owned(),
                        ))),
                        Some(Err(error)) => Next::End(Ending::Lost(DisconnectReason::ConnectionLost(
                            format!("The connection failed: {}.", error.kind()),
                        ))),
                        Some(Ok(Incoming::Overlong)) => {
                            last_heard = tokio::time::Instant::now();
                            self.emit(Event::Error(
                                "The server sent an over-long line; it was ignored.".to_owned(),
                            ))
                            .await
                        }
                        Some(Ok(Incoming::Line(text))) => {
                            last_heard = tokio::time::Instant::now();
                            pinged = false;
                            let outputs = self.session.handle_text(&text, SystemTime::now());
                            let next = self.apply(outputs, rooms, backoff).await;
                            sasl_deadline = self
                                .session
                                .sasl_in_progress()
                                .then(|| tokio::time::Instant::now() + config.sasl_timeout);
                            next
                        }
                    }
                }
                command = commands.recv() => self.command(command, rooms).await,
                () = tokio::time::sleep(flood_wait), if !self.queue.is_empty() => {
                    self.send_queued().await
                }
                () = tokio::time::sleep_until(keepalive_at) => {
                    if pinged {
                        Next::End(Ending::Lost(DisconnectReason::ConnectionLost(
                            "The server stopped answering.".to_owned(),
                        )))
                    } else {
                        pinged = true;
                        last_heard = tokio::time::Instant::now();
                        match build_line("PING", &["keepalive"]) {
                            Some(line) => self.write(line).await,
                            None => Next::Continue,
                        }
                    }
                }
                () = tokio::time::sleep_until(sasl_wait), if sasl_deadline.is_some() => {
                    self.quit().await;
                    Next::End(Ending::Fatal(DisconnectReason::AuthenticationFailed(format!(
                        "The server did not answer the SASL login within {} seconds; the attempt was ended. Try again later.",
                        config.sasl_timeout.as_secs()
                    ))))
                }
                () = tokio::time::sleep_until(registration_deadline), if !registered => {
                    Next::End(Ending::Lost(DisconnectReason::ConnectionLost(
                        "The server did not complete the login in time.".to_owned(),
                    )))
                }
            };
            if let Next::End(ending) = next {
                return ending;
            }
        }
    }

    async fn command(&mut self, command: Option<Command>, rooms: &mut Rooms) -> Next {
        let Some(command) = command else {
            self.quit().await;
            return Next::End(Ending::Closed);
        };
        match &command {
            Command::Disconnect => {
                self.quit().await;
                return Next::End(Ending::User);
            }
            Command::Connect => return Next::Continue,
            Command::Join { room, password } => {
                rooms.insert(fold_case(room), (room.clone(), password.clone()));
            }
            Command::Leave { room } => {
                rooms.remove(&fold_case(room));
            }
            Command::Send { id, .. } if !self.session.is_registered() => {
                return self
                    .emit(not_sent(*id, "The account is still logging in"))
                    .await;
            }
            _ => {}
        }
        if !self.session.is_registered() {
            // Joins are remembered above and sent once logged in.
            return Next::Continue;
        }
        let outputs = self.session.command(&command);
        let mut ignored = Backoff::new(ReconnectPolicy::default());
        self.apply(outputs, rooms, &mut ignored).await
    }

    async fn apply(&mut self, outputs: Vec<Output>, rooms: &Rooms, backoff: &mut Backoff) -> Next {
        for output in outputs {
            let next = match output {
                Output::Urgent(line) => self.write(line).await,
                Output::Send { line, completes } => {
                    self.queue.push_back((line, completes));
                    Next::Continue
                }
                Output::Event(event) => {
                    let connected = matches!(event, Event::Connected { .. });
                    let next = self.emit(event).await;
                    if connected {
                        backoff.reset();
                        for (room, key) in rooms.values() {
                            let line = match key {
                                Some(key) => build_line("JOIN", &[room, key]),
                                None => build_line("JOIN", &[room]),
                            };
                            if let Some(line) = line {
                                self.queue.push_back((line, None));
                            }
                        }
                    }
                    next
                }
                Output::Fatal(reason) => {
                    self.quit().await;
                    Next::End(Ending::Fatal(reason))
                }
            };
            if let Next::End(ending) = next {
                return Next::End(ending);
            }
        }
        Next::Continue
    }

    async fn send_queued(&mut self) -> Next {
        while !self.queue.is_empty() && self.bucket.try_take(Instant::now()) {
            let Some((line, completes)) = self.queue.pop_front() else {
                break;
            };
            if let Next::End(ending) = self.write(line).await {
                if let Some(id) = completes {
                    // Put the id back so fail_queued reports it.
                    self.queue.push_front((String::new(), Some(id)));
                }
                return Next::End(ending);
            }
            if let Some(id) = completes
                && let Next::End(ending) = self.emit(Event::Sent { id }).await
            {
                return Next::End(ending);
            }
        }
        Next::Continue
    }

    async fn write(&mut self, line: String) -> Next {
        match self.framed.send(line).await {
            Ok(()) => Next::Continue,
            Err(error) => Next::End(Ending::Lost(DisconnectReason::ConnectionLost(format!(
                "The connection failed: {}.",
                error.kind()
            )))),
        }
    }

    async fn emit(&mut self, event: Event) -> Next {
        if self.events.send(event).await.is_ok() {
            Next::Continue
        } else {
            Next::End(Ending::Closed)
        }
    }

    /// Says goodbye with the fixed quit message; errors do not matter any more.
    async fn quit(&mut self) {
        let _ = tokio::time::timeout(Duration::from_secs(5), async {
            let _ = self.framed.send(IrcState::quit_line()).await;
            let _ = self.framed.close().await;
        })
        .await;
    }

    /// Every message still queued is reported unsent: nothing is lost silently.
    async fn fail_queued(&mut self) {
        for (_, completes) in std::mem::take(&mut self.queue) {
            if let Some(id) = completes {
                let _ = self
                    .events
                    .send(not_sent(
                        id,
                        "The connection ended before the message left (it may be partly delivered)",
                    ))
                    .await;
            }
        }
    }
}
