//! ngircd in the foreground (`-n -f FILE`) with a temporary configuration on free loopback
//! ports, optionally with a TLS port and a self-signed certificate for `irc.test`.

use std::net::{Ipv4Addr, SocketAddr};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use tempfile::TempDir;

use crate::HarnessError;
use crate::irc_probe::wait_until_registering;
use crate::ports::{allocate, ensure_port_free};
use crate::process::ProcessGuard;
use crate::programs::find_program;
use crate::tls_cert::SelfSignedCert;

const COMPONENT: &str = "ngircd";
/// The server's name: also the hostname a client uses through tor (the DNS stub resolves it
/// to 127.0.0.1), and the name in the TLS certificate.
pub const IRC_SERVER_NAME: &str = "irc.test";

/// How to start ngircd.
#[derive(Debug, Clone)]
pub struct NgircdOptions {
    /// The program (Debian package `ngircd`); a path overrides the lookup.
    pub program: PathBuf,
    /// The plaintext port, or `None` for a free one.
    pub port: Option<u16>,
    /// Whether to add a TLS port with a self-signed certificate.
    pub tls: bool,
    /// How long ngircd may take to answer a registration.
    pub ready_limit: Duration,
}

impl Default for NgircdOptions {
    fn default() -> Self {
        Self {
            program: PathBuf::from("ngircd"),
            port: None,
            tls: false,
            ready_limit: Duration::from_secs(20),
        }
    }
}

/// A running ngircd; dropping it stops the process.
#[derive(Debug)]
pub struct Ngircd {
    guard: ProcessGuard,
    port: u16,
    tls_port: Option<u16>,
    cert: Option<SelfSignedCert>,
    // Last, so the process stops before its files are removed.
    _dir: TempDir,
}

impl Ngircd {
    /// ngircd with a plaintext port.
    pub fn start() -> Result<Self, HarnessError> {
        Self::start_with(NgircdOptions::default())
    }

    /// ngircd with a plaintext port and a TLS port (self-signed certificate for `irc.test`).
    pub fn start_with_tls() -> Result<Self, HarnessError> {
        Self::start_with(NgircdOptions {
            tls: true,
            ..NgircdOptions::default()
        })
    }

    /// ngircd as `options` says.
    pub fn start_with(options: NgircdOptions) -> Result<Self, HarnessError> {
        let program = find_program(COMPONENT, &options.program)?;
        let port = match options.port {
            Some(port) => port,
            None => allocate(COMPONENT, 1)?[0],
        };
        ensure_port_free(COMPONENT, port)?;
        let tls_port = if options.tls {
            Some(allocate(COMPONENT, 1)?[0])
        } else {
            None
        };
        let dir = tempfile::Builder::new()
            .prefix("harness-ngircd-")
            .tempdir()
            .map_err(|e| HarnessError::io(COMPONENT, "creating a temporary directory", e))?;
        let cert = match tls_port {
            Some(_) => Some(SelfSignedCert::generate(
                COMPONENT,
                &[IRC_SERVER_NAME],
                dir.path(),
            )?),
            None => None,
        };
        let config_path = dir.path().join("ngircd.conf");
        let config = config_text(dir.path(), port, tls_port.zip(cert.as_ref()));
        write(&dir.path().join("help.txt"), "")?;
        std::fs::create_dir_all(dir.path().join("conf.d"))
            .map_err(|e| HarnessError::io(COMPONENT, "creating conf.d", e))?;
        write(&config_path, &config)?;
        let mut command = Command::new(program);
        command.arg("-n").arg("-f").arg(&config_path);
        let mut guard = ProcessGuard::spawn(COMPONENT, command, dir.path().join("ngircd.log"))?;
        wait_until_registering(&mut guard, port, options.ready_limit)?;
        Ok(Self {
            guard,
            port,
            tls_port,
            cert,
            _dir: dir,
        })
    }

    /// The plaintext port on 127.0.0.1.
    pub fn port(&self) -> u16 {
        self.port
    }

    /// The plaintext address.
    pub fn addr(&self) -> SocketAddr {
        SocketAddr::from((Ipv4Addr::LOCALHOST, self.port))
    }

    /// The TLS port, when started with TLS.
    pub fn tls_port(&self) -> Option<u16> {
        self.tls_port
    }

    /// SHA-256 of the TLS certificate (DER), when started with TLS.
    pub fn cert_sha256(&self) -> Option<[u8; 32]> {
        self.cert.as_ref().map(|cert| cert.sha256)
    }

    /// The TLS certificate (DER), when started with TLS.
    pub fn cert_der(&self) -> Option<&[u8]> {
        self.cert.as_ref().map(|cert| cert.cert_der.as_slice())
    }

    /// The TLS certificate as a PEM file, when started with TLS.
    pub fn cert_pem_path(&self) -> Option<&Path> {
        self.cert.as_ref().map(|cert| cert.cert_pem_path.as_path())
    }

    /// The server's name, `irc.test` (also its hostname through tor).
    pub fn server_name(&self) -> &str {
        IRC_SERVER_NAME
    }

    /// The process id.
    pub fn pid(&self) -> u32 {
        self.guard.pid()
    }

    /// The last lines of ngircd's log.
    pub fn log_tail(&self) -> String {
        self.guard.log_tail()
    }
}

fn config_text(dir: &Path, port: u16, tls: Option<(u16, &SelfSignedCert)>) -> String {
    let mut text = format!(
        "[Global]\n\
         Name = {IRC_SERVER_NAME}\n\
         Info = harness test server\n\
         AdminInfo1 = harness\n\
         AdminInfo2 = harness\n\
         AdminEMail = harness@{IRC_SERVER_NAME}\n\
         Listen = 127.0.0.1\n\
         Ports = {port}\n\
         MotdPhrase = \"harness\"\n\
         HelpFile = {help}\n\
         [Limits]\n\
         MaxConnections = 0\n\
         MaxConnectionsIP = 0\n\
         MaxJoins = 0\n\
         MaxNickLength = 30\n\
         MaxListSize = 1000\n\
         MaxPenaltyTime = 0\n\
         PingTimeout = 300\n\
         PongTimeout = 60\n\
         [Options]\n\
         DNS = no\n\
         Ident = no\n\
         PAM = no\n\
         IncludeDir = {include}\n",
        help = dir.join("help.txt").display(),
        include = dir.join("conf.d").display(),
    );
    if let Some((tls_port, cert)) = tls {
        text.push_str(&format!(
            "[SSL]\n\
             CertFile = {}\n\
             KeyFile = {}\n\
             Ports = {tls_port}\n",
            cert.cert_pem_path.display(),
            cert.key_pem_path.display(),
        ));
    }
    text
}

fn write(path: &Path, text: &str) -> Result<(), HarnessError> {
    std::fs::write(path, text)
        .map_err(|e| HarnessError::io(COMPONENT, format!("writing {}", path.display()), e))
}
