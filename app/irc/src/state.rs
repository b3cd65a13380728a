//! The IRC protocol logic of one connection, without any I/O: lines in, lines and events out.
//! Kept pure so it is unit-tested line by line and fuzzed.

use std::collections::{BTreeMap, BTreeSet};
use std::time::SystemTime;

use messenger_net::Sensitive;
use messenger_protocol::accounts::SaslChoice;
use messenger_protocol::{
    Command, Conversation, DisconnectReason, Event, IncomingMessage, MessageKind, OutgoingId,
};

use crate::cap::Capabilities;
use crate::ctcp::{self, CtcpAction};
use crate::echo::EchoTracker;
use crate::formatting::strip_formatting;
use crate::split::{split_text, text_budget};
use crate::wire::{Line, Source, build_line, fold_case, parse_line};

/// The user name sent at registration: the same for everyone (it shows as `~user`).
pub const IRC_USERNAME: &str = "user";
/// The real name sent at registration: the same for everyone.
pub const IRC_REALNAME: &str = "user";
/// The quit message: the same for everyone, saying nothing about the client.
pub const IRC_QUIT_MESSAGE: &str = "Leaving";

/// What the session asks its connection to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Output {
    /// Queue a line behind the flood control; `completes` is reported as sent once it left.
    Send {
        /// The line, without CR LF.
        line: String,
        /// The message this line finishes, if any.
        completes: Option<OutgoingId>,
    },
    /// Send a line ahead of the queue (PONG, registration, SASL).
    Urgent(String),
    /// Report an event.
    Event(Event),
    /// End the connection and do not reconnect.
    Fatal(DisconnectReason),
}

/// What the session needs to know about the account.
#[derive(Clone)]
pub struct IrcStateConfig {
    /// The nick we ask for (also the account name for SASL).
    pub nick: String,
    /// The password for SASL or NickServ.
    pub password: Option<Sensitive<String>>,
    /// How to log in with SASL.
    pub sasl: SaslChoice,
    /// The link is TLS or goes to an onion service: a password may travel on it.
    pub secure_link: bool,
    /// A client certificate was presented in the TLS handshake (SASL EXTERNAL).
    pub certificate: bool,
    /// The certificate's P-256 key (ECDSA-NIST256P-CHALLENGE).
    pub ecdsa: Option<crate::sasl::EcdsaKey>,
}

impl IrcStateConfig {
    /// A nick without password or certificate, SASL automatic, on a link not known secure.
    pub fn new(nick: &str) -> IrcStateConfig {
        IrcStateConfig {
            nick: nick.to_owned(),
            password: None,
            sasl: SaslChoice::Automatic,
            secure_link: false,
            certificate: false,
            ecdsa: None,
        }
    }
}

/// One connection's protocol state.
pub struct IrcState {
    config: IrcStateConfig,
    nick: String,
    registered: bool,
    cap_open: bool,
    caps: Capabilities,
    login: registration::Login,
    echoes: EchoTracker,
    nick_attempts: u32,
    /// Members per room (folded room name → (room name, nicks)).
    members: BTreeMap<String, (String, BTreeSet<String>)>,
    /// NAMES replies being collected.
    names: BTreeMap<String, Vec<String>>,
}

impl IrcState {
    /// A session that will register as `config.nick`.
    pub fn new(config: IrcStateConfig) -> IrcState {
        IrcState {
            nick: config.nick.clone(),
            config,
            registered: false,
            cap_open: false,
            caps: Capabilities::default(),
            login: registration::Login::default(),
            echoes: EchoTracker::default(),
            nick_attempts: 0,
            members: BTreeMap::new(),
            names: BTreeMap::new(),
        }
    }

    /// Our current nick.
    pub fn nick(&self) -> &str {
        &self.nick
    }

    /// Whether the server accepted our registration (001 seen).
    pub fn is_registered(&self) -> bool {
        self.registered
    }

