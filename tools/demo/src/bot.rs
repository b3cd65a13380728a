//! The demo's OTR bot: `bot/demo_bot.py` on Debian's python3-potr, an OTR implementation
//! independent of ours. It joins the demo channel, greets whoever joins, answers private
//! messages (an encrypted echo once OTR is up) and OTR identity checks. It reports events as
//! JSON lines without message text; it is killed on drop and exits by itself when its stdin
//! closes, so it never outlives the demo even if the demo is killed.

use crate::DemoError;
use std::fs::File;
use std::io::{BufRead, BufReader};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

const PYTHON: &str = "/usr/bin/python3";
/// Key generation in pure Python plus IRC registration.
const READY_LIMIT: Duration = Duration::from_secs(60);

/// The bot script, beside this crate's sources (it imports the harness's potr shim).
pub(crate) fn script_path() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("bot")
        .join("demo_bot.py")
}

/// One event of the bot, e.g. `{"event":"answered","to":"alice","encrypted":true}`.
#[derive(Debug, Clone, PartialEq)]
pub struct BotEvent {
    /// Every field of the JSON object.
    pub fields: serde_json::Map<String, serde_json::Value>,
}

impl BotEvent {
    /// The `event` field: `ready`, `joined`, `greeted`, `answered`, `state`, `smp`, `error`.
    pub fn kind(&self) -> &str {
        self.str("event").unwrap_or("")
    }

    /// A string field.
    pub fn str(&self, key: &str) -> Option<&str> {
        self.fields.get(key).and_then(serde_json::Value::as_str)
    }

    /// A boolean field.
    pub fn bool(&self, key: &str) -> Option<bool> {
        self.fields.get(key).and_then(serde_json::Value::as_bool)
    }

    /// The event in words for the terminal, or `None` for the uninteresting ones.
    pub fn describe(&self) -> Option<String> {
        let peer = self.str("peer").or(self.str("to")).or(self.str("nick"));
        let peer = peer.unwrap_or("?");
        match (self.kind(), self.str("state")) {
            ("greeted", _) => Some(format!("bot: greeted {peer} in the channel and privately")),
            ("answered", _) if self.bool("encrypted") == Some(true) => {
                Some(format!("bot: answered {peer} (encrypted with OTR)"))
            }
            ("answered", _) => Some(format!("bot: answered {peer} (not private yet)")),
            ("state", Some("encrypted")) => Some(format!(
                "bot: the conversation with {peer} is private (OTR)"
            )),
            ("state", Some("finished")) => {
                Some(format!("bot: {peer} ended the private conversation"))
            }
            ("smp", Some(state)) => Some(format!("bot: identity check with {peer}: {state}")),
            ("error", _) if self.str("kind") == Some("irc_closed") => {
                Some("bot: its IRC connection closed".to_owned())
            }
            ("error", _) => Some(format!(
                "bot: problem with {peer}: {}",
                self.str("kind").unwrap_or("?")
            )),
            _ => None,
        }
    }
}

/// Where the bot logs in on XMPP (as `NICK@xmpp.test`), checking the server's certificate.
#[derive(Debug, Clone)]
pub struct XmppLogin {
    /// prosody's c2s port on 127.0.0.1.
    pub port: u16,
    /// The bot's password there.
    pub password: String,
    /// The server's certificate (PEM), the only one the bot accepts.
    pub certificate: PathBuf,
}

/// A running bot. See the module docs.
pub struct OtrBot {
    child: Child,
    // Held open: the bot exits when it closes (on drop, or when this process dies).
    _stdin: ChildStdin,
    events: Receiver<BotEvent>,
    fingerprint: String,
    log: PathBuf,
}

