//! InspIRCd 3 in the foreground with a temporary configuration on free loopback ports: a
//! plaintext and a TLS client port (self-signed certificate for `inspircd.test` a test pins;
//! client certificates requested, their SHA-256 shown as the CertFP), the IRCv3 modules (cap,
//! sasl, account-notify, extended-join, server-time, echo-message, cap-notify, batch, chghost,
//! invite-notify, message-tags, labeled-response, multi-prefix, userhost-in-names, monitor),
//! sslinfo and services_account; and, with [`Inspircd::with_atheme`], linked to Atheme
//! services (NickServ with CERT ADD, SaslServ with PLAIN, EXTERNAL and
//! ECDSA-NIST256P-CHALLENGE) before the call returns.

mod config;

use std::net::{Ipv4Addr, SocketAddr};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use tempfile::TempDir;

use crate::HarnessError;
use crate::atheme::{Atheme, AthemeLink};
use crate::irc_peer::{IrcRawPeer, IrcTls};
use crate::irc_probe::{services_online, wait_until_registering};
use crate::ports::allocate;
use crate::process::ProcessGuard;
use crate::programs::find_program;
use crate::random::random_hex;
use crate::tls_cert::{ClientCert, SelfSignedCert};
use crate::wait::poll_until;

const COMPONENT: &str = "inspircd";
/// The server's name: also its hostname through tor and the name in its certificate.
pub const INSPIRCD_SERVER_NAME: &str = "inspircd.test";
/// The services server's name.
pub const SERVICES_NAME: &str = "services.test";
/// How long a NickServ command may take to be answered.
const SERVICES_WAIT: Duration = Duration::from_secs(20);

/// How to start InspIRCd (and Atheme).
#[derive(Debug, Clone)]
pub struct InspircdOptions {
    /// The IRC daemon (Debian package `inspircd`).
    pub inspircd: PathBuf,
    /// The services (Debian package `atheme-services`).
    pub atheme: PathBuf,
    /// How long each of them may take to become ready (the link included).
    pub ready_limit: Duration,
}

impl Default for InspircdOptions {
    fn default() -> Self {
        Self {
            inspircd: PathBuf::from("inspircd"),
            atheme: PathBuf::from("atheme-services"),
            ready_limit: Duration::from_secs(30),
        }
    }
}

/// A running InspIRCd, with Atheme linked when started so; dropping it stops both (Atheme
/// first) and removes their files.
#[derive(Debug)]
pub struct Inspircd {
    // First, so the services stop before the server they are linked to.
    atheme: Option<Atheme>,
    guard: ProcessGuard,
    port: u16,
    tls_port: u16,
    cert: SelfSignedCert,
    // Last, so the processes stop before their files are removed.
    _dir: TempDir,
}

impl Inspircd {
    /// InspIRCd alone: IRCv3 and TLS, but no services (so no SASL).
    pub fn start() -> Result<Self, HarnessError> {
        Self::start_with(&InspircdOptions::default(), false)
    }

    /// InspIRCd linked to Atheme; returns once a client sees the `sasl` capability with
    /// mechanisms and NickServ online.
    pub fn with_atheme(options: InspircdOptions) -> Result<Self, HarnessError> {
        Self::start_with(&options, true)
    }