    /// The lines that open a connection: capability negotiation (always; a server without
    /// CAP answers 421 or ignores it), NICK, USER.
    pub fn start(&mut self) -> Vec<Output> {
        let mut out = Vec::new();
        self.cap_open = true;
        out.extend(urgent("CAP", &["LS", "302"]));
        out.extend(urgent("NICK", &[&self.nick.clone()]));
        out.extend(urgent("USER", &[IRC_USERNAME, "0", "*", IRC_REALNAME]));
        out
    }

    /// The line that ends a connection politely.
    pub fn quit_line() -> String {
        build_line("QUIT", &[IRC_QUIT_MESSAGE]).unwrap_or_else(|| "QUIT".to_owned())
    }

    /// Whether capability `name` is enabled on this connection.
    pub fn capability_enabled(&self, name: &str) -> bool {
        self.caps.enabled(name)
    }

    /// Handles one line from the server.
    pub fn handle_text(&mut self, text: &str, now: SystemTime) -> Vec<Output> {
        match parse_line(text) {
            Some(line) => self.handle(&line, now),
            None => {
                tracing::debug!("ignored a line irc-proto could not parse");
                Vec::new()
            }
        }
    }

    /// Handles one parsed line from the server.
    pub fn handle(&mut self, line: &Line, now: SystemTime) -> Vec<Output> {
        // server-time: a message is shown at the time the server saw it.
        let now = crate::server_time::message_time(line.tag("time"), now);
        if let Some(code) = line.numeric() {
            return self.handle_numeric(code, line);
        }
        if matches!(line.command.as_str(), "PRIVMSG" | "NOTICE") {
            if let Some(out) = self.handle_echo(line) {
                return out;
            }
            if !self.registered && line.param(1).to_ascii_lowercase().contains("sasl") {
                // "You need to identify via SASL to use this server" and the like.
                self.login.required_notice = true;
            }
        }
        match line.command.as_str() {
            "PING" => urgent("PONG", &[line.param(0)]).into_iter().collect(),
            "PONG" => Vec::new(),
            "CAP" => self.handle_cap(line),
            "AUTHENTICATE" => self.handle_authenticate(line),
            "PRIVMSG" => self.handle_message(line, false, now),
            "NOTICE" => self.handle_message(line, true, now),
            "JOIN" => {
                let mut out = self.handle_join(line);
                out.extend(self.extended_join(line));
                out
            }
            "ACCOUNT" => self.handle_account(line),
            "ACK" => self.handle_ack(line),
            "INVITE" => self.handle_invite(line, now),
            // chghost: a user's host changed; we show no hosts, and the capability spares
            // us the fake QUIT and JOIN servers otherwise send.
            "CHGHOST" | "BATCH" => Vec::new(),
            "PART" => {
                let nick = user_of(line);
                self.remove_member(line.param(0), &nick)
            }
            "KICK" => self.remove_member(line.param(0), line.param(1)),
            "QUIT" => self.handle_quit(line),
            "NICK" => self.handle_nick(line),
            "TOPIC" => vec![Output::Event(Event::Topic {
                room: line.param(0).to_owned(),
                topic: strip_formatting(line.param(1)),
            })],
            "ERROR" => {
                if let Some(out) = self.error_before_welcome(line.param(0)) {
                    return out;
                }
                // The text often names our address: keep it out of events and logs.
                vec![Output::Event(Event::Error(
                    "The server is closing the connection.".to_owned(),
                ))]
            }
            _ => Vec::new(),
        }
    }

