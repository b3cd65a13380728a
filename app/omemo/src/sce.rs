//! XEP-0420 Stanza Content Encryption envelopes, the plaintext of every OMEMO 2 message.
//!
//! ```xml
//! <envelope xmlns='urn:xmpp:sce:1'>
//!   <content><body xmlns='jabber:client'>Hello</body></content>
//!   <rpad>random padding</rpad>
//!   <from jid='juliet@capulet.example'/>
//! </envelope>
//! ```
//!
//! XEP-0384 (OMEMO 2) requires `<rpad>` (hides the length) and `<from>` (binds the sender:
//! a receiver must check it against the stanza's sender, [`Envelope::check_from`]).

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD_NO_PAD;
use minidom::Element;
use rxml::xml_ncname;

use crate::{OmemoError, SecretSource};

/// The SCE namespace.
pub const NS_SCE: &str = "urn:xmpp:sce:1";
/// The namespace of a `<body>` inside `<content>`.
pub const NS_CLIENT: &str = "jabber:client";
/// Most random padding bytes (before base64) added by [`Envelope::to_xml`].
pub const MAX_RPAD: usize = 200;

/// A parsed or to-be-built envelope.
#[derive(Clone, Debug, PartialEq)]
pub struct Envelope {
    /// The children of `<content>`: the stanza elements that were encrypted.
    pub content: Vec<Element>,
    /// The `<from jid=…>` affix.
    pub from: Option<String>,
    /// The `<to jid=…>` affix.
    pub to: Option<String>,
    /// The `<time stamp=…>` affix, as written.
    pub time: Option<String>,
}

impl Envelope {
    /// An envelope carrying one `<body>` with `text`, from `from` (our bare JID).
    pub fn with_body(text: &str, from: &str) -> Self {
        Self {
            content: vec![Element::builder("body", NS_CLIENT).append(text).build()],
            from: Some(from.to_owned()),
            to: None,
            time: None,
        }
    }

    /// The text of the first `<body>` in the content.
    pub fn body(&self) -> Option<String> {
        self.content
            .iter()
            .find(|e| e.is("body", NS_CLIENT))
            .map(Element::text)
    }

    /// Checks the `from` affix against the bare JID the stanza came from. A missing or
    /// different `from` means the envelope may have been taken from another conversation.
    pub fn check_from(&self, sender_bare_jid: &str) -> Result<(), OmemoError> {
        match &self.from {
            Some(from) if from == sender_bare_jid => Ok(()),
            Some(_) => Err(OmemoError::malformed(
                "envelope",
                "the from affix names another sender",
            )),
            None => Err(OmemoError::malformed("envelope", "no from affix")),
        }
    }

    /// Builds the envelope with fresh random padding.
    pub fn to_xml(&self, rng: &mut dyn SecretSource) -> Result<String, OmemoError> {
        let mut length = [0u8; 1];
        rng.fill(&mut length)?;
        let mut padding = vec![0u8; usize::from(length[0]) % (MAX_RPAD + 1)];
        rng.fill(&mut padding)?;
        let mut envelope = Element::builder("envelope", NS_SCE)
            .append(
                Element::builder("content", NS_SCE)
                    .append_all(self.content.iter().cloned())
                    .build(),
            )
            .append(
                Element::builder("rpad", NS_SCE)
                    .append(STANDARD_NO_PAD.encode(&padding))
                    .build(),
            )
            .build();
        if let Some(time) = &self.time {
            envelope.append_child(
                Element::builder("time", NS_SCE)
                    .attr(xml_ncname!("stamp").into(), time.as_str())
                    .build(),
            );
        }
        if let Some(to) = &self.to {
            envelope.append_child(
                Element::builder("to", NS_SCE)
                    .attr(xml_ncname!("jid").into(), to.as_str())
                    .build(),
            );
        }
        if let Some(from) = &self.from {
            envelope.append_child(
                Element::builder("from", NS_SCE)
                    .attr(xml_ncname!("jid").into(), from.as_str())
                    .build(),
            );
        }
        Ok(String::from(&envelope))
    }

    /// Parses an envelope (bounded by [`crate::xml::MAX_XML_BYTES`]).
    pub fn from_xml(xml: &str) -> Result<Self, OmemoError> {
        const WHAT: &str = "envelope";
        if xml.len() > crate::xml::MAX_XML_BYTES {
            return Err(OmemoError::TooLarge {
                what: WHAT,
                size: xml.len(),
                max: crate::xml::MAX_XML_BYTES,
            });
        }
        let element: Element = xml
            .parse()
            .map_err(|_| OmemoError::malformed(WHAT, "not well-formed XML"))?;
        if !element.is("envelope", NS_SCE) {
            return Err(OmemoError::malformed(WHAT, "not an SCE <envelope>"));
        }
        let content = element
            .get_child("content", NS_SCE)
            .ok_or(OmemoError::malformed(WHAT, "no <content>"))?;
        let affix = |name: &str, attribute: &str| {
            element
                .get_child(name, NS_SCE)
                .and_then(|e| e.attr(attribute))
                .map(str::to_owned)
        };
        Ok(Self {
            content: content.children().cloned().collect(),
            from: affix("from", "jid"),
            to: affix("to", "jid"),
            time: affix("time", "stamp"),
        })
    }
}
