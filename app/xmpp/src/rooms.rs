//! Multi-user chat (XEP-0045) state: which rooms we are in, under which nick, with whom, and
//! how room presences become [`Event`]s (Members, Joined, Left, NickChanged).

use std::collections::{BTreeMap, BTreeSet};

use messenger_protocol::Event;
use xmpp_parsers::jid::{BareJid, FullJid};
use xmpp_parsers::muc::user::{MucUser, Status};
use xmpp_parsers::muc::{Muc, muc::History};
use xmpp_parsers::presence::{Presence, Type as PresenceType};

/// The namespace of room presence details.
const MUC_USER_NS: &str = "http://jabber.org/protocol/muc#user";

/// One room we joined or are joining.
#[derive(Debug, Clone)]
pub struct Room {
    /// Our nick in it.
    pub nick: String,
    /// The room's password, to join again after a nick change or a reconnect.
    pub password: Option<String>,
    /// Whether the room confirmed our presence (status 110).
    pub joined: bool,
    /// The occupants' nicks, ourselves included.
    pub members: BTreeSet<String>,
}

/// All rooms of a session, by bare room JID.
#[derive(Debug, Default)]
pub struct Rooms {
    rooms: BTreeMap<BareJid, Room>,
}

impl Rooms {
    /// Whether `room` is one of ours (joined or joining).
    pub fn contains(&self, room: &BareJid) -> bool {
        self.rooms.contains_key(room)
    }

    /// The room, if it is ours.
    pub fn get(&self, room: &BareJid) -> Option<&Room> {
        self.rooms.get(room)
    }

    /// Every room's JID and our nick there.
    pub fn nicks(&self) -> impl Iterator<Item = (&BareJid, &Room)> {
        self.rooms.iter()
    }

    /// Starts joining `room` as `nick`: the presence to send (no history is asked for, so a
    /// rejoin after a reconnect does not replay old messages).
    pub fn join(
        &mut self,
        room: BareJid,
        nick: &str,
        password: Option<String>,
    ) -> Result<Presence, jid_error::InvalidNick> {
        let occupant = occupant(&room, nick)?;
        let mut muc = Muc::new().with_history(History::new().with_maxstanzas(0));
        if let Some(password) = &password {
            muc = muc.with_password(password.clone());
        }
        self.rooms.insert(
            room,
            Room {
                nick: nick.to_owned(),
                password,
                joined: false,
                members: BTreeSet::new(),
            },
        );
        Ok(Presence::available().with_to(occupant).with_payload(muc))
    }

    /// Leaves `room`: the presence to send, and forgets the room.
    pub fn leave(&mut self, room: &BareJid) -> Option<(Presence, String)> {
        let state = self.rooms.remove(room)?;
        let occupant = occupant(room, &state.nick).ok()?;
        Some((Presence::unavailable().with_to(occupant), state.nick))
    }

    /// A nick change in every room: the presences to send (the nick changes when the room
    /// confirms it with status 303).
    pub fn change_nick(&self, nick: &str) -> Vec<Presence> {
        self.rooms
            .keys()
            .filter_map(|room| occupant(room, nick).ok())
            .map(|to| Presence::available().with_to(to))
            .collect()
    }

    /// Drops a room whose join failed.
    pub fn forget(&mut self, room: &BareJid) -> Option<Room> {
        self.rooms.remove(room)
    }

    /// Maps a presence from an occupant of one of our rooms to events.
    pub fn presence(&mut self, from: &FullJid, presence: &Presence) -> Vec<Event> {
        let room_jid = from.to_bare();
        let nick = from.resource().as_str().to_owned();
        let room_name = room_jid.to_string();
        let Some(room) = self.rooms.get_mut(&room_jid) else {
            return Vec::new();
        };
        let details = presence
            .payloads
            .iter()
            .find(|payload| payload.is("x", MUC_USER_NS))
            .and_then(|payload| MucUser::try_from(payload.clone()).ok());
        let statuses = details
            .as_ref()
            .map(|user| user.status.as_slice())
            .unwrap_or_default();
        let is_self = statuses.contains(&Status::SelfPresence) || nick == room.nick;
        let mut events = Vec::new();
        match presence.type_ {
            PresenceType::None => {
                let new = room.members.insert(nick.clone());
                if !room.joined {
                    if is_self {
                        room.joined = true;
                        room.nick = nick.clone();
                        events.push(Event::Members {
                            room: room_name.clone(),
                            members: room.members.iter().cloned().collect(),
                        });
                        events.push(Event::Joined {
                            room: room_name,
                            member: nick,
                        });
                    }
                } else if new {
                    events.push(Event::Joined {
                        room: room_name,
                        member: nick,
                    });
                }
            }
            PresenceType::Unavailable => {
                room.members.remove(&nick);
                let new_nick = statuses
                    .contains(&Status::NewNick)
                    .then(|| {
                        details
                            .as_ref()
                            .and_then(|user| user.items.first())
                            .and_then(|item| item.nick.clone())
                    })
                    .flatten();
                if let Some(new_nick) = new_nick {
                    room.members.insert(new_nick.clone());
                    if is_self {
                        room.nick = new_nick.clone();
                    }
                    events.push(Event::NickChanged {
                        old: nick,
                        new: new_nick,
                    });
                } else {
                    events.push(Event::Left {
                        room: room_name,
                        member: nick,
                    });
                    if is_self {
                        // Kicked, banned, or the room went away: it is no longer ours.
                        self.rooms.remove(&room_jid);
                    }
                }
            }
            _ => {}
        }
        events
    }
}

/// Whether this is our own presence in a room the server just created for us (statuses 110
/// and 201): such a room stays locked to others until its owner accepts a configuration.
pub fn created_by_us(presence: &Presence) -> bool {
    presence
        .payloads
        .iter()
        .find(|payload| payload.is("x", MUC_USER_NS))
        .and_then(|payload| MucUser::try_from(payload.clone()).ok())
        .is_some_and(|user| {
            user.status.contains(&Status::SelfPresence)
                && user.status.contains(&Status::RoomHasBeenCreated)
        })
}

/// The request that accepts the default configuration of a room we created (an "instant
/// room", XEP-0045 section 10.1.2), so others can join.
pub fn instant_room_request() -> Option<xmpp_parsers::minidom::Element> {
    "<query xmlns='http://jabber.org/protocol/muc#owner'><x xmlns='jabber:x:data' type='submit'/></query>"
        .parse()
        .ok()
}

/// The occupant JID `room/nick`.
fn occupant(room: &BareJid, nick: &str) -> Result<FullJid, jid_error::InvalidNick> {
    room.with_resource_str(nick)
        .map_err(|_| jid_error::InvalidNick)
}

/// The error of a nick that cannot be a JID resource.
pub mod jid_error {
    /// The nick is empty, too long or contains forbidden characters.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
    #[error(
        "This nickname cannot be used in a room (empty, too long or with forbidden characters)."
    )]
    pub struct InvalidNick;
}
