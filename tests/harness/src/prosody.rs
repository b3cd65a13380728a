//! prosody in the foreground with a temporary configuration and data directory: domain
//! `xmpp.test` with a self-signed certificate made at run time, c2s on a free port with
//! STARTTLS required, the MUC component `conference.xmpp.test`, in-band registration, and
//! accounts created with `prosodyctl`.

use std::io::{Read, Write};
use std::net::{Ipv4Addr, SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use tempfile::TempDir;

use crate::HarnessError;
use crate::ports::{allocate, ensure_port_free};
use crate::process::{ProcessGuard, run_command};
use crate::programs::find_program;
use crate::tls_cert::SelfSignedCert;
use crate::wait::poll_until;

const COMPONENT: &str = "prosody";
/// The XMPP domain: also the hostname a client uses through tor (the DNS stub resolves it to
/// 127.0.0.1), and the name in the certificate.
pub const XMPP_DOMAIN: &str = "xmpp.test";
/// The multi-user chat component.
pub const MUC_DOMAIN: &str = "conference.xmpp.test";
const PROBE_IO_LIMIT: Duration = Duration::from_secs(5);
const PROSODYCTL_LIMIT: Duration = Duration::from_secs(30);

/// How to start prosody.
#[derive(Debug, Clone)]
pub struct ProsodyOptions {
    /// The server (Debian package `prosody`); a path overrides the lookup.
    pub prosody: PathBuf,
    /// Its account tool (Debian package `prosody`).
    pub prosodyctl: PathBuf,
    /// The c2s port, or `None` for a free one.
    pub c2s_port: Option<u16>,
    /// How long prosody may take to answer a stream header.
    pub ready_limit: Duration,
}

impl Default for ProsodyOptions {
    fn default() -> Self {
        Self {
            prosody: PathBuf::from("prosody"),
            prosodyctl: PathBuf::from("prosodyctl"),
            c2s_port: None,
            ready_limit: Duration::from_secs(20),
        }
    }
}

/// A running prosody; dropping it stops the process and removes its data.
#[derive(Debug)]
pub struct Prosody {
    guard: ProcessGuard,
    c2s_port: u16,
    cert: SelfSignedCert,
    config_path: PathBuf,
    prosodyctl: PathBuf,
    // Last, so the process stops before its files are removed.
    _dir: TempDir,
}

impl Prosody {
    /// prosody with these `(user, password)` accounts on `xmpp.test`.
    pub fn start(accounts: &[(&str, &str)]) -> Result<Self, HarnessError> {
        Self::start_with(accounts, ProsodyOptions::default())
    }

    /// prosody as `options` says, with these accounts.
    pub fn start_with(
        accounts: &[(&str, &str)],
        options: ProsodyOptions,
    ) -> Result<Self, HarnessError> {
        let prosody = find_program(COMPONENT, &options.prosody)?;
        let prosodyctl = find_program(COMPONENT, &options.prosodyctl)?;
        let c2s_port = match options.c2s_port {
            Some(port) => port,
            None => allocate(COMPONENT, 1)?[0],
        };
        ensure_port_free(COMPONENT, c2s_port)?;
        let dir = tempfile::Builder::new()
            .prefix("harness-prosody-")
            .tempdir()
            .map_err(|e| HarnessError::io(COMPONENT, "creating a temporary directory", e))?;
        let certs = dir.path().join("certs");
        let data = dir.path().join("data");
        for path in [&certs, &data] {
            std::fs::create_dir_all(path).map_err(|e| {
                HarnessError::io(COMPONENT, format!("creating {}", path.display()), e)
            })?;
        }
        let cert = SelfSignedCert::generate(COMPONENT, &[XMPP_DOMAIN, MUC_DOMAIN], &certs)?;
        let config_path = dir.path().join("prosody.cfg.lua");
        let config = config_text(dir.path(), &data, c2s_port, &cert);
        std::fs::write(&config_path, config)
            .map_err(|e| HarnessError::io(COMPONENT, "writing its configuration", e))?;

        let mut command = Command::new(&prosody);
        command.arg("-F").arg("--config").arg(&config_path);
        let log = dir.path().join("prosody.out");
        let mut guard = ProcessGuard::spawn(COMPONENT, command, log)?;
        wait_until_answering(&mut guard, c2s_port, options.ready_limit)?;
        let server = Self {
            guard,
            c2s_port,
            cert,
            config_path,
            prosodyctl,
            _dir: dir,
        };
        for (user, password) in accounts {
            server.register(user, password)?;
        }
        Ok(server)
    }

    /// Creates an account on `xmpp.test` with `prosodyctl register`.
    pub fn register(&self, user: &str, password: &str) -> Result<(), HarnessError> {
        let mut command = Command::new(&self.prosodyctl);
        command.arg("--config").arg(&self.config_path).args([
            "register",
            user,
            XMPP_DOMAIN,
            password,
        ]);
        run_command(
            &format!("{COMPONENT} (prosodyctl register {user})"),
            command,
            None,
            PROSODYCTL_LIMIT,
        )
        .map_err(hide_password(password))?;
        Ok(())
    }

    /// The c2s port on 127.0.0.1 (STARTTLS required).
    pub fn c2s_port(&self) -> u16 {
        self.c2s_port
    }

    /// The c2s address.
    pub fn c2s_addr(&self) -> SocketAddr {
        SocketAddr::from((Ipv4Addr::LOCALHOST, self.c2s_port))
    }

    /// `xmpp.test`.
    pub fn domain(&self) -> &str {
        XMPP_DOMAIN
    }

    /// `conference.xmpp.test`.
    pub fn muc_domain(&self) -> &str {
        MUC_DOMAIN
    }

    /// SHA-256 of the certificate (DER).
    pub fn cert_sha256(&self) -> [u8; 32] {
        self.cert.sha256
    }

    /// The certificate (DER).
    pub fn cert_der(&self) -> &[u8] {
        &self.cert.cert_der
    }

    /// The certificate as a PEM file.
    pub fn cert_pem_path(&self) -> &Path {
        &self.cert.cert_pem_path
    }

    /// The process id.
    pub fn pid(&self) -> u32 {
        self.guard.pid()
    }

    /// The last lines of prosody's log.
    pub fn log_tail(&self) -> String {
        self.guard.log_tail()
    }
}

/// A password must not appear in an error (it would be printed by a failing test); the
/// command line shown in `CommandFailed` contains it.
fn hide_password(password: &str) -> impl Fn(HarnessError) -> HarnessError + '_ {
    move |error| match error {
        HarnessError::CommandFailed {
            component,
            command,
            status,
            output,
        } if !password.is_empty() => HarnessError::CommandFailed {
            component,
            command: command.replace(password, "<password>"),
            status,
            output: output.replace(password, "<password>"),
        },
        other => other,
    }
}

