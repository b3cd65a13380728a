//! prosody in the foreground with a temporary configuration and data directory: domain
//! `xmpp.test` with a self-signed certificate made at run time, c2s on a free port with
//! STARTTLS required, direct TLS (XEP-0368) on another, the MUC component
//! `conference.xmpp.test`, in-band registration, stream management (XEP-0198, mod_smacks),
//! message carbons (XEP-0280), PEP (whose nodes take the `open` access model OMEMO bundles
//! ask for in publish-options), and accounts created with `prosodyctl`.

use std::net::{Ipv4Addr, SocketAddr};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use tempfile::TempDir;

use crate::HarnessError;
use crate::ports::{allocate, ensure_port_free};
use crate::process::{ProcessGuard, run_command};
use crate::programs::find_program;
use crate::tls_cert::SelfSignedCert;
use crate::xmpp_server::{XmppServer, hide_password, wait_until_answering};

const COMPONENT: &str = "prosody";
/// The XMPP domain: also the hostname a client uses through tor (the DNS stub resolves it to
/// 127.0.0.1), and the name in the certificate.
pub const XMPP_DOMAIN: &str = "xmpp.test";
/// The multi-user chat component.
pub const MUC_DOMAIN: &str = "conference.xmpp.test";
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
    /// Offer stream management (XEP-0198, mod_smacks). On by default: it changes nothing
    /// for a client that does not enable it.
    pub stream_management: bool,
    /// How long a stream-managed session waits for its client to resume
    /// (`smacks_hibernation_time`; prosody's own default is 600 s).
    pub resume_timeout: Duration,
    /// Message carbons (XEP-0280). On by default: only a client that enables them gets any.
    pub carbons: bool,
    /// PEP (XEP-0163, mod_pep). On by default: nothing is stored unless a client publishes.
    pub pep: bool,
    /// A direct TLS port (XEP-0368) beside the STARTTLS one. On by default: one more
    /// loopback port that nobody has to use.
    pub direct_tls: bool,
}

impl Default for ProsodyOptions {
    fn default() -> Self {
        Self {
            prosody: PathBuf::from("prosody"),
            prosodyctl: PathBuf::from("prosodyctl"),
            c2s_port: None,
            ready_limit: Duration::from_secs(20),
            stream_management: true,
            resume_timeout: Duration::from_secs(60),
            carbons: true,
            pep: true,
            direct_tls: true,
        }
    }
}

/// A running prosody; dropping it stops the process and removes its data.
#[derive(Debug)]
pub struct Prosody {
    guard: ProcessGuard,
    c2s_port: u16,
    direct_tls_port: Option<u16>,
    resume_timeout: Option<Duration>,
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
        let direct_tls_port = if options.direct_tls {
            let ports = allocate(COMPONENT, 2)?;
            // Two at once, so the second cannot be the c2s port chosen by the caller.
            ports.into_iter().find(|port| *port != c2s_port)
        } else {
            None
        };
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
        let config = config_text(&ConfigInput {
            dir: dir.path(),
            data: &data,
            c2s_port,
            direct_tls_port,
            cert: &cert,
            options: &options,
        });
        std::fs::write(&config_path, config)
            .map_err(|e| HarnessError::io(COMPONENT, "writing its configuration", e))?;

        let mut command = Command::new(&prosody);
        command.arg("-F").arg("--config").arg(&config_path);
        let log = dir.path().join("prosody.out");
        let mut guard = ProcessGuard::spawn(COMPONENT, command, log)?;
        wait_until_answering(&mut guard, XMPP_DOMAIN, c2s_port, options.ready_limit)?;
        let server = Self {
            guard,
            c2s_port,
            direct_tls_port,
            resume_timeout: options.stream_management.then_some(options.resume_timeout),
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

    /// The direct TLS port (XEP-0368), unless started without one.
    pub fn direct_tls_port(&self) -> Option<u16> {
        self.direct_tls_port
    }

    /// How long a dropped stream-managed session waits to be resumed, when stream
    /// management is on.
    pub fn resume_timeout(&self) -> Option<Duration> {
        self.resume_timeout
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

fn lua_string(path: &Path) -> String {
    format!("{:?}", path.display().to_string())
}

impl XmppServer for Prosody {
    fn component(&self) -> &'static str {
        COMPONENT
    }
    fn domain(&self) -> &str {
        XMPP_DOMAIN
    }
    fn muc_domain(&self) -> &str {
        MUC_DOMAIN
    }
    fn c2s_port(&self) -> u16 {
        self.c2s_port
    }
    fn direct_tls_port(&self) -> Option<u16> {
        self.direct_tls_port
    }
    fn cert_der(&self) -> &[u8] {
        &self.cert.cert_der
    }
    fn log_tail(&self) -> String {
        self.guard.log_tail()
    }
}

struct ConfigInput<'a> {
    dir: &'a Path,
    data: &'a Path,
    c2s_port: u16,
    direct_tls_port: Option<u16>,
    cert: &'a SelfSignedCert,
    options: &'a ProsodyOptions,
}

fn config_text(input: &ConfigInput<'_>) -> String {
    let ConfigInput {
        dir,
        data,
        c2s_port,
        direct_tls_port,
        cert,
        options,
    } = *input;
    let mut modules = vec![
        "roster", "saslauth", "tls", "disco", "register", "ping", "posix",
    ];
    for (wanted, module) in [
        (options.stream_management, "smacks"),
        (options.carbons, "carbons"),
        (options.pep, "pep"),
    ] {
        if wanted {
            modules.push(module);
        }
    }
    let modules = modules
        .iter()
        .map(|module| format!("\"{module}\""))
        .collect::<Vec<_>>()
        .join("; ");
    let direct_tls_ports = direct_tls_port
        .map(|port| port.to_string())
        .unwrap_or_default();
    let hibernation = options.resume_timeout.as_secs().max(1);
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
         c2s_direct_tls_ports = {{ {direct_tls_ports} }}\n\
         c2s_direct_tls_ssl = {ssl}\n\
         legacy_ssl_ports = {{ }}\n\
         s2s_ports = {{ }}\n\
         component_ports = {{ }}\n\
         http_ports = {{ }}\n\
         https_ports = {{ }}\n\
         modules_enabled = {{ {modules} }}\n\
         smacks_hibernation_time = {hibernation}\n\
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
