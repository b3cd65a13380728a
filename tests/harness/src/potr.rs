//! An independent OTR v2 peer: python3-potr (with a small compatibility shim for bookworm's
//! pycryptodome, `potr/potr_compat.py`) on a plain IRC connection, scripted over JSON lines
//! (`potr/peer.py` documents the commands and events). Run with Debian's `/usr/bin/python3`.
//! The process is killed by PID when the [`PotrPeer`] is dropped, also when a test panics.

use crate::HarnessError;
use std::collections::BTreeMap;
use std::fs::File;
use std::io::{BufRead, BufReader, Write};
use std::path::PathBuf;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

const COMPONENT: &str = "potr peer";
const PYTHON: &str = "/usr/bin/python3";
/// Key generation in pure Python plus IRC registration.
const READY_LIMIT: Duration = Duration::from_secs(60);

/// A value in one of the peer's JSON events (flat objects only).
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// A string.
    Str(String),
    /// A boolean.
    Bool(bool),
    /// A number.
    Num(f64),
    /// `null`.
    Null,
}

/// One event from the peer, e.g. `{"event":"message","from":"alice","text":"hi","encrypted":true}`.
#[derive(Debug, Clone, PartialEq)]
pub struct PotrEvent {
    /// Its fields.
    pub fields: BTreeMap<String, Value>,
}

impl PotrEvent {
    /// The `event` field (`ready`, `message`, `state`, `smp`, `error`, `sent`).
    pub fn kind(&self) -> &str {
        self.str("event").unwrap_or("")
    }

    /// A string field.
    pub fn str(&self, key: &str) -> Option<&str> {
        match self.fields.get(key) {
            Some(Value::Str(s)) => Some(s),
            _ => None,
        }
    }

    /// A boolean field.
    pub fn bool(&self, key: &str) -> Option<bool> {
        match self.fields.get(key) {
            Some(Value::Bool(b)) => Some(*b),
            _ => None,
        }
    }
}

/// A running potr peer on IRC. See the module docs.
pub struct PotrPeer {
    child: Child,
    stdin: ChildStdin,
    events: Receiver<PotrEvent>,
    seen: Vec<PotrEvent>,
    nick: String,
    fingerprint: String,
    log: PathBuf,
    _dir: tempfile::TempDir,
}

