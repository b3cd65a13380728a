//! The protocol logic of one logged-in XMPP connection, without I/O: stanzas and user commands
//! go in, stanzas to send and [`Event`]s come out. Being pure, it is what the unit tests and
//! the fuzz target exercise.
//!
//! Privacy rules applied here (docs/ARCHITECTURE.md section 5): the initial presence is a bare
//! "available" (no show, status, priority, caps or avatar hash); no chat states, receipts or
//! markup are ever sent; subscription requests are not approved automatically; queries are
//! answered by [`crate::answers`].

use std::collections::{BTreeMap, BTreeSet, VecDeque};
use std::time::SystemTime;

use chrono::{DateTime, Utc};
use messenger_protocol::{Command, Conversation, Event, IncomingMessage, MessageKind, OutgoingId};
use tokio_xmpp::Stanza;
use tokio_xmpp::xmlstream::RawStanzaHeader;
use xmpp_parsers::iq::Iq;
use xmpp_parsers::jid::{BareJid, FullJid, Jid};
use xmpp_parsers::message::{Message, MessageType};
use xmpp_parsers::minidom::Element;
use xmpp_parsers::ns;
use xmpp_parsers::presence::{Presence, Type as PresenceType};
use xmpp_parsers::roster::{Roster, Subscription};
use xmpp_parsers::stanza_error::{DefinedCondition, ErrorType, StanzaError};

use crate::answers::{Answer, answer};
use crate::ids::stanza_id;
use crate::markup::{incoming_kind, outgoing_body, plain_body};
use crate::rooms::{self, Rooms};

/// What the session asks of the connection.
#[derive(Debug)]
pub enum Output {
    /// Send this stanza; report `completes` as sent once it is written.
    Send {
        /// The stanza (boxed: stanzas are large and events small).
        stanza: Box<Stanza>,
        /// The user's message it carries, if any.
        completes: Option<OutgoingId>,
    },
    /// Tell the user.
    Event(Event),
}

/// The three kinds of stanza, for one that could not be parsed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StanzaKind {
    /// `<iq/>`.
    Iq,
    /// `<message/>`.
    Message,
    /// `<presence/>`.
    Presence,
}

impl StanzaKind {
    /// The kind named by an element name.
    pub fn from_name(name: &str) -> Option<StanzaKind> {
        match name {
            "iq" => Some(StanzaKind::Iq),
            "message" => Some(StanzaKind::Message),
            "presence" => Some(StanzaKind::Presence),
            _ => None,
        }
    }
}

/// The state of one logged-in connection.
#[derive(Debug)]
pub struct XmppState {
    own: FullJid,
    /// The nick used when joining rooms.
    nick: String,
    rooms: Rooms,
    /// Contacts and their available resources: a contact is online when the set is not empty.
    contacts: BTreeMap<BareJid, BTreeSet<String>>,
    /// The id of our roster request, to recognise its answer.
    roster_request: Option<String>,
    /// Stanza ids of recent outgoing messages, so a bounce can name the message it refuses.
    recent: VecDeque<(String, OutgoingId)>,
}

/// How many outgoing messages are remembered for matching bounces.
const RECENT_MESSAGES: usize = 256;

impl XmppState {
    /// A session for the JID the server bound; `nick` is used in rooms.
    pub fn new(own: FullJid, nick: String) -> XmppState {
        XmppState {
            own,
            nick,
            rooms: Rooms::default(),
            contacts: BTreeMap::new(),
            roster_request: None,
            recent: VecDeque::new(),
        }
    }

    /// Our full JID.
    pub fn own(&self) -> &FullJid {
        &self.own
    }

    /// What to do right after login: report it, fetch the roster, say we are available, join
    /// the remembered rooms.
    pub fn start(&mut self, rooms: &[(String, Option<String>)]) -> Vec<Output> {
        let mut outputs = vec![Output::Event(Event::Connected {
            own_name: self.own.to_string(),
        })];
        let id = stanza_id();
        self.roster_request = Some(id.clone());
        let roster = Iq::from_get(
            id,
            Roster {
                ver: None,
                items: Vec::new(),
            },
        );
        outputs.push(send(roster));
        outputs.push(send(Presence::available()));
        for (room, password) in rooms {
            outputs.extend(self.join(room, password.clone()));
        }
        outputs
    }

    /// The bare JID a room name stands for: `room@service` as is, or a bare name on the
    /// conventional `conference.` service of our server.
    pub fn room_jid(&self, room: &str) -> Option<BareJid> {
        if room.contains('@') {
            BareJid::new(room).ok()
        } else {
            BareJid::new(&format!("{room}@conference.{}", self.own.domain())).ok()
        }
    }

