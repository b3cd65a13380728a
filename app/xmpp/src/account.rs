//! The task that runs one XMPP account: idle until the user connects, then connect through
//! tor, log in, relay commands and events, keep the link alive, and reconnect with backoff
//! after a drop (never after the user's own disconnect, nor after a login or TLS refusal).

use messenger_net::Network;
use std::collections::BTreeMap;
use std::time::{Duration, SystemTime};

use futures_util::{SinkExt, StreamExt};
use messenger_protocol::lifecycle::{AccountConnection, Ending, not_sent, run_lifecycle};
use messenger_protocol::{
    AccountHandle, Backoff, Command, DisconnectReason, Event, account_channels,
};
use tokio::sync::mpsc;
use tokio_xmpp::Stanza;
use tokio_xmpp::xmlstream::{
    FallibleStreamElement, ReadError, StreamElementError, XmppStream, XmppStreamElement,
};
use xmpp_parsers::iq::Iq;
use xmpp_parsers::jid::Jid;
use xmpp_parsers::ping::Ping;
use xmpp_parsers::stream_error::DefinedCondition as StreamCondition;

use crate::config::XmppAccountConfig;
use crate::connector::{ConnectError, SecureStream, TorStartTlsConnector};
use crate::ids::stanza_id;
use crate::login::{LoginError, login};
use crate::state::{Output, StanzaKind, XmppState};

/// Starts an account task on the current tokio runtime. It does nothing until it receives
/// [`Command::Connect`].
pub fn spawn_account(config: XmppAccountConfig, network: Network) -> AccountHandle {
    let (commands, events, handle) = account_channels(256);
    tokio::spawn(run_account(config, network, commands, events));
    handle
}

/// XMPP as a [`messenger_protocol::Protocol`].
#[derive(Debug, Clone, Copy)]
pub struct Xmpp;

impl messenger_protocol::Protocol for Xmpp {
    type Config = XmppAccountConfig;
    const KIND: messenger_protocol::ProtocolKind = messenger_protocol::ProtocolKind::Xmpp;
    fn config(
        account: &messenger_protocol::accounts::AccountConfig,
    ) -> Result<XmppAccountConfig, String> {
        XmppAccountConfig::from_account(account, None).map_err(|error| error.to_string())
    }
    fn spawn(config: XmppAccountConfig, network: Network) -> AccountHandle {
        spawn_account(config, network)
    }
}

/// Rooms the user is in (or asked to join), kept across reconnects: name → password.
type WantedRooms = BTreeMap<String, Option<String>>;

/// Runs an account until its handle is dropped.
pub async fn run_account(
    config: XmppAccountConfig,
    network: Network,
    commands: mpsc::Receiver<Command>,
    events: mpsc::Sender<Event>,
) {
    let connector = TorStartTlsConnector::new(
        network,
        config.host(),
        config.port,
        config.isolation.clone(),
    );
    let rooms: WantedRooms = config
        .rooms
        .iter()
        .map(|room| (room.clone(), None))
        .collect();
    let nick = config.nick();
    let reconnect = config.reconnect;
    let mut account = XmppAccount {
        config,
        connector,
        rooms,
        nick,
    };
    run_lifecycle(&mut account, "XMPP", reconnect, commands, events).await;
}

/// One XMPP account in the shared lifecycle: its settings, its connector, and the rooms and
/// nick it keeps across reconnects.
struct XmppAccount {
    config: XmppAccountConfig,
    connector: TorStartTlsConnector,
    rooms: WantedRooms,
    nick: String,
}

impl AccountConnection for XmppAccount {
    async fn connect_once(
        &mut self,
        commands: &mut mpsc::Receiver<Command>,
        events: &mpsc::Sender<Event>,
        backoff: &mut Backoff,
    ) -> Ending {
        connect_once(
            &self.config,
            &self.connector,
            commands,
            events,
            &mut self.rooms,
            &mut self.nick,
            backoff,
        )
        .await
    }

    async fn offline_command(&mut self, command: Command, events: &mpsc::Sender<Event>) -> bool {
        offline_command(command, &mut self.rooms, &mut self.nick, events).await
    }
}

/// A command while not connected. Returns false if the handle is gone.
async fn offline_command(
    command: Command,
    rooms: &mut WantedRooms,
    nick: &mut String,
    events: &mpsc::Sender<Event>,
) -> bool {
    let event = match command {
        Command::Send { id, .. } => Some(not_sent(id, "You are not connected")),
        Command::Join { room, password } => {
            rooms.insert(room, password);
            None
        }
        Command::Leave { room } => {
            rooms.remove(&room);
            None
        }
        Command::ChangeNick { nick: new } => {
            *nick = new;
            None
        }
        Command::SetTopic { .. } => Some(Event::Error(
            "You are not connected; connect first.".to_owned(),
        )),
        Command::Connect | Command::Disconnect => None,
    };
    match event {
        Some(event) => events.send(event).await.is_ok(),
        None => true,
    }
}