impl PotrPeer {
    /// Starts the peer, connects it to the IRC server on 127.0.0.1:`irc_port` as `nick`
    /// (9 characters at most on ngircd), and waits until it is registered.
    pub fn start(irc_port: u16, nick: &str) -> Result<PotrPeer, HarnessError> {
        if !std::path::Path::new(PYTHON).exists() {
            return Err(HarnessError::MissingProgram {
                component: COMPONENT.into(),
                program: PYTHON.into(),
                package: "python3-potr",
            });
        }
        let dir = tempfile::tempdir()
            .map_err(|e| HarnessError::io(COMPONENT, "creating a temporary folder", e))?;
        let log = dir.path().join("potr-peer.log");
        let stderr =
            File::create(&log).map_err(|e| HarnessError::io(COMPONENT, "creating its log", e))?;
        let script = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("potr")
            .join("peer.py");
        let mut command = Command::new(PYTHON);
        command
            .arg(&script)
            .args([
                "--host",
                "127.0.0.1",
                "--port",
                &irc_port.to_string(),
                "--nick",
                nick,
            ])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(stderr);
        let mut child = command.spawn().map_err(|source| HarnessError::Spawn {
            component: COMPONENT.into(),
            program: PYTHON.into(),
            source,
        })?;
        let (Some(stdin), Some(stdout)) = (child.stdin.take(), child.stdout.take()) else {
            let _ = child.kill();
            let _ = child.wait();
            return Err(HarnessError::Protocol {
                component: COMPONENT.into(),
                port: Some(irc_port),
                message: "no pipes to the peer".into(),
            });
        };
        let (tx, events) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines() {
                let Ok(line) = line else { break };
                if let Some(event) = parse_object(&line)
                    && tx.send(PotrEvent { fields: event }).is_err()
                {
                    break;
                }
            }
        });
        let mut peer = PotrPeer {
            child,
            stdin,
            events,
            seen: Vec::new(),
            nick: nick.to_owned(),
            fingerprint: String::new(),
            log,
            _dir: dir,
        };
        let ready = peer.expect("IRC registration", READY_LIMIT, |e| e.kind() == "ready")?;
        peer.fingerprint = ready.str("fingerprint").unwrap_or_default().to_owned();
        Ok(peer)
    }

    /// Its IRC nick.
    pub fn nick(&self) -> &str {
        &self.nick
    }

    /// Its OTR fingerprint: 40 lower-case hex digits.
    pub fn fingerprint(&self) -> &str {
        &self.fingerprint
    }

    /// The process id.
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    fn command(&mut self, fields: &[(&str, &str)]) -> Result<(), HarnessError> {
        let body: Vec<String> = fields
            .iter()
            .map(|(k, v)| format!("{}:{}", json_string(k), json_string(v)))
            .collect();
        let line = format!("{{{}}}\n", body.join(","));
        self.stdin
            .write_all(line.as_bytes())
            .and_then(|()| self.stdin.flush())
            .map_err(|e| HarnessError::io(COMPONENT, "writing a command", e))
    }

    /// Sends a message through OTR (encrypted when the conversation is private).
    pub fn send(&mut self, to: &str, text: &str) -> Result<(), HarnessError> {
        self.command(&[("cmd", "send"), ("to", to), ("text", text)])
    }

    /// Sends an OTR v2 query.
    pub fn start_otr(&mut self, to: &str) -> Result<(), HarnessError> {
        self.command(&[("cmd", "start_otr"), ("to", to)])
    }

    /// Ends the private conversation (the peer is told).
    pub fn end_otr(&mut self, to: &str) -> Result<(), HarnessError> {
        self.command(&[("cmd", "end_otr"), ("to", to)])
    }

    /// Starts SMP with a secret and an optional question.
    pub fn smp_start(
        &mut self,
        to: &str,
        secret: &str,
        question: Option<&str>,
    ) -> Result<(), HarnessError> {
        match question {
            Some(q) => self.command(&[
                ("cmd", "smp_start"),
                ("to", to),
                ("secret", secret),
                ("question", q),
            ]),
            None => self.command(&[("cmd", "smp_start"), ("to", to), ("secret", secret)]),
        }
    }

    /// Answers an SMP request.
    pub fn smp_respond(&mut self, to: &str, secret: &str) -> Result<(), HarnessError> {
        self.command(&[("cmd", "smp_respond"), ("to", to), ("secret", secret)])
    }

    /// Aborts a running SMP check (the peer is told).
    pub fn smp_abort(&mut self, to: &str) -> Result<(), HarnessError> {
        self.command(&[("cmd", "smp_abort"), ("to", to)])
    }

    /// Sends a raw PRIVMSG body, bypassing OTR (for bad-input tests).
    pub fn raw(&mut self, to: &str, text: &str) -> Result<(), HarnessError> {
        self.command(&[("cmd", "raw"), ("to", to), ("text", text)])
    }

    fn log_excerpt(&self) -> crate::LogExcerpt {
        crate::LogExcerpt {
            path: self.log.clone(),
            tail: crate::process::log_tail(&self.log),
        }
    }

    /// Every event received so far, in order.
    pub fn seen(&self) -> &[PotrEvent] {
        &self.seen
    }

    /// Waits up to `limit` for an event matching `wanted` (earlier events are kept in
    /// [`PotrPeer::seen`]; an already seen match is returned at once).
    pub fn expect(
        &mut self,
        awaited: &str,
        limit: Duration,
        wanted: impl Fn(&PotrEvent) -> bool,
    ) -> Result<PotrEvent, HarnessError> {
        self.expect_after(0, awaited, limit, wanted)
    }

    /// Like [`PotrPeer::expect`], but only events from index `mark` of [`PotrPeer::seen`] on
    /// count: take `mark = seen().len()` before acting, to wait for what the action causes
    /// and not for an older event of the same kind.
    pub fn expect_after(
        &mut self,
        mark: usize,
        awaited: &str,
        limit: Duration,
        wanted: impl Fn(&PotrEvent) -> bool,
    ) -> Result<PotrEvent, HarnessError> {
        if let Some(event) = self.seen.iter().skip(mark).find(|e| wanted(e)) {
            return Ok(event.clone());
        }
        let deadline = Instant::now() + limit;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.events.recv_timeout(left) {
                Ok(event) => {
                    self.seen.push(event.clone());
                    if wanted(&event) {
                        return Ok(event);
                    }
                }
                Err(RecvTimeoutError::Timeout) => {
                    return Err(HarnessError::Timeout {
                        component: COMPONENT.into(),
                        port: None,
                        awaited: awaited.into(),
                        limit,
                        last_seen: self.seen.last().map(|e| e.kind().to_owned()),
                        log: Box::new(self.log_excerpt()),
                    });
                }
                Err(RecvTimeoutError::Disconnected) => {
                    return Err(HarnessError::Exited {
                        component: COMPONENT.into(),
                        port: None,
                        awaited: awaited.into(),
                        status: format!("{:?}", self.child.try_wait()),
                        log: Box::new(self.log_excerpt()),
                    });
                }
            }
        }
    }

    /// Waits for the next message from `from` (oldest first) and returns its text and
    /// whether it arrived encrypted. A returned message is removed from [`PotrPeer::seen`].
    pub fn expect_message(
        &mut self,
        from: &str,
        limit: Duration,
    ) -> Result<(String, bool), HarnessError> {
        let event = self.expect(&format!("a message from {from}"), limit, |e| {
            e.kind() == "message" && e.str("from") == Some(from)
        })?;
        if let Some(index) = self.seen.iter().position(|e| e == &event) {
            self.seen.remove(index);
        }
        let text = event.str("text").unwrap_or_default().to_owned();
        Ok((text, event.bool("encrypted").unwrap_or(false)))
    }
}