    fn join(&mut self, room: &str, password: Option<String>) -> Vec<Output> {
        let Some(jid) = self.room_jid(room) else {
            return vec![error_event("This room address is not valid.")];
        };
        match self.rooms.join(jid, &self.nick, password) {
            Ok(presence) => vec![send(presence)],
            Err(error) => vec![error_event(&error.to_string())],
        }
    }

    /// A user command while logged in ([`Command::Connect`] and [`Command::Disconnect`] are
    /// the connection's business and produce nothing here).
    pub fn command(&mut self, command: Command) -> Vec<Output> {
        match command {
            Command::Connect | Command::Disconnect => Vec::new(),
            Command::Join { room, password } => self.join(&room, password),
            Command::Leave { room } => {
                let Some(jid) = self.room_jid(&room) else {
                    return Vec::new();
                };
                match self.rooms.leave(&jid) {
                    Some((presence, nick)) => vec![
                        send(presence),
                        Output::Event(Event::Left {
                            room: jid.to_string(),
                            member: nick,
                        }),
                    ],
                    None => Vec::new(),
                }
            }
            Command::Send { to, body, kind, id } => self.send_message(to, &body, kind, id),
            Command::SetTopic { room, topic } => {
                let Some(jid) = self.room_jid(&room).filter(|jid| self.rooms.contains(jid)) else {
                    return vec![error_event("You are not in that room.")];
                };
                let mut message = Message::groupchat(Some(Jid::from(jid)));
                message.id = Some(xmpp_parsers::message::Id(stanza_id()));
                message.subjects.insert(String::new().into(), topic);
                vec![send(message)]
            }
            Command::ChangeNick { nick } => {
                let presences = self.rooms.change_nick(&nick);
                self.nick = nick;
                presences.into_iter().map(send).collect()
            }
        }
    }

    fn send_message(
        &mut self,
        to: Conversation,
        body: &str,
        kind: MessageKind,
        id: OutgoingId,
    ) -> Vec<Output> {
        let (to, type_) = match to {
            Conversation::Room(room) => {
                match self
                    .room_jid(&room)
                    .filter(|jid| self.rooms.get(jid).is_some_and(|room| room.joined))
                {
                    Some(jid) => (Jid::from(jid), MessageType::Groupchat),
                    None => return vec![not_sent(id, "You are not in that room")],
                }
            }
            Conversation::Direct(contact) => match Jid::new(&contact) {
                Ok(jid) => (jid, MessageType::Chat),
                Err(_) => return vec![not_sent(id, "This address is not valid")],
            },
        };
        let mut message = Message::new_with_type(type_, Some(to));
        let stanza_id = stanza_id();
        if self.recent.len() == RECENT_MESSAGES {
            self.recent.pop_front();
        }
        self.recent.push_back((stanza_id.clone(), id));
        message.id = Some(xmpp_parsers::message::Id(stanza_id));
        message
            .bodies
            .insert(String::new().into(), outgoing_body(body, kind));
        vec![Output::Send {
            stanza: Box::new(message.into()),
            completes: Some(id),
        }]
    }

    /// Maps a stanza from the server.
    pub fn stanza(&mut self, stanza: Stanza, now: SystemTime) -> Vec<Output> {
        match stanza {
            Stanza::Message(message) => self.message(message, now),
            Stanza::Presence(presence) => self.presence(presence),
            Stanza::Iq(iq) => self.iq(iq, now),
        }
    }

    /// A stanza that could not be parsed: an IQ request gets `bad-request` (so the sender is
    /// not left waiting), a message is reported as unreadable, a presence is ignored.
    pub fn invalid_stanza(&mut self, kind: StanzaKind, header: &RawStanzaHeader) -> Vec<Output> {
        match kind {
            StanzaKind::Iq => {
                let is_request = matches!(header.type_.as_deref(), Some("get" | "set"));
                match (&header.id, is_request) {
                    (Some(id), true) => {
                        let to = header.from.as_deref().and_then(|from| Jid::new(from).ok());
                        vec![send(error_reply(
                            to,
                            id.clone(),
                            DefinedCondition::BadRequest,
                        ))]
                    }
                    _ => Vec::new(),
                }
            }
            StanzaKind::Message => vec![error_event(
                "A message arrived in a form that could not be read; it was ignored.",
            )],
            StanzaKind::Presence => Vec::new(),
        }
    }