fn login_ending(error: LoginError) -> Ending {
    let text = error.to_string();
    let permanent = error.is_permanent();
    let reason = match &error {
        LoginError::Connect(ConnectError::Net(net)) if net.is_tls_refusal() => {
            DisconnectReason::TlsRefused(text)
        }
        LoginError::Connect(ConnectError::NoStartTls) => DisconnectReason::TlsRefused(text),
        LoginError::Connect(ConnectError::Net(net)) if net.is_tor_unavailable() => {
            DisconnectReason::TorUnavailable(text)
        }
        LoginError::Refused { .. } | LoginError::NoMechanism | LoginError::NoUserName => {
            DisconnectReason::AuthenticationFailed(text)
        }
        _ => DisconnectReason::ConnectionLost(text),
    };
    if permanent {
        Ending::Fatal(reason)
    } else {
        Ending::Lost(reason)
    }
}

/// One connection, from opening the stream to its end.
async fn connect_once(
    config: &XmppAccountConfig,
    connector: &TorStartTlsConnector,
    commands: &mut mpsc::Receiver<Command>,
    events: &mpsc::Sender<Event>,
    rooms: &mut WantedRooms,
    nick: &mut String,
    backoff: &mut Backoff,
) -> Ending {
    let opening = tokio::time::timeout(
        config.login_timeout,
        login(connector, &config.jid, &config.password, config.timeouts()),
    );
    tokio::pin!(opening);
    let logged_in = loop {
        tokio::select! {
            result = &mut opening => match result {
                Ok(Ok(logged_in)) => break logged_in,
                Ok(Err(error)) => return login_ending(error),
                Err(_) => {
                    return Ending::Lost(DisconnectReason::ConnectionLost(
                        "The server did not complete the login in time.".to_owned(),
                    ));
                }
            },
            command = commands.recv() => match command {
                None => return Ending::Closed,
                Some(Command::Disconnect) => return Ending::User,
                Some(Command::Send { id, .. }) => {
                    if events.send(not_sent(id, "The account is still logging in")).await.is_err() {
                        return Ending::Closed;
                    }
                }
                Some(other) => {
                    if !offline_command(other, rooms, nick, events).await {
                        return Ending::Closed;
                    }
                }
            },
        }
    };
    backoff.reset();
    let mut connection = Connection {
        stream: logged_in.stream,
        session: XmppState::new(logged_in.jid, nick.clone()),
        events: events.clone(),
    };
    let remembered: Vec<(String, Option<String>)> = rooms
        .iter()
        .map(|(room, password)| (room.clone(), password.clone()))
        .collect();
    let outputs = connection.session.start(&remembered);
    if let Next::End(ending) = connection.apply(outputs).await {
        return ending;
    }
    connection.run(commands, rooms, nick).await
}

struct Connection {
    stream: XmppStream<SecureStream>,
    session: XmppState,
    events: mpsc::Sender<Event>,
}

/// What the loop does next.
enum Next {
    Continue,
    End(Ending),
}

/// How long writing one stanza may take before the link is considered dead.
const WRITE_TIMEOUT: Duration = Duration::from_secs(120);

impl Connection {
    async fn run(
        &mut self,
        commands: &mut mpsc::Receiver<Command>,
        rooms: &mut WantedRooms,
        nick: &mut String,
    ) -> Ending {
        loop {
            let next = tokio::select! {
                item = self.stream.next() => self.incoming(item).await,
                command = commands.recv() => self.command(command, rooms, nick).await,
            };
            if let Next::End(ending) = next {
                return ending;
            }
        }
    }

