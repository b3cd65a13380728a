//! The OMEMO elements as XML: `<encrypted>`, the bundle and the device list of both
//! namespaces, parsed and built with minidom (the DOM that xmpp-parsers uses), so that the
//! XMPP layer only moves elements.
//!
//! Parsing is bounded: text input is at most [`MAX_XML_BYTES`], a device list at most
//! [`MAX_DEVICES`] devices, a message at most [`MAX_KEYS_PER_MESSAGE`] key elements, a
//! bundle at most [`crate::bundle::MAX_BUNDLE_PRE_KEYS`] pre-keys. Past a bound the whole
//! element is refused with [`OmemoError::TooMany`] or [`OmemoError::TooLarge`].

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use minidom::Element;
use rxml::xml_ncname;

use crate::bundle::MAX_BUNDLE_PRE_KEYS;
use crate::keys::{parse_djb, serialize_djb};
use crate::{Bundle, Namespace, OmemoError};

/// Largest XML text accepted by the `from_xml` functions.
pub const MAX_XML_BYTES: usize = 1024 * 1024;
/// Most devices accepted in one device list.
pub const MAX_DEVICES: usize = 128;
/// Most key elements accepted in one `<encrypted>` (every device of every member of a room).
pub const MAX_KEYS_PER_MESSAGE: usize = 2048;

/// One `<key>`: the key material for one recipient device, encrypted in our session with it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KeyEntry {
    /// The recipient's bare JID (OMEMO 2 groups keys by JID; OMEMO 0.3 has none).
    pub jid: Option<String>,
    /// The recipient device id (`rid`).
    pub rid: u32,
    /// `prekey='true'` (0.3) or `kex='true'` (2): the bytes are a key exchange.
    pub key_exchange: bool,
    /// The ratchet message or key exchange.
    pub data: Vec<u8>,
}

/// An OMEMO `<encrypted>` element.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EncryptedMessage {
    /// Which namespace it is in.
    pub namespace: Namespace,
    /// The sender's device id (`sid`).
    pub sid: u32,
    /// The payload IV (`<iv>`, OMEMO 0.3 only).
    pub iv: Option<Vec<u8>>,
    /// One key element per recipient device.
    pub keys: Vec<KeyEntry>,
    /// The encrypted payload; absent in an empty message (key transport, session heartbeat).
    pub payload: Option<Vec<u8>>,
}

fn malformed(what: &'static str, reason: &'static str) -> OmemoError {
    OmemoError::malformed(what, reason)
}

fn parse_text(xml: &str, what: &'static str) -> Result<Element, OmemoError> {
    if xml.len() > MAX_XML_BYTES {
        return Err(OmemoError::TooLarge {
            what,
            size: xml.len(),
            max: MAX_XML_BYTES,
        });
    }
    xml.parse::<Element>()
        .map_err(|_| malformed(what, "not well-formed XML"))
}

fn to_text(element: &Element) -> String {
    String::from(element)
}

fn decode_b64(text: &str, what: &'static str) -> Result<Vec<u8>, OmemoError> {
    let compact: String = text.chars().filter(|c| !c.is_ascii_whitespace()).collect();
    STANDARD
        .decode(compact.as_bytes())
        .map_err(|_| malformed(what, "invalid base64"))
}

fn encode_b64(bytes: &[u8]) -> String {
    STANDARD.encode(bytes)
}

fn parse_u32(value: Option<&str>, what: &'static str) -> Result<u32, OmemoError> {
    value
        .ok_or(malformed(what, "missing id attribute"))?
        .trim()
        .parse::<u32>()
        .map_err(|_| malformed(what, "id is not a 32-bit unsigned integer"))
}

fn parse_bool(value: Option<&str>) -> bool {
    matches!(value.map(str::trim), Some("true") | Some("1"))
}

fn key32(bytes: &[u8]) -> Result<[u8; 32], OmemoError> {
    <[u8; 32]>::try_from(bytes).map_err(|_| OmemoError::InvalidKey)
}

/// A public key in a bundle: `0x05 || key` in OMEMO 0.3, raw in OMEMO 2.
fn bundle_key(namespace: Namespace, bytes: &[u8]) -> Result<[u8; 32], OmemoError> {
    match namespace {
        Namespace::Axolotl => parse_djb(bytes),
        Namespace::Omemo2 => key32(bytes),
    }
}