    fn start_with(options: &InspircdOptions, services: bool) -> Result<Self, HarnessError> {
        let inspircd = find_program(COMPONENT, &options.inspircd)?;
        let atheme_program = if services {
            Some(find_program("atheme", &options.atheme)?)
        } else {
            None
        };
        let ports = allocate(COMPONENT, 3)?;
        let (port, tls_port, link_port) = (ports[0], ports[1], ports[2]);
        let dir = tempfile::Builder::new()
            .prefix("harness-inspircd-")
            .tempdir()
            .map_err(|e| HarnessError::io(COMPONENT, "creating a temporary directory", e))?;
        let cert = SelfSignedCert::generate(COMPONENT, &[INSPIRCD_SERVER_NAME], dir.path())?;
        let link_password = random_hex(COMPONENT, 16)?;
        let config_path = dir.path().join("inspircd.conf");
        let text = config::inspircd_conf(&config::Input {
            dir: dir.path(),
            port,
            tls_port,
            link_port,
            cert: &cert,
            link_password: &link_password,
        });
        std::fs::write(&config_path, text)
            .map_err(|e| HarnessError::io(COMPONENT, "writing its configuration", e))?;

        let mut command = Command::new(inspircd);
        command.arg("--nofork").arg("--config").arg(&config_path);
        // SAFETY: geteuid(2) has no preconditions and cannot fail.
        if unsafe { libc::geteuid() } == 0 {
            // InspIRCd refuses to run as root without being told.
            command.arg("--runasroot");
        }
        command.current_dir(dir.path());
        let mut guard = ProcessGuard::spawn(COMPONENT, command, dir.path().join("inspircd.out"))?;
        wait_until_registering(&mut guard, port, options.ready_limit)?;
        let mut server = Self {
            atheme: None,
            guard,
            port,
            tls_port,
            cert,
            _dir: dir,
        };
        if let Some(program) = atheme_program {
            let atheme_dir = server._dir.path().join("atheme");
            let atheme = Atheme::start(&AthemeLink {
                program: &program,
                dir: &atheme_dir,
                services_name: SERVICES_NAME,
                uplink_name: INSPIRCD_SERVER_NAME,
                link_port,
                link_password: &link_password,
            })?;
            server.atheme = Some(atheme);
            server.wait_for_services(options.ready_limit)?;
        }
        Ok(server)
    }

    /// Ready = a client sees `sasl` with mechanisms in CAP LS (InspIRCd offers it only while
    /// the services server is linked, and the mechanisms come from Atheme) and NickServ is
    /// online.
    fn wait_for_services(&mut self, limit: Duration) -> Result<(), HarnessError> {
        let awaited = "the link to Atheme (sasl in CAP LS, NickServ online)";
        let port = self.port;
        let mut last_seen = String::from("no connection yet");
        let mut attempt = 0u32;
        let ready = poll_until(limit, Duration::from_millis(100), || {
            self.guard.ensure_running(awaited, Some(port))?;
            if let Some(atheme) = self.atheme.as_mut() {
                atheme.ensure_running(awaited)?;
            }
            attempt += 1;
            match services_online(port, attempt) {
                Ok(()) => Ok(Some(())),
                Err(error) => {
                    last_seen = error.to_string();
                    Ok(None)
                }
            }
        })?;
        match ready {
            Some(()) => Ok(()),
            None => {
                let atheme_log = self
                    .atheme
                    .as_ref()
                    .map(|atheme| atheme.log_tail())
                    .unwrap_or_default();
                Err(self.guard.timeout_error(
                    awaited,
                    Some(port),
                    limit,
                    Some(format!("{last_seen}; atheme's log:\n{atheme_log}")),
                ))
            }
        }
    }

    /// Registers `account` with NickServ (`REGISTER password email`, no email verification)
    /// from a raw client of the plaintext port that then quits.
    pub fn register_account(&self, account: &str, password: &str) -> Result<(), HarnessError> {
        let mut peer = IrcRawPeer::open(self.addr(), None)?;
        peer.register(account)?;
        peer.send(&format!(
            "PRIVMSG NickServ :REGISTER {password} {account}@harness.test"
        ))?;
        let outcome = nickserv_outcome(&mut peer, "REGISTER", " is now registered", password);
        let _ = peer.send("QUIT");
        outcome
    }