    async fn incoming(&mut self, item: Option<Result<FallibleStreamElement, ReadError>>) -> Next {
        let lost = |text: &str| {
            Next::End(Ending::Lost(DisconnectReason::ConnectionLost(
                text.to_owned(),
            )))
        };
        match item {
            None | Some(Err(ReadError::StreamFooterReceived)) => {
                lost("The server closed the connection.")
            }
            Some(Err(ReadError::HardError(error))) => {
                lost(&format!("The connection failed ({}).", error.kind()))
            }
            Some(Err(ReadError::SoftTimeout)) => {
                // Quiet for a while: ask the server for a sign of life. No answer within the
                // response timeout ends the stream with a hard error.
                let to = Jid::from(self.session.own().to_bare().domain().to_owned());
                let ping = Iq::from_get(stanza_id(), Ping).with_to(to);
                self.write(ping.into()).await
            }
            Some(Err(ReadError::ParseError(_))) => {
                tracing::debug!("ignored an element that could not be parsed");
                Next::Continue
            }
            Some(Ok(FallibleStreamElement::Ok(XmppStreamElement::Stanza(stanza)))) => {
                let outputs = self.session.stanza(stanza, SystemTime::now());
                self.apply(outputs).await
            }
            Some(Ok(FallibleStreamElement::Ok(XmppStreamElement::StreamError(error)))) => {
                let condition = error.0.condition;
                let text = stream_error_words(&condition);
                if matches!(
                    condition,
                    StreamCondition::Conflict | StreamCondition::NotAuthorized
                ) {
                    // Another session took over, or the account was revoked: reconnecting
                    // would only fight it.
                    Next::End(Ending::Fatal(DisconnectReason::ConnectionLost(
                        text.to_owned(),
                    )))
                } else {
                    lost(text)
                }
            }
            Some(Ok(FallibleStreamElement::Ok(_))) => Next::Continue,
            Some(Ok(FallibleStreamElement::Err(StreamElementError::InvalidStanza {
                name,
                header,
                ..
            }))) => {
                tracing::debug!("a stanza could not be parsed");
                match StanzaKind::from_name(&name.to_string()) {
                    Some(kind) => {
                        let outputs = self.session.invalid_stanza(kind, &header);
                        self.apply(outputs).await
                    }
                    None => Next::Continue,
                }
            }
            Some(Ok(FallibleStreamElement::Err(StreamElementError::InvalidNonza { .. }))) => {
                tracing::debug!("an element could not be parsed");
                Next::Continue
            }
        }
    }

    async fn command(
        &mut self,
        command: Option<Command>,
        rooms: &mut WantedRooms,
        nick: &mut String,
    ) -> Next {
        let Some(command) = command else {
            self.close().await;
            return Next::End(Ending::Closed);
        };
        match &command {
            Command::Disconnect => {
                self.close().await;
                return Next::End(Ending::User);
            }
            Command::Join { room, password } => {
                rooms.insert(room.clone(), password.clone());
            }
            Command::Leave { room } => {
                rooms.remove(room);
            }
            Command::ChangeNick { nick: new } => {
                nick.clone_from(new);
            }
            _ => {}
        }
        let outputs = self.session.command(command);
        self.apply(outputs).await
    }

    async fn apply(&mut self, outputs: Vec<Output>) -> Next {
        let mut outputs = outputs.into_iter();
        while let Some(output) = outputs.next() {
            let next = match output {
                Output::Send { stanza, completes } => {
                    let next = self.write(*stanza).await;
                    match (&next, completes) {
                        (Next::Continue, Some(id)) => self.emit(Event::Sent { id }).await,
                        (Next::End(_), Some(id)) => {
                            let _ = self
                                .events
                                .send(not_sent(id, "The connection failed while sending"))
                                .await;
                            next
                        }
                        (_, None) => next,
                    }
                }
                Output::Event(event) => self.emit(event).await,
            };
            if let Next::End(ending) = next {
                // Messages behind the failure are reported unsent, never lost silently.
                for rest in outputs {
                    if let Output::Send {
                        completes: Some(id),
                        ..
                    } = rest
                    {
                        let _ = self
                            .events
                            .send(not_sent(id, "The connection failed while sending"))
                            .await;
                    }
                }
                return Next::End(ending);
            }
        }
        Next::Continue
    }

    async fn write(&mut self, stanza: Stanza) -> Next {
        let element = XmppStreamElement::Stanza(stanza);
        match tokio::time::timeout(WRITE_TIMEOUT, self.stream.send(&element)).await {
            Ok(Ok(())) => Next::Continue,
            Ok(Err(error)) => Next::End(Ending::Lost(DisconnectReason::ConnectionLost(format!(
                "The connection failed ({}).",
                error.kind()
            )))),
            Err(_) => Next::End(Ending::Lost(DisconnectReason::ConnectionLost(
                "The server stopped accepting data.".to_owned(),
            ))),
        }
    }

    async fn emit(&mut self, event: Event) -> Next {
        if self.events.send(event).await.is_ok() {
            Next::Continue
        } else {
            Next::End(Ending::Closed)
        }
    }

    /// Ends the stream politely (unavailable presence, then the closing tag); errors do not
    /// matter any more.
    async fn close(&mut self) {
        let _ = tokio::time::timeout(Duration::from_secs(5), async {
            let goodbye =
                XmppStreamElement::Stanza(xmpp_parsers::presence::Presence::unavailable().into());
            let _ = self.stream.send(&goodbye).await;
            let _ = self.stream.shutdown().await;
        })
        .await;
    }
}

fn stream_error_words(condition: &StreamCondition) -> &'static str {
    match condition {
        StreamCondition::Conflict => {
            "The server closed this session because the account logged in elsewhere."
        }
        StreamCondition::NotAuthorized => "The server no longer accepts this account.",
        StreamCondition::SystemShutdown => "The server is shutting down.",
        StreamCondition::PolicyViolation => "The server closed the connection (policy violation).",
        _ => "The server closed the connection with an error.",
    }
}
