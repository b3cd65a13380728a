//! What we answer when someone queries our client (IQ get/set addressed to us), following the
//! fixed privacy values of docs/ARCHITECTURE.md section 5:
//!
//! | query | answer |
//! |---|---|
//! | XEP-0202 entity time (`urn:xmpp:time`) | the time in UTC, whole seconds, `tzo` `+00:00` |
//! | XEP-0199 ping (`urn:xmpp:ping`) | an empty result (needed to keep some servers happy) |
//! | XEP-0030 disco#info without a node | [`DISCO_IDENTITY_CATEGORY`]/[`DISCO_IDENTITY_TYPE`], no name, features [`DISCO_FEATURES`] |
//! | disco#info with a node | `item-not-found` (we publish no caps, so no node is ours) |
//! | XEP-0092 software version (`jabber:iq:version`) | `service-unavailable`: name, version and OS are never told |
//! | XEP-0012 last activity (`jabber:iq:last`) | `service-unavailable`: idle time is never told |
//! | anything else (get or set) | `service-unavailable` |
//!
//! Roster pushes are handled by the session (they change state); everything here is stateless.

use chrono::{DateTime, Offset, SubsecRound, Utc};
use xmpp_parsers::disco::{DiscoInfoQuery, DiscoInfoResult, Identity};
use xmpp_parsers::minidom::Element;
use xmpp_parsers::ns;
use xmpp_parsers::stanza_error::DefinedCondition;
use xmpp_parsers::time::TimeResult;

/// The features we list in disco#info: the same for every user, and nothing that names the
/// client. Only what we really answer is listed.
pub const DISCO_FEATURES: [&str; 3] = [
    "http://jabber.org/protocol/disco#info",
    "urn:xmpp:ping",
    "urn:xmpp:time",
];

/// Our disco identity category (RFC: every entity has one).
pub const DISCO_IDENTITY_CATEGORY: &str = "client";
/// Our disco identity type: "pc", the most common one, and no name.
pub const DISCO_IDENTITY_TYPE: &str = "pc";

/// The answer to an IQ request.
#[derive(Debug, Clone, PartialEq)]
pub enum Answer {
    /// A result, with or without a payload.
    Result(Option<Element>),
    /// An error with this condition (type `cancel`).
    Error(DefinedCondition),
}

/// Answers an IQ get (`is_set == false`) or set addressed to us, except roster pushes.
pub fn answer(payload: &Element, is_set: bool, now: DateTime<Utc>) -> Answer {
    let namespace = payload.ns();
    match (is_set, payload.name(), namespace.as_str()) {
        (false, "time", ns::TIME) => Answer::Result(Some(time_result(now).into())),
        (false, "ping", ns::PING) => Answer::Result(None),
        (false, "query", ns::DISCO_INFO) => disco_info(payload),
        // jabber:iq:version, jabber:iq:last and everything unknown.
        _ => Answer::Error(DefinedCondition::ServiceUnavailable),
    }
}

/// The time in UTC, cut to whole seconds (sub-second digits would only help to measure
/// clock skew, a fingerprint).
pub fn time_result(now: DateTime<Utc>) -> TimeResult {
    TimeResult {
        tz_offset: Utc.fix(),
        utc: now.trunc_subsecs(0),
    }
}

fn disco_info(payload: &Element) -> Answer {
    match DiscoInfoQuery::try_from(payload.clone()) {
        Ok(DiscoInfoQuery { node: None }) => Answer::Result(Some(disco_info_result().into())),
        Ok(DiscoInfoQuery { node: Some(_) }) => Answer::Error(DefinedCondition::ItemNotFound),
        Err(_) => Answer::Error(DefinedCondition::BadRequest),
    }
}

/// Our disco#info: one anonymous client identity and [`DISCO_FEATURES`].
pub fn disco_info_result() -> DiscoInfoResult {
    DiscoInfoResult {
        node: None,
        identities: vec![Identity {
            category: DISCO_IDENTITY_CATEGORY.to_owned(),
            type_: DISCO_IDENTITY_TYPE.to_owned(),
            lang: None,
            name: None,
        }],
        features: DISCO_FEATURES.iter().map(|f| (*f).to_owned()).collect(),
        extensions: Vec::new(),
    }
}