impl OtrBot {
    /// Starts the bot on the IRC server at 127.0.0.1:`irc_port` (plaintext, on loopback) as
    /// `nick` in `channel`, and on XMPP if `xmpp` says where, answering identity checks with
    /// `secret`; its stderr goes to `log`. Returns once it has made its OTR key, logged in
    /// and joined the channel.
    pub fn start(
        irc_port: u16,
        nick: &str,
        channel: &str,
        secret: &str,
        xmpp: Option<&XmppLogin>,
        log: &Path,
    ) -> Result<OtrBot, DemoError> {
        let fail = |problem: String| DemoError::Bot {
            problem,
            log: log_tail(log),
        };
        if !Path::new(PYTHON).exists() {
            return Err(fail(format!("cannot start: {PYTHON} is missing")));
        }
        let stderr = File::create(log).map_err(|source| DemoError::Write {
            path: log.to_path_buf(),
            source,
        })?;
        let mut command = Command::new(PYTHON);
        command
            .arg(script_path())
            .args(["--host", "127.0.0.1", "--port", &irc_port.to_string()])
            .args(["--nick", nick, "--channel", channel, "--secret", secret]);
        if let Some(xmpp) = xmpp {
            command
                .args(["--xmpp-port", &xmpp.port.to_string()])
                .args(["--xmpp-password", &xmpp.password])
                .arg("--xmpp-ca")
                .arg(&xmpp.certificate);
        }
        command
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(stderr)
            // No __pycache__ beside the scripts (one of them is the harness's).
            .env("PYTHONDONTWRITEBYTECODE", "1")
            // Its own process group: a Ctrl-C in the terminal reaches the demo, which stops
            // the bot in order, rather than printing a Python traceback.
            .process_group(0);
        let mut child = command
            .spawn()
            .map_err(|e| fail(format!("cannot start: {e}")))?;
        let (Some(stdin), Some(stdout)) = (child.stdin.take(), child.stdout.take()) else {
            let _ = child.kill();
            let _ = child.wait();
            return Err(fail("has no pipes".into()));
        };
        let (tx, events) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines() {
                let Ok(line) = line else { break };
                let Ok(serde_json::Value::Object(fields)) = serde_json::from_str(&line) else {
                    continue;
                };
                if tx.send(BotEvent { fields }).is_err() {
                    break;
                }
            }
        });
        let mut bot = OtrBot {
            child,
            _stdin: stdin,
            events,
            fingerprint: String::new(),
            log: log.to_path_buf(),
        };
        let ready = bot.wait_for("IRC registration", READY_LIMIT, |e| e.kind() == "ready")?;
        bot.fingerprint = ready.str("fingerprint").unwrap_or_default().to_owned();
        bot.wait_for("joining the channel", READY_LIMIT, |e| e.kind() == "joined")?;
        Ok(bot)
    }

    /// Its OTR fingerprint: 40 lower-case hex digits.
    pub fn fingerprint(&self) -> &str {
        &self.fingerprint
    }

    /// The process id.
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// The next event, if one arrives within `limit`.
    pub fn next_event(&self, limit: Duration) -> Option<BotEvent> {
        self.events.recv_timeout(limit).ok()
    }

    /// Waits up to `limit` for an event matching `wanted`, dropping the others.
    pub fn wait_for(
        &mut self,
        awaited: &str,
        limit: Duration,
        wanted: impl Fn(&BotEvent) -> bool,
    ) -> Result<BotEvent, DemoError> {
        let deadline = Instant::now() + limit;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.events.recv_timeout(left) {
                Ok(event) if wanted(&event) => return Ok(event),
                Ok(_) => {}
                Err(RecvTimeoutError::Timeout) => {
                    return Err(DemoError::Bot {
                        problem: format!("did not report {awaited} within {limit:?}"),
                        log: log_tail(&self.log),
                    });
                }
                Err(RecvTimeoutError::Disconnected) => {
                    let status = self.child.try_wait().ok().flatten();
                    return Err(DemoError::Bot {
                        problem: format!(
                            "stopped before {awaited} ({})",
                            status.map_or("still running".into(), |s| s.to_string())
                        ),
                        log: log_tail(&self.log),
                    });
                }
            }
        }
    }
}

impl Drop for OtrBot {
    fn drop(&mut self) {
        // Errors mean the process is already gone.
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The last lines of the bot's log.
fn log_tail(path: &Path) -> String {
    match std::fs::read_to_string(path) {
        Ok(text) if text.trim().is_empty() => "(empty)".into(),
        Ok(text) => {
            let lines: Vec<&str> = text.lines().collect();
            lines[lines.len().saturating_sub(20)..].join("\n")
        }
        Err(e) => format!("(cannot read {}: {e})", path.display()),
    }
}

#[cfg(test)]
mod tests;