fn lua_string(path: &Path) -> String {
    format!("{:?}", path.display().to_string())
}

fn config_text(dir: &Path, data: &Path, c2s_port: u16, cert: &SelfSignedCert) -> String {
    // As root, prosody and prosodyctl would switch to the `prosody` user, who cannot write
    // our temporary data directory.
    // SAFETY: geteuid(2) has no preconditions and cannot fail.
    let is_root = unsafe { libc::geteuid() } == 0;
    let ssl = format!(
        "{{ certificate = {}; key = {} }}",
        lua_string(&cert.cert_pem_path),
        lua_string(&cert.key_pem_path)
    );
    format!(
        "daemonize = false\n\
         run_as_root = {is_root}\n\
         pidfile = {pidfile}\n\
         data_path = {data}\n\
         log = {{ {{ levels = {{ min = \"info\" }}, to = \"file\", filename = {log} }}, \
                  {{ levels = {{ min = \"warn\" }}, to = \"console\" }} }}\n\
         interfaces = {{ \"127.0.0.1\" }}\n\
         local_interfaces = {{ \"127.0.0.1\" }}\n\
         c2s_ports = {{ {c2s_port} }}\n\
         c2s_direct_tls_ports = {{ }}\n\
         legacy_ssl_ports = {{ }}\n\
         s2s_ports = {{ }}\n\
         component_ports = {{ }}\n\
         http_ports = {{ }}\n\
         https_ports = {{ }}\n\
         modules_enabled = {{ \"roster\"; \"saslauth\"; \"tls\"; \"disco\"; \"register\"; \
                             \"ping\"; \"posix\" }}\n\
         modules_disabled = {{ \"s2s\" }}\n\
         c2s_require_encryption = true\n\
         allow_registration = true\n\
         authentication = \"internal_hashed\"\n\
         storage = \"internal\"\n\
         certificates = {certs}\n\
         ssl = {ssl}\n\
         VirtualHost \"{XMPP_DOMAIN}\"\n\
         \x20   ssl = {ssl}\n\
         Component \"{MUC_DOMAIN}\" \"muc\"\n\
         \x20   ssl = {ssl}\n",
        pidfile = lua_string(&dir.join("prosody.pid")),
        data = lua_string(data),
        log = lua_string(&dir.join("prosody.log")),
        certs = lua_string(cert.cert_pem_path.parent().unwrap_or(dir)),
    )
}

/// Ready = a stream header on the c2s port is answered with stream features.
fn wait_until_answering(
    guard: &mut ProcessGuard,
    port: u16,
    limit: Duration,
) -> Result<(), HarnessError> {
    let awaited = "a stream header to be answered with stream features";
    let mut last_seen = String::from("no connection yet");
    let ready = poll_until(limit, Duration::from_millis(50), || {
        guard.ensure_running(awaited, Some(port))?;
        match probe_stream(port) {
            Ok(()) => Ok(Some(())),
            Err(error) => {
                last_seen = error.to_string();
                Ok(None)
            }
        }
    })?;
    match ready {
        Some(()) => Ok(()),
        None => Err(guard.timeout_error(awaited, Some(port), limit, Some(last_seen))),
    }
}

fn probe_stream(port: u16) -> std::io::Result<()> {
    let addr = SocketAddr::from((Ipv4Addr::LOCALHOST, port));
    let mut stream = TcpStream::connect_timeout(&addr, PROBE_IO_LIMIT)?;
    stream.set_read_timeout(Some(PROBE_IO_LIMIT))?;
    stream.set_write_timeout(Some(PROBE_IO_LIMIT))?;
    stream.write_all(
        format!(
            "<?xml version='1.0'?><stream:stream to='{XMPP_DOMAIN}' xmlns='jabber:client' \
             xmlns:stream='http://etherx.jabber.org/streams' version='1.0'>"
        )
        .as_bytes(),
    )?;
    let mut received = Vec::new();
    let mut buffer = [0u8; 1024];
    while !String::from_utf8_lossy(&received).contains("</stream:features>") {
        let count = stream.read(&mut buffer)?;
        if count == 0 {
            return Err(std::io::Error::new(
                std::io::ErrorKind::UnexpectedEof,
                "closed before stream features",
            ));
        }
        received.extend_from_slice(&buffer[..count]);
    }
    stream.write_all(b"</stream:stream>")?;
    Ok(())
}