    /// Adds a certificate fingerprint to `account` with `NickServ CERT ADD` after
    /// identifying with its password, from a raw client of the plaintext port.
    pub fn add_certificate(
        &self,
        account: &str,
        password: &str,
        fingerprint: &str,
    ) -> Result<(), HarnessError> {
        let mut peer = IrcRawPeer::open(self.addr(), None)?;
        // A nick of its own, so the account's nick stays free for the test's clients.
        let nick: String = account.chars().take(20).chain("cert".chars()).collect();
        peer.register(&nick)?;
        peer.send(&format!("PRIVMSG NickServ :IDENTIFY {account} {password}"))?;
        nickserv_outcome(&mut peer, "IDENTIFY", "You are now identified", password)?;
        peer.send(&format!("PRIVMSG NickServ :CERT ADD {fingerprint}"))?;
        let outcome = nickserv_outcome(&mut peer, "CERT ADD", "Added fingerprint", password);
        let _ = peer.send("QUIT");
        outcome
    }

    /// TLS settings for [`IrcRawPeer::open`] on the TLS port, presenting `client_cert`.
    pub fn tls<'a>(&'a self, client_cert: Option<&'a ClientCert>) -> IrcTls<'a> {
        IrcTls {
            server_name: INSPIRCD_SERVER_NAME,
            cert_der: &self.cert.cert_der,
            client_cert,
        }
    }

    /// The plaintext client port on 127.0.0.1.
    pub fn port(&self) -> u16 {
        self.port
    }

    /// The plaintext client address.
    pub fn addr(&self) -> SocketAddr {
        SocketAddr::from((Ipv4Addr::LOCALHOST, self.port))
    }

    /// The TLS client port.
    pub fn tls_port(&self) -> u16 {
        self.tls_port
    }

    /// The TLS client address.
    pub fn tls_addr(&self) -> SocketAddr {
        SocketAddr::from((Ipv4Addr::LOCALHOST, self.tls_port))
    }

    /// SHA-256 of the server certificate (DER).
    pub fn cert_sha256(&self) -> [u8; 32] {
        self.cert.sha256
    }

    /// The server certificate (DER).
    pub fn cert_der(&self) -> &[u8] {
        &self.cert.cert_der
    }

    /// The server certificate as a PEM file.
    pub fn cert_pem_path(&self) -> &Path {
        &self.cert.cert_pem_path
    }

    /// `inspircd.test`.
    pub fn server_name(&self) -> &str {
        INSPIRCD_SERVER_NAME
    }

    /// The process id of InspIRCd.
    pub fn pid(&self) -> u32 {
        self.guard.pid()
    }

    /// Atheme, when started with it.
    pub fn atheme(&self) -> Option<&Atheme> {
        self.atheme.as_ref()
    }

    /// The last lines of InspIRCd's output.
    pub fn log_tail(&self) -> String {
        self.guard.log_tail()
    }
}

/// Words in NickServ's answers that mean a command failed (Atheme 7.2's wording).
const NICKSERV_FAILURES: &[&str] = &[
    "Invalid",
    "invalid",
    "not registered",
    "already",
    "must",
    "cannot",
    "not allowed",
    "Insufficient",
    "too many",
    "Unknown command",
];

/// Reads NickServ's notices until one says `success` (Ok) or names a failure (an error that
/// quotes it); Atheme may send other notices first (e.g. failed logins since the last one).
fn nickserv_outcome(
    peer: &mut IrcRawPeer,
    command: &str,
    success: &str,
    password: &str,
) -> Result<(), HarnessError> {
    let answer = peer
        .expect_within(
            SERVICES_WAIT,
            &format!("NickServ's answer to {command}"),
            |line| {
                let text = line.replace('\u{2}', "");
                line.starts_with(":NickServ!")
                    && line.contains(" NOTICE ")
                    && (text.contains(success)
                        || NICKSERV_FAILURES.iter().any(|word| text.contains(word)))
            },
        )
        .map(|line| line.replace('\u{2}', ""))?;
    if answer.contains(success) {
        Ok(())
    } else {
        Err(HarnessError::Protocol {
            component: "atheme".to_owned(),
            port: None,
            message: format!(
                "NickServ {command} refused: {}",
                answer.replace(password, "<password>")
            ),
        })
    }
}