fn bundle_key_text(namespace: Namespace, key: &[u8; 32]) -> String {
    match namespace {
        Namespace::Axolotl => encode_b64(&serialize_djb(key)),
        Namespace::Omemo2 => encode_b64(key),
    }
}

impl EncryptedMessage {
    /// Parses an `<encrypted>` element of either namespace.
    pub fn from_element(element: &Element) -> Result<Self, OmemoError> {
        const WHAT: &str = "encrypted element";
        let namespace = if element.is("encrypted", Namespace::Axolotl.xmlns()) {
            Namespace::Axolotl
        } else if element.is("encrypted", Namespace::Omemo2.xmlns()) {
            Namespace::Omemo2
        } else {
            return Err(malformed(WHAT, "not an OMEMO <encrypted> element"));
        };
        let ns = namespace.xmlns();
        let header = element
            .get_child("header", ns)
            .ok_or(malformed(WHAT, "no <header>"))?;
        let sid = parse_u32(header.attr("sid"), "header")?;
        let mut keys = Vec::new();
        let mut push = |entry: KeyEntry| -> Result<(), OmemoError> {
            if keys.len() >= MAX_KEYS_PER_MESSAGE {
                return Err(OmemoError::TooMany {
                    what: "key elements",
                    count: keys.len() + 1,
                    max: MAX_KEYS_PER_MESSAGE,
                });
            }
            keys.push(entry);
            Ok(())
        };
        let mut iv = None;
        match namespace {
            Namespace::Axolotl => {
                for child in header.children() {
                    if child.is("key", ns) {
                        push(KeyEntry {
                            jid: None,
                            rid: parse_u32(child.attr("rid"), "key")?,
                            key_exchange: parse_bool(child.attr("prekey")),
                            data: decode_b64(&child.text(), "key")?,
                        })?;
                    } else if child.is("iv", ns) {
                        iv = Some(decode_b64(&child.text(), "iv")?);
                    }
                }
                if iv.is_none() {
                    return Err(malformed(WHAT, "no <iv>"));
                }
            }
            Namespace::Omemo2 => {
                for group in header.children().filter(|c| c.is("keys", ns)) {
                    let jid = group
                        .attr("jid")
                        .ok_or(malformed("keys", "no jid attribute"))?;
                    for child in group.children().filter(|c| c.is("key", ns)) {
                        push(KeyEntry {
                            jid: Some(jid.to_owned()),
                            rid: parse_u32(child.attr("rid"), "key")?,
                            key_exchange: parse_bool(child.attr("kex")),
                            data: decode_b64(&child.text(), "key")?,
                        })?;
                    }
                }
            }
        }
        let payload = match element.get_child("payload", ns) {
            Some(payload) => Some(decode_b64(&payload.text(), "payload")?),
            None => None,
        };
        if let Some(payload) = &payload
            && payload.len() > crate::payload::MAX_PAYLOAD_BYTES
        {
            return Err(OmemoError::TooLarge {
                what: "payload",
                size: payload.len(),
                max: crate::payload::MAX_PAYLOAD_BYTES,
            });
        }
        Ok(Self {
            namespace,
            sid,
            iv,
            keys,
            payload,
        })
    }

    /// Parses `<encrypted>` from XML text.
    pub fn from_xml(xml: &str) -> Result<Self, OmemoError> {
        Self::from_element(&parse_text(xml, "encrypted element")?)
    }