impl Drop for PotrPeer {
    fn drop(&mut self) {
        // Errors mean the process is already gone.
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A JSON string literal.
fn json_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Parses a flat JSON object (string, bool, number, null values), as `json.dumps` writes it.
fn parse_object(line: &str) -> Option<BTreeMap<String, Value>> {
    let mut chars = line.trim().chars().peekable();
    let mut map = BTreeMap::new();
    let skip_ws = |chars: &mut std::iter::Peekable<std::str::Chars<'_>>| {
        while chars.peek().is_some_and(|c| c.is_whitespace()) {
            chars.next();
        }
    };
    if chars.next()? != '{' {
        return None;
    }
    loop {
        skip_ws(&mut chars);
        match chars.peek()? {
            '}' => return Some(map),
            ',' => {
                chars.next();
                continue;
            }
            _ => {}
        }
        let key = parse_string(&mut chars)?;
        skip_ws(&mut chars);
        if chars.next()? != ':' {
            return None;
        }
        skip_ws(&mut chars);
        let value = match chars.peek()? {
            '"' => Value::Str(parse_string(&mut chars)?),
            't' | 'f' | 'n' => {
                let word: String =
                    std::iter::from_fn(|| chars.next_if(|c| c.is_ascii_alphabetic())).collect();
                match word.as_str() {
                    "true" => Value::Bool(true),
                    "false" => Value::Bool(false),
                    "null" => Value::Null,
                    _ => return None,
                }
            }
            _ => {
                let number: String = std::iter::from_fn(|| {
                    chars.next_if(|c| c.is_ascii_digit() || "+-.eE".contains(*c))
                })
                .collect();
                Value::Num(number.parse().ok()?)
            }
        };
        map.insert(key, value);
    }
}

fn parse_string(chars: &mut std::iter::Peekable<std::str::Chars<'_>>) -> Option<String> {
    if chars.next()? != '"' {
        return None;
    }
    let mut out = String::new();
    loop {
        match chars.next()? {
            '"' => return Some(out),
            '\\' => match chars.next()? {
                'n' => out.push('\n'),
                'r' => out.push('\r'),
                't' => out.push('\t'),
                'b' => out.push('\u{8}'),
                'f' => out.push('\u{c}'),
                'u' => {
                    let hex: String = (0..4).filter_map(|_| chars.next()).collect();
                    let unit = u32::from_str_radix(&hex, 16).ok()?;
                    if (0xD800..0xDC00).contains(&unit) {
                        // A surrogate pair: \uD83D\uDE00.
                        if chars.next()? != '\\' || chars.next()? != 'u' {
                            return None;
                        }
                        let low: String = (0..4).filter_map(|_| chars.next()).collect();
                        let low = u32::from_str_radix(&low, 16).ok()?;
                        out.push(char::from_u32(
                            0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00),
                        )?);
                    } else {
                        out.push(char::from_u32(unit)?);
                    }
                }
                other => out.push(other),
            },
            c => out.push(c),
        }
    }
}

#[cfg(test)]
mod tests;
