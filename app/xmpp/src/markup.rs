//! Message bodies as plain text: XHTML-IM (XEP-0071) and any other markup are dropped, only
//! the plain `<body/>` is kept. If a sender gave only an XHTML body, its text is taken and
//! every tag is discarded (nothing is rendered, nothing is fetched: images and links in the
//! markup are simply not there). Outgoing messages carry a plain body only.

use messenger_protocol::MessageKind;
use xmpp_parsers::message::Message;
use xmpp_parsers::minidom::{Element, Node};

/// XEP-0071's wrapper namespace.
pub const XHTML_IM_NS: &str = "http://jabber.org/protocol/xhtml-im";
/// The XHTML namespace of the bodies inside the wrapper.
pub const XHTML_NS: &str = "http://www.w3.org/1999/xhtml";

/// The `/me` convention for actions (XEP-0245).
const ACTION_PREFIX: &str = "/me ";

/// The plain text of a message: its `<body/>` (the one without a language, else the first),
/// else the text of an XHTML-IM body, else `None`.
pub fn plain_body(message: &Message) -> Option<String> {
    if let Some(body) = message
        .bodies
        .get("")
        .or_else(|| message.bodies.values().next())
    {
        return Some(body.clone());
    }
    message
        .payloads
        .iter()
        .find(|payload| payload.is("html", XHTML_IM_NS))
        .and_then(xhtml_text)
}

/// The text of the first XHTML body in an XHTML-IM wrapper, tags removed.
fn xhtml_text(html: &Element) -> Option<String> {
    let body = html.children().find(|child| child.is("body", XHTML_NS))?;
    let mut text = String::new();
    collect_text(body, &mut text, 0);
    let text = text.trim().to_owned();
    (!text.is_empty()).then_some(text)
}

/// Deeper nesting than this is ignored, so a hostile message cannot exhaust the stack.
const MAX_DEPTH: usize = 64;

fn collect_text(element: &Element, out: &mut String, depth: usize) {
    if depth > MAX_DEPTH {
        return;
    }
    for node in element.nodes() {
        match node {
            Node::Text(text) => out.push_str(text),
            Node::Element(child) => {
                // Line breaks and paragraphs become newlines so words do not run together.
                let block = matches!(child.name(), "br" | "p" | "div" | "li");
                if block && !out.is_empty() && !out.ends_with('\n') {
                    out.push('\n');
                }
                collect_text(child, out, depth + 1);
            }
        }
    }
}

/// Splits the `/me` convention off an incoming body.
pub fn incoming_kind(body: String) -> (MessageKind, String) {
    match body.strip_prefix(ACTION_PREFIX) {
        Some(rest) => (MessageKind::Action, rest.to_owned()),
        None => (MessageKind::Normal, body),
    }
}

/// The body that goes on the wire for a message of `kind`.
pub fn outgoing_body(body: &str, kind: MessageKind) -> String {
    match kind {
        MessageKind::Action => format!("{ACTION_PREFIX}{body}"),
        MessageKind::Normal | MessageKind::Notice => body.to_owned(),
    }
}

#[cfg(test)]
mod tests;