    /// Builds the `<encrypted>` element.
    pub fn to_element(&self) -> Element {
        let ns = self.namespace.xmlns();
        let mut header = Element::builder("header", ns)
            .attr(xml_ncname!("sid").into(), self.sid.to_string())
            .build();
        match self.namespace {
            Namespace::Axolotl => {
                for key in &self.keys {
                    let mut builder = Element::builder("key", ns)
                        .attr(xml_ncname!("rid").into(), key.rid.to_string());
                    if key.key_exchange {
                        builder = builder.attr(xml_ncname!("prekey").into(), "true");
                    }
                    header.append_child(builder.append(encode_b64(&key.data)).build());
                }
                let iv = self.iv.as_deref().unwrap_or_default();
                header.append_child(Element::builder("iv", ns).append(encode_b64(iv)).build());
            }
            Namespace::Omemo2 => {
                // Group by JID, keeping the order of first appearance.
                let mut jids: Vec<&str> = Vec::new();
                for key in &self.keys {
                    let jid = key.jid.as_deref().unwrap_or_default();
                    if !jids.contains(&jid) {
                        jids.push(jid);
                    }
                }
                for jid in jids {
                    let mut group = Element::builder("keys", ns)
                        .attr(xml_ncname!("jid").into(), jid)
                        .build();
                    for key in self
                        .keys
                        .iter()
                        .filter(|k| k.jid.as_deref().unwrap_or_default() == jid)
                    {
                        let mut builder = Element::builder("key", ns)
                            .attr(xml_ncname!("rid").into(), key.rid.to_string());
                        if key.key_exchange {
                            builder = builder.attr(xml_ncname!("kex").into(), "true");
                        }
                        group.append_child(builder.append(encode_b64(&key.data)).build());
                    }
                    header.append_child(group);
                }
            }
        }
        let mut encrypted = Element::builder("encrypted", ns).append(header).build();
        if let Some(payload) = &self.payload {
            encrypted.append_child(
                Element::builder("payload", ns)
                    .append(encode_b64(payload))
                    .build(),
            );
        }
        encrypted
    }

    /// The `<encrypted>` element as XML text.
    pub fn to_xml(&self) -> String {
        to_text(&self.to_element())
    }
}

/// Parses a device list (`<list>` in 0.3, `<devices>` in 2). Device labels are ignored.
pub fn parse_device_list(element: &Element) -> Result<(Namespace, Vec<u32>), OmemoError> {
    const WHAT: &str = "device list";
    let namespace = if element.is("list", Namespace::Axolotl.xmlns()) {
        Namespace::Axolotl
    } else if element.is("devices", Namespace::Omemo2.xmlns()) {
        Namespace::Omemo2
    } else {
        return Err(malformed(WHAT, "not an OMEMO device list"));
    };
    let mut devices = Vec::new();
    for (index, device) in element
        .children()
        .filter(|c| c.is("device", namespace.xmlns()))
        .enumerate()
    {
        if index >= MAX_DEVICES {
            let count = element
                .children()
                .filter(|c| c.is("device", namespace.xmlns()))
                .count();
            return Err(OmemoError::TooMany {
                what: "devices",
                count,
                max: MAX_DEVICES,
            });
        }
        let id = parse_u32(device.attr("id"), "device")?;
        if id == 0 {
            return Err(malformed("device", "device id 0 is not allowed"));
        }
        if !devices.contains(&id) {
            devices.push(id);
        }
    }
    Ok((namespace, devices))
}

/// Parses a device list from XML text.
pub fn parse_device_list_xml(xml: &str) -> Result<(Namespace, Vec<u32>), OmemoError> {
    parse_device_list(&parse_text(xml, "device list")?)
}

/// Builds a device list.
pub fn device_list_element(namespace: Namespace, devices: &[u32]) -> Element {
    let ns = namespace.xmlns();
    let name = match namespace {
        Namespace::Axolotl => "list",
        Namespace::Omemo2 => "devices",
    };
    Element::builder(name, ns)
        .append_all(devices.iter().map(|id| {
            Element::builder("device", ns)
                .attr(xml_ncname!("id").into(), id.to_string())
                .build()
        }))
        .build()
}

/// Builds a device list as XML text.
pub fn device_list_xml(namespace: Namespace, devices: &[u32]) -> String {
    to_text(&device_list_element(namespace, devices))
}