    fn handle_numeric(&mut self, code: u16, line: &Line) -> Vec<Output> {
        match code {
            // RPL_WELCOME: registered, under the nick the server names.
            1 => {
                self.registered = true;
                if !line.param(0).is_empty() {
                    self.nick = line.param(0).to_owned();
                }
                let mut out = vec![Output::Event(Event::Connected {
                    own_name: self.nick.clone(),
                })];
                out.extend(self.after_welcome());
                out
            }
            // RPL_TOPIC
            332 => vec![Output::Event(Event::Topic {
                room: line.param(1).to_owned(),
                topic: strip_formatting(line.param(2)),
            })],
            // RPL_NAMREPLY: "me = #room :a @b +c"
            353 => {
                let room = line.param(2);
                let names = self.names.entry(fold_case(room)).or_default();
                names.extend(
                    line.param(3)
                        .split(' ')
                        .filter(|n| !n.is_empty())
                        .map(|n| ircv3::member_name(n).to_owned()),
                );
                Vec::new()
            }
            // RPL_ENDOFNAMES
            366 => {
                let room = line.param(1).to_owned();
                let names = self.names.remove(&fold_case(&room)).unwrap_or_default();
                let entry = self
                    .members
                    .entry(fold_case(&room))
                    .or_insert_with(|| (room.clone(), BTreeSet::new()));
                entry.1 = names.iter().cloned().collect();
                vec![Output::Event(Event::Members {
                    room,
                    members: entry.1.iter().cloned().collect(),
                })]
            }
            // ERR_NICKNAMEINUSE / ERR_NICKCOLLISION / ERR_UNAVAILRESOURCE
            433 | 436 | 437 if !self.registered => {
                self.nick_attempts += 1;
                if self.nick_attempts > 5 {
                    return vec![Output::Fatal(DisconnectReason::AuthenticationFailed(
                        "Your nickname is in use on this server; choose another one.".to_owned(),
                    ))];
                }
                let base: String = self.config.nick.chars().take(8).collect();
                self.nick = format!("{base}{}", self.nick_attempts);
                urgent("NICK", &[&self.nick.clone()]).into_iter().collect()
            }
            433 | 436 | 437 => vec![event_error(
                "That nickname is in use; your nickname was not changed.",
            )],
            // ERR_ERRONEUSNICKNAME
            432 if !self.registered => vec![Output::Fatal(DisconnectReason::AuthenticationFailed(
                "The server does not accept this nickname; choose another one.".to_owned(),
            ))],
            432 => vec![event_error("The server does not accept this nickname.")],
            // ERR_PASSWDMISMATCH, ERR_YOUREBANNEDCREEP
            464 => vec![Output::Fatal(DisconnectReason::AuthenticationFailed(
                "The server refused the password.".to_owned(),
            ))],
            465 => vec![Output::Fatal(DisconnectReason::AuthenticationFailed(
                "The server has banned this connection.".to_owned(),
            ))],
            // ERR_UNKNOWNCOMMAND for CAP: an old server; registration goes on without SASL.
            421 if line.param(1).eq_ignore_ascii_case("CAP") => {
                self.cap_open = false;
                Vec::new()
            }
            // SASL: logged in / out, refusals, mechanisms.
            900..=908 => self.handle_sasl_numeric(code, line),
            // Errors about a command we sent after registration.
            401 | 403 | 404 | 405 | 442 | 471 | 473 | 474 | 475 | 477 | 482 => {
                vec![event_error(numeric_error_text(code))]
            }
            _ => Vec::new(),
        }
    }

    fn end_cap(&mut self) -> Vec<Output> {
        if std::mem::take(&mut self.cap_open) {
            urgent("CAP", &["END"]).into_iter().collect()
        } else {
            Vec::new()
        }
    }