    fn message(&mut self, message: Message, now: SystemTime) -> Vec<Output> {
        let from = message
            .from
            .clone()
            .unwrap_or_else(|| Jid::from(self.own.to_bare()));
        let bare = from.to_bare();
        if message.type_ == MessageType::Error {
            let bounced = message.id.as_ref().and_then(|bounced| {
                self.recent
                    .iter()
                    .find(|(sent, _)| *sent == bounced.0)
                    .map(|(_, id)| *id)
            });
            return match bounced {
                Some(id) => vec![not_sent(
                    id,
                    "The server or the contact refused the message",
                )],
                None => vec![error_event(
                    "A message could not be delivered (the server or the contact refused it).",
                )],
            };
        }
        let in_room = self.rooms.contains(&bare);
        if message.type_ == MessageType::Groupchat {
            if !in_room {
                return Vec::new();
            }
            let body = plain_body(&message);
            if body.is_none() {
                if let Some(subject) = message
                    .subjects
                    .get("")
                    .or_else(|| message.subjects.values().next())
                {
                    return vec![Output::Event(Event::Topic {
                        room: bare.to_string(),
                        topic: subject.clone(),
                    })];
                }
                return Vec::new();
            }
            let Some(body) = body else {
                return Vec::new();
            };
            let (sender, kind) = match from.resource() {
                Some(nick) => {
                    let own_nick = self.rooms.get(&bare).map(|room| room.nick.as_str());
                    if own_nick == Some(nick.as_str()) {
                        // The room echoes our own messages; we reported them as sent already.
                        return Vec::new();
                    }
                    (nick.as_str().to_owned(), None)
                }
                // A message from the room itself (not an occupant).
                None => (bare.to_string(), Some(MessageKind::Notice)),
            };
            let (parsed_kind, body) = incoming_kind(body);
            return vec![incoming(
                sender,
                Conversation::Room(bare.to_string()),
                body,
                kind.unwrap_or(parsed_kind),
                now,
            )];
        }
        let Some(body) = plain_body(&message) else {
            // Chat states, receipts requests and other bodiless messages: nothing to show,
            // nothing answered.
            return Vec::new();
        };
        // A private message from a room occupant belongs to that occupant, not to the room.
        let conversation = if in_room && from.resource().is_some() {
            Conversation::Direct(from.to_string())
        } else {
            Conversation::Direct(bare.to_string())
        };
        let (kind, body) = incoming_kind(body);
        let kind = if message.type_ == MessageType::Headline {
            MessageKind::Notice
        } else {
            kind
        };
        vec![incoming(from.to_string(), conversation, body, kind, now)]
    }

    fn presence(&mut self, presence: Presence) -> Vec<Output> {
        let Some(from) = presence.from.clone() else {
            return Vec::new();
        };
        let bare = from.to_bare();
        if self.rooms.contains(&bare) {
            if presence.type_ == PresenceType::Error {
                let joined = self.rooms.get(&bare).is_some_and(|room| room.joined);
                if !joined {
                    self.rooms.forget(&bare);
                    let condition = presence
                        .payloads
                        .iter()
                        .find_map(|payload| StanzaError::try_from(payload.clone()).ok())
                        .map(|error| room_error_words(&error.defined_condition))
                        .unwrap_or("the room refused");
                    return vec![error_event(&format!(
                        "Could not join the room: {condition}."
                    ))];
                }
                return Vec::new();
            }
            let Ok(full) = from.try_as_full() else {
                return Vec::new();
            };
            let mut outputs: Vec<Output> = self
                .rooms
                .presence(full, &presence)
                .into_iter()
                .map(Output::Event)
                .collect();
            if rooms::created_by_us(&presence)
                && let Some(payload) = rooms::instant_room_request()
            {
                outputs.push(send(Iq::Set {
                    from: None,
                    to: Some(Jid::from(bare)),
                    id: stanza_id(),
                    payload,
                }));
            }
            return outputs;
        }
        if bare == self.own.to_bare() {
            // Our own other sessions: nothing to report.
            return Vec::new();
        }
        let resource = from
            .resource()
            .map(|resource| resource.as_str().to_owned())
            .unwrap_or_default();
        let was_online = self.is_online(&bare);
        match presence.type_ {
            PresenceType::None => {
                self.contacts
                    .entry(bare.clone())
                    .or_default()
                    .insert(resource);
            }
            PresenceType::Unavailable => {
                if let Some(resources) = self.contacts.get_mut(&bare) {
                    resources.remove(&resource);
                }
            }
            // Subscription requests are left to the user (never approved automatically);
            // probes are the server's job; errors change nothing.
            _ => return Vec::new(),
        }
        let online = self.is_online(&bare);
        if online == was_online {
            return Vec::new();
        }
        vec![Output::Event(Event::Presence {
            contact: bare.to_string(),
            available: online,
        })]
    }

    fn is_online(&self, contact: &BareJid) -> bool {
        self.contacts
            .get(contact)
            .is_some_and(|resources| !resources.is_empty())
    }