/// Parses a bundle element of either namespace. The signature is not checked here
/// ([`Bundle::verify`] does, and [`crate::OmemoStore::encrypt`] calls it).
pub fn parse_bundle(element: &Element) -> Result<Bundle, OmemoError> {
    const WHAT: &str = "bundle";
    let namespace = if element.is("bundle", Namespace::Axolotl.xmlns()) {
        Namespace::Axolotl
    } else if element.is("bundle", Namespace::Omemo2.xmlns()) {
        Namespace::Omemo2
    } else {
        return Err(malformed(WHAT, "not an OMEMO bundle"));
    };
    let ns = namespace.xmlns();
    let (spk_name, spk_id_attr, sig_name, ik_name, pk_name, pk_id_attr) = match namespace {
        Namespace::Axolotl => (
            "signedPreKeyPublic",
            "signedPreKeyId",
            "signedPreKeySignature",
            "identityKey",
            "preKeyPublic",
            "preKeyId",
        ),
        Namespace::Omemo2 => ("spk", "id", "spks", "ik", "pk", "id"),
    };
    let spk = element
        .get_child(spk_name, ns)
        .ok_or(malformed(WHAT, "no signed pre-key"))?;
    let signed_pre_key_id = parse_u32(spk.attr(spk_id_attr), "signed pre-key")?;
    let signed_pre_key = bundle_key(namespace, &decode_b64(&spk.text(), "signed pre-key")?)?;
    let signature_bytes = decode_b64(
        &element
            .get_child(sig_name, ns)
            .ok_or(malformed(WHAT, "no signature"))?
            .text(),
        "signature",
    )?;
    let signature = <[u8; 64]>::try_from(signature_bytes.as_slice())
        .map_err(|_| malformed("signature", "not 64 bytes"))?;
    let identity_key = bundle_key(
        namespace,
        &decode_b64(
            &element
                .get_child(ik_name, ns)
                .ok_or(malformed(WHAT, "no identity key"))?
                .text(),
            "identity key",
        )?,
    )?;
    let prekeys = element
        .get_child("prekeys", ns)
        .ok_or(malformed(WHAT, "no <prekeys>"))?;
    let mut pre_keys = Vec::new();
    for (index, pk) in prekeys.children().filter(|c| c.is(pk_name, ns)).enumerate() {
        if index >= MAX_BUNDLE_PRE_KEYS {
            return Err(OmemoError::TooMany {
                what: "pre-keys",
                count: index + 1,
                max: MAX_BUNDLE_PRE_KEYS,
            });
        }
        let id = parse_u32(pk.attr(pk_id_attr), "pre-key")?;
        pre_keys.push((
            id,
            bundle_key(namespace, &decode_b64(&pk.text(), "pre-key")?)?,
        ));
    }
    Ok(Bundle {
        namespace,
        identity_key,
        signed_pre_key_id,
        signed_pre_key,
        signature,
        pre_keys,
    })
}

/// Parses a bundle from XML text.
pub fn parse_bundle_xml(xml: &str) -> Result<Bundle, OmemoError> {
    parse_bundle(&parse_text(xml, "bundle")?)
}

/// Builds a bundle element.
pub fn bundle_element(bundle: &Bundle) -> Element {
    let namespace = bundle.namespace;
    let ns = namespace.xmlns();
    let (spk_name, spk_id_attr, sig_name, ik_name, pk_name, pk_id_attr) = match namespace {
        Namespace::Axolotl => (
            "signedPreKeyPublic",
            xml_ncname!("signedPreKeyId"),
            "signedPreKeySignature",
            "identityKey",
            "preKeyPublic",
            xml_ncname!("preKeyId"),
        ),
        Namespace::Omemo2 => (
            "spk",
            xml_ncname!("id"),
            "spks",
            "ik",
            "pk",
            xml_ncname!("id"),
        ),
    };
    Element::builder("bundle", ns)
        .append(
            Element::builder(spk_name, ns)
                .attr(spk_id_attr.into(), bundle.signed_pre_key_id.to_string())
                .append(bundle_key_text(namespace, &bundle.signed_pre_key))
                .build(),
        )
        .append(
            Element::builder(sig_name, ns)
                .append(encode_b64(&bundle.signature))
                .build(),
        )
        .append(
            Element::builder(ik_name, ns)
                .append(bundle_key_text(namespace, &bundle.identity_key))
                .build(),
        )
        .append(
            Element::builder("prekeys", ns)
                .append_all(bundle.pre_keys.iter().map(|(id, key)| {
                    Element::builder(pk_name, ns)
                        .attr(pk_id_attr.into(), id.to_string())
                        .append(bundle_key_text(namespace, key))
                        .build()
                }))
                .build(),
        )
        .build()
}

/// Builds a bundle as XML text.
pub fn bundle_xml(bundle: &Bundle) -> String {
    to_text(&bundle_element(bundle))
}