    fn handle_message(&mut self, line: &Line, notice: bool, now: SystemTime) -> Vec<Output> {
        // A message needs a target and a text; one without a sender is not from the network.
        if line.params.len() < 2 || matches!(&line.source, Source::Server(name) if name.is_empty())
        {
            return Vec::new();
        }
        let target = line.param(0);
        let body = line.param(1);
        let (from, from_server) = match &line.source {
            Source::User(nick) => (nick.clone(), false),
            Source::Server(name) => (name.clone(), true),
        };
        let conversation = if is_channel(target) {
            Conversation::Room(target.to_owned())
        } else {
            Conversation::Direct(from.clone())
        };
        let message = |body: String, kind| {
            Output::Event(Event::Message(IncomingMessage {
                from: from.clone(),
                conversation: conversation.clone(),
                body,
                kind,
                received: now,
            }))
        };
        if let Some(request) = ctcp::parse(body) {
            if notice {
                // A CTCP reply (or a request in a NOTICE, which must not be answered).
                return Vec::new();
            }
            return match ctcp::handle_request(&request, now) {
                CtcpAction::Action(text) => {
                    vec![message(strip_formatting(&text), MessageKind::Action)]
                }
                CtcpAction::Reply(reply) if !from_server => build_line("NOTICE", &[&from, &reply])
                    .map(|line| Output::Send {
                        line,
                        completes: None,
                    })
                    .into_iter()
                    .collect(),
                CtcpAction::RefuseDcc => vec![event_error(
                    "Someone offered a direct (DCC) connection; it was refused: it would bypass Tor.",
                )],
                CtcpAction::Reply(_) | CtcpAction::Ignore => Vec::new(),
            };
        }
        if from_server && !self.registered {
            // "*** Looking up your hostname" and the like.
            return Vec::new();
        }
        let kind = if notice {
            MessageKind::Notice
        } else {
            MessageKind::Normal
        };
        vec![message(strip_formatting(body), kind)]
    }

    fn handle_join(&mut self, line: &Line) -> Vec<Output> {
        let nick = user_of(line);
        let mut out = Vec::new();
        for room in line.param(0).split(',').filter(|r| !r.is_empty()) {
            let entry = self
                .members
                .entry(fold_case(room))
                .or_insert_with(|| (room.to_owned(), BTreeSet::new()));
            entry.1.insert(nick.clone());
            out.push(Output::Event(Event::Joined {
                room: room.to_owned(),
                member: nick.clone(),
            }));
        }
        out
    }

    fn remove_member(&mut self, rooms: &str, nick: &str) -> Vec<Output> {
        let mut out = Vec::new();
        let ours = fold_case(nick) == fold_case(&self.nick);
        for room in rooms.split(',').filter(|r| !r.is_empty()) {
            let key = fold_case(room);
            if ours {
                self.members.remove(&key);
            } else if let Some((_, members)) = self.members.get_mut(&key) {
                members.remove(nick);
            }
            out.push(Output::Event(Event::Left {
                room: room.to_owned(),
                member: nick.to_owned(),
            }));
        }
        out
    }

    fn handle_quit(&mut self, line: &Line) -> Vec<Output> {
        let nick = user_of(line);
        let mut out = Vec::new();
        for (room, members) in self.members.values_mut() {
            if members.remove(&nick) {
                out.push(Output::Event(Event::Left {
                    room: room.clone(),
                    member: nick.clone(),
                }));
            }
        }
        out.push(Output::Event(Event::Presence {
            contact: nick,
            available: false,
        }));
        out
    }

    fn handle_nick(&mut self, line: &Line) -> Vec<Output> {
        let old = user_of(line);
        let new = line.param(0).to_owned();
        if new.is_empty() {
            return Vec::new();
        }
        if fold_case(&old) == fold_case(&self.nick) {
            self.nick = new.clone();
        }
        for (_, members) in self.members.values_mut() {
            if members.remove(&old) {
                members.insert(new.clone());
            }
        }
        vec![Output::Event(Event::NickChanged { old, new })]
    }

    /// Handles a user command while connected (Connect and Disconnect are the task's).
    pub fn command(&mut self, command: &Command) -> Vec<Output> {
        match command {
            Command::Send { to, body, kind, id } => self.send_message(to, body, *kind, *id),
            Command::Join { room, password } => {
                if !valid_name(room) {
                    return vec![event_error("That room name is not valid on IRC.")];
                }
                let line = match password {
                    Some(key) => build_line("JOIN", &[room, &clean(key)]),
                    None => build_line("JOIN", &[room]),
                };
                queue(line)
            }
            Command::Leave { room } if valid_name(room) => queue(build_line("PART", &[room])),
            Command::SetTopic { room, topic } if valid_name(room) => {
                queue(build_line("TOPIC", &[room, &clean(topic)]))
            }
            Command::ChangeNick { nick } if valid_name(nick) => queue(build_line("NICK", &[nick])),
            Command::Leave { .. } | Command::SetTopic { .. } | Command::ChangeNick { .. } => {
                vec![event_error("That name is not valid on IRC.")]
            }
            Command::Connect | Command::Disconnect => Vec::new(),
        }
    }