    fn iq(&mut self, iq: Iq, now: SystemTime) -> Vec<Output> {
        match iq {
            Iq::Get {
                from, id, payload, ..
            } => self.request(from, id, &payload, false, now),
            Iq::Set {
                from, id, payload, ..
            } => {
                if payload.is("query", ns::ROSTER) {
                    return self.roster_push(from, id, payload);
                }
                self.request(from, id, &payload, true, now)
            }
            Iq::Result { id, payload, .. } => {
                if self.roster_request.as_deref() == Some(id.as_str()) {
                    self.roster_request = None;
                    if let Some(roster) = payload.and_then(|p| Roster::try_from(p).ok()) {
                        return self.roster_items(roster);
                    }
                }
                Vec::new()
            }
            Iq::Error { id, .. } => {
                if self.roster_request.as_deref() == Some(id.as_str()) {
                    self.roster_request = None;
                    return vec![error_event("The server did not send your contact list.")];
                }
                Vec::new()
            }
        }
    }

    fn request(
        &mut self,
        from: Option<Jid>,
        id: String,
        payload: &Element,
        is_set: bool,
        now: SystemTime,
    ) -> Vec<Output> {
        let reply = match answer(payload, is_set, DateTime::<Utc>::from(now)) {
            Answer::Result(payload) => Iq::Result {
                from: None,
                to: from,
                id,
                payload,
            },
            Answer::Error(condition) => error_reply(from, id, condition),
        };
        vec![send(reply)]
    }

    /// A roster push is only believed from our own account (RFC 6121 2.1.6).
    fn roster_push(&mut self, from: Option<Jid>, id: String, payload: Element) -> Vec<Output> {
        let trusted = from
            .as_ref()
            .is_none_or(|from| from.is_bare() && from.to_bare() == self.own.to_bare());
        if !trusted {
            return vec![send(error_reply(
                from,
                id,
                DefinedCondition::ServiceUnavailable,
            ))];
        }
        let mut outputs = vec![send(Iq::Result {
            from: None,
            to: None,
            id,
            payload: None,
        })];
        if let Ok(roster) = Roster::try_from(payload) {
            outputs.extend(self.roster_items(roster));
        }
        outputs
    }

    /// Roster items become presence events: every new contact starts offline; a removed
    /// contact is reported offline one last time.
    fn roster_items(&mut self, roster: Roster) -> Vec<Output> {
        let mut outputs = Vec::new();
        for item in roster.items {
            if item.subscription == Subscription::Remove {
                if self.contacts.remove(&item.jid).is_some() {
                    outputs.push(Output::Event(Event::Presence {
                        contact: item.jid.to_string(),
                        available: false,
                    }));
                }
                continue;
            }
            if self.contacts.contains_key(&item.jid) {
                continue;
            }
            self.contacts.insert(item.jid.clone(), BTreeSet::new());
            outputs.push(Output::Event(Event::Presence {
                contact: item.jid.to_string(),
                available: false,
            }));
        }
        outputs
    }
}

fn send(stanza: impl Into<Stanza>) -> Output {
    Output::Send {
        stanza: Box::new(stanza.into()),
        completes: None,
    }
}

fn error_event(text: &str) -> Output {
    Output::Event(Event::Error(text.to_owned()))
}

fn not_sent(id: OutgoingId, why: &str) -> Output {
    Output::Event(Event::SendFailed {
        id,
        reason: format!("{why}: the message was not sent."),
    })
}

fn incoming(
    from: String,
    conversation: Conversation,
    body: String,
    kind: MessageKind,
    received: SystemTime,
) -> Output {
    Output::Event(Event::Message(IncomingMessage {
        from,
        conversation,
        body,
        kind,
        received,
    }))
}

/// An IQ error reply of type `cancel` with no text (nothing about us in it).
pub fn error_reply(to: Option<Jid>, id: String, condition: DefinedCondition) -> Iq {
    Iq::Error {
        from: None,
        to,
        id,
        error: StanzaError {
            type_: ErrorType::Cancel,
            by: None,
            defined_condition: condition,
            texts: BTreeMap::new(),
            other: None,
        },
        payload: None,
    }
}

fn room_error_words(condition: &DefinedCondition) -> &'static str {
    match condition {
        DefinedCondition::NotAuthorized => "a password is required or it is wrong",
        DefinedCondition::Forbidden => "you are banned from it",
        DefinedCondition::Conflict => "this nickname is already in use there",
        DefinedCondition::RegistrationRequired => "it is for members only",
        DefinedCondition::ServiceUnavailable => "it is full",
        DefinedCondition::ItemNotFound => "it does not exist",
        DefinedCondition::NotAllowed => "creating rooms is not allowed",
        _ => "the room refused",
    }
}

#[cfg(test)]
mod tests;