    fn send_message(
        &mut self,
        to: &Conversation,
        body: &str,
        kind: MessageKind,
        id: OutgoingId,
    ) -> Vec<Output> {
        let failed = |reason: &str| {
            vec![Output::Event(Event::SendFailed {
                id,
                reason: reason.to_owned(),
            })]
        };
        let target = match to {
            Conversation::Room(room) | Conversation::Direct(room) => room.as_str(),
        };
        if !valid_name(target) {
            return failed("The message was not sent: the recipient's name is not valid on IRC.");
        }
        let body = body.replace(['\r', '\0'], "");
        if body.trim().is_empty() {
            return failed("The message was not sent: it is empty.");
        }
        let (command, prefix, suffix) = match kind {
            MessageKind::Normal => ("PRIVMSG", "", ""),
            MessageKind::Action => ("PRIVMSG", "\x01ACTION ", "\x01"),
            MessageKind::Notice => ("NOTICE", "", ""),
        };
        let budget = text_budget(&self.nick, target, command, prefix.len() + suffix.len());
        let mut lines = Vec::new();
        for paragraph in body.split('\n').filter(|p| !p.is_empty()) {
            for piece in split_text(paragraph, budget) {
                let text = format!("{prefix}{piece}{suffix}");
                match build_line(command, &[target, &text]) {
                    Some(line) => lines.push((line, text)),
                    None => return failed("The message was not sent: it could not be encoded."),
                }
            }
        }
        let count = lines.len();
        lines
            .into_iter()
            .enumerate()
            .map(|(index, (line, text))| {
                let completes = (index + 1 == count).then_some(id);
                Output::Send {
                    line: self.track_outgoing(line, target, &text, completes),
                    completes,
                }
            })
            .collect()
    }
}

fn urgent(command: &str, params: &[&str]) -> Option<Output> {
    build_line(command, params).map(Output::Urgent)
}

fn queue(line: Option<String>) -> Vec<Output> {
    match line {
        Some(line) => vec![Output::Send {
            line,
            completes: None,
        }],
        None => vec![event_error("That command could not be encoded.")],
    }
}

fn event_error(text: &str) -> Output {
    Output::Event(Event::Error(text.to_owned()))
}

fn user_of(line: &Line) -> String {
    match &line.source {
        Source::User(nick) | Source::Server(nick) => nick.clone(),
    }
}

/// Channel names start with one of RFC 2811's prefixes.
pub fn is_channel(name: &str) -> bool {
    name.starts_with(['#', '&', '+', '!'])
}

/// A nick or channel we can put on the wire as one parameter.
fn valid_name(name: &str) -> bool {
    !name.is_empty()
        && name.len() <= 200
        && !name.starts_with(':')
        && !name
            .chars()
            .any(|c| c == ' ' || c == ',' || c == '\x07' || c.is_control())
}

/// Removes line breaks and NULs from free text we send.
fn clean(text: &str) -> String {
    text.replace(['\r', '\n', '\0'], " ")
}

fn numeric_error_text(code: u16) -> &'static str {
    match code {
        401 => "There is no one with that nickname on the server.",
        403 => "There is no such room.",
        404 => {
            "The message could not be delivered to the room (you may need to join it or be given voice)."
        }
        405 => "You are in too many rooms.",
        442 => "You are not in that room.",
        471 => "The room is full.",
        473 => "The room is invite-only.",
        474 => "You are banned from that room.",
        475 => "The room needs a key (password).",
        477 => "The room requires a registered nickname.",
        482 => "Only room operators can do that.",
        _ => "The server refused the command.",
    }
}

mod ircv3;
mod registration;

#[cfg(test)]
mod tests;
