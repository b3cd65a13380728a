//! ejabberd (the second XMPP server family, beside prosody) with a temporary configuration,
//! Mnesia directory, Erlang cookie and node name, so two can run at once and none touches the
//! system's ejabberd: domain `ejabberd.test` (configurable) with a self-signed certificate,
//! c2s with STARTTLS required on one free port and direct TLS (XEP-0368) on another, stream
//! management with resumption, carbons, ping, PubSub with PEP (OMEMO nodes forced to the
//! `open` access model), MUC, disco and caps; accounts made with `ejabberdctl register`.
//!
//! How it runs: the Erlang VM is started directly (`erl ... -s ejabberd`), with the arguments
//! `ejabberdctl foreground` would pass, because that script runs the VM as a child of a shell
//! (its PID would not be the server's) and, as root, switches to the `ejabberd` user who
//! cannot read our files. Erlang distribution runs without epmd (`-erl_epmd_port PORT
//! -start_epmd false`, which ejabberdctl understands as `ERL_DIST_PORT`) and listens on
//! 127.0.0.1 only, so no epmd daemon is started that would outlive the server. On drop the
//! VM gets SIGTERM (a clean stop takes about a second), then every process it started is
//! checked and killed if still there.

mod config;

use std::net::{Ipv4Addr, SocketAddr};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use tempfile::TempDir;

use crate::HarnessError;
use crate::ports::allocate;
use crate::process::{ProcessGuard, descendants, kill_now, process_is_running, run_command};
use crate::programs::find_program;
use crate::random::random_hex;
use crate::tls_cert::SelfSignedCert;
use crate::xmpp_server::{XmppServer, hide_password, wait_until_answering};

const COMPONENT: &str = "ejabberd";
/// The default XMPP domain, distinct from prosody's `xmpp.test` so both can serve one test.
pub const EJABBERD_DOMAIN: &str = "ejabberd.test";
const EJABBERDCTL_LIMIT: Duration = Duration::from_secs(60);

/// How to start ejabberd.
#[derive(Debug, Clone)]
pub struct EjabberdOptions {
    /// The Erlang runtime (Debian package `erlang-base`, pulled in by `ejabberd`).
    pub erl: PathBuf,
    /// ejabberd's control script (Debian package `ejabberd`), used for accounts.
    pub ejabberdctl: PathBuf,
    /// The XMPP domain; the MUC service is `conference.DOMAIN`, PubSub `pubsub.DOMAIN`.
    pub domain: String,
    /// How long a dropped stream-managed session waits to be resumed.
    pub resume_timeout: Duration,
    /// How long ejabberd may take to answer a stream header.
    pub ready_limit: Duration,
}

impl Default for EjabberdOptions {
    fn default() -> Self {
        Self {
            erl: PathBuf::from("erl"),
            ejabberdctl: PathBuf::from("ejabberdctl"),
            domain: EJABBERD_DOMAIN.to_owned(),
            resume_timeout: Duration::from_secs(60),
            ready_limit: Duration::from_secs(60),
        }
    }
}

/// A running ejabberd; dropping it stops the Erlang VM and everything it started, and removes
/// its data.
#[derive(Debug)]
pub struct Ejabberd {
    guard: ProcessGuard,
    c2s_port: u16,
    direct_tls_port: u16,
    domain: String,
    muc_domain: String,
    node: String,
    resume_timeout: Duration,
    cert: SelfSignedCert,
    ctl: CtlCommand,
    // Last, so the process stops before its files are removed.
    _dir: TempDir,
}

/// What `ejabberdctl` needs to reach this node.
#[derive(Debug, Clone)]
struct CtlCommand {
    program: PathBuf,
    config_dir: PathBuf,
    spool: PathBuf,
    logs: PathBuf,
    home: PathBuf,
}

impl Ejabberd {
    /// ejabberd on `ejabberd.test` with these `(user, password)` accounts.
    pub fn start(accounts: &[(&str, &str)]) -> Result<Self, HarnessError> {
        Self::start_with(accounts, EjabberdOptions::default())
    }

    /// ejabberd as `options` says, with these accounts.
    pub fn start_with(
        accounts: &[(&str, &str)],
        options: EjabberdOptions,
    ) -> Result<Self, HarnessError> {
        let erl = find_program(COMPONENT, &options.erl)?;
        let ejabberdctl = find_program(COMPONENT, &options.ejabberdctl)?;
        let erl_libs = erl_libs(&ejabberdctl)?;
        let ports = allocate(COMPONENT, 3)?;
        let (c2s_port, direct_tls_port, dist_port) = (ports[0], ports[1], ports[2]);
        let dir = tempfile::Builder::new()
            .prefix("harness-ejabberd-")
            .tempdir()
            .map_err(|e| HarnessError::io(COMPONENT, "creating a temporary directory", e))?;
        let paths = Paths::new(dir.path());
        for path in [&paths.config_dir, &paths.spool, &paths.logs, &paths.home] {
            std::fs::create_dir_all(path).map_err(|e| {
                HarnessError::io(COMPONENT, format!("creating {}", path.display()), e)
            })?;
        }
        let muc_domain = format!("conference.{}", options.domain);
        let pubsub_domain = format!("pubsub.{}", options.domain);
        let cert = SelfSignedCert::generate(
            COMPONENT,
            &[&options.domain, &muc_domain, &pubsub_domain],
            &paths.config_dir,
        )?;
        // ejabberd reads the certificate and its key from one file.
        let pem_path = paths.config_dir.join("server.pem");
        let pem = [&cert.cert_pem_path, &cert.key_pem_path]
            .iter()
            .map(std::fs::read_to_string)
            .collect::<std::io::Result<Vec<_>>>()
            .map_err(|e| HarnessError::io(COMPONENT, "reading the certificate files", e))?
            .join("\n");
        write(&pem_path, &pem)?;

        let suffix = random_hex(COMPONENT, 6)?;
        let node = format!("harness-ejabberd-{suffix}@localhost");
        let cookie = random_hex(COMPONENT, 16)?;
        let yaml = config::ejabberd_yml(&config::Input {
            domain: &options.domain,
            c2s_port,
            direct_tls_port,
            pem_path: &pem_path,
            resume_timeout: options.resume_timeout,
        });
        write(&paths.config_file(), &yaml)?;
        write(
            &paths.config_dir.join("ejabberdctl.cfg"),
            &config::ejabberdctl_cfg(&node, dist_port, &cookie),
        )?;
        write(&paths.config_dir.join("inetrc"), config::INETRC)?;

        let mut command = Command::new(&erl);
        command
            .current_dir(&paths.spool)
            .env("HOME", &paths.home)
            .env("EJABBERD_CONFIG_PATH", paths.config_file())
            .env("EJABBERD_LOG_PATH", paths.logs.join("ejabberd.log"))
            .env("EJABBERD_PID_PATH", paths.logs.join("ejabberd.pid"))
            .env("ERL_CRASH_DUMP", paths.logs.join("erl_crash.dump"))
            .env("ERL_INETRC", paths.config_dir.join("inetrc"))
            .env("ERL_LIBS", &erl_libs)
            .env("ERL_EPMD_ADDRESS", "127.0.0.1")
            .args([
                "-sname",
                node.as_str(),
                "-setcookie",
                cookie.as_str(),
                "-noinput",
            ])
            .args([
                "+K",
                "true",
                "+P",
                "250000",
                "-env",
                "ERL_CRASH_DUMP_BYTES",
                "0",
            ])
            .args([
                "-erl_epmd_port",
                dist_port.to_string().as_str(),
                "-start_epmd",
                "false",
            ])
            .args(["-kernel", "inet_dist_use_interface", "{127,0,0,1}"])
            .args([
                "-mnesia",
                "dir",
                format!("{:?}", paths.spool.display().to_string()).as_str(),
            ])
            .args(["-s", "ejabberd"]);
        let mut guard = ProcessGuard::spawn(COMPONENT, command, paths.logs.join("erl.out"))?;
        wait_until_answering(&mut guard, &options.domain, c2s_port, options.ready_limit)?;
        let server = Self {
            guard,
            c2s_port,
            direct_tls_port,
            domain: options.domain.clone(),
            muc_domain,
            node,
            resume_timeout: options.resume_timeout,
            cert,
            ctl: CtlCommand {
                program: ejabberdctl,
                config_dir: paths.config_dir.clone(),
                spool: paths.spool.clone(),
                logs: paths.logs.clone(),
                home: paths.home.clone(),
            },
            _dir: dir,
        };
        for (user, password) in accounts {
            server.register(user, password)?;
        }
        Ok(server)
    }

    /// Creates an account with `ejabberdctl register USER DOMAIN PASSWORD`.
    pub fn register(&self, user: &str, password: &str) -> Result<(), HarnessError> {
        self.ctl(&["register", user, self.domain.as_str(), password])
            .map_err(hide_password(password))
            .map(drop)
    }

    /// Runs another `ejabberdctl` command against this node (e.g. `["connected_users"]`) and
    /// returns its output.
    pub fn ctl(&self, arguments: &[&str]) -> Result<String, HarnessError> {
        let ctl = &self.ctl;
        let mut command = Command::new(&ctl.program);
        command
            .env("HOME", &ctl.home)
            .arg("--config-dir")
            .arg(&ctl.config_dir)
            .arg("--config")
            .arg(ctl.config_dir.join("ejabberd.yml"))
            .arg("--ctl-config")
            .arg(ctl.config_dir.join("ejabberdctl.cfg"))
            .arg("--spool")
            .arg(&ctl.spool)
            .arg("--logs")
            .arg(&ctl.logs)
            .args(arguments);
        let name = format!(
            "{COMPONENT} (ejabberdctl {})",
            arguments.first().copied().unwrap_or_default()
        );
        run_command(&name, command, None, EJABBERDCTL_LIMIT)
    }

    /// The c2s port on 127.0.0.1 (STARTTLS required).
    pub fn c2s_port(&self) -> u16 {
        self.c2s_port
    }

    /// The c2s address.
    pub fn c2s_addr(&self) -> SocketAddr {
        SocketAddr::from((Ipv4Addr::LOCALHOST, self.c2s_port))
    }

    /// The direct TLS port (XEP-0368).
    pub fn direct_tls_port(&self) -> u16 {
        self.direct_tls_port
    }

    /// The XMPP domain.
    pub fn domain(&self) -> &str {
        &self.domain
    }

    /// The MUC service, `conference.DOMAIN`.
    pub fn muc_domain(&self) -> &str {
        &self.muc_domain
    }

    /// How long a dropped stream-managed session waits to be resumed.
    pub fn resume_timeout(&self) -> Duration {
        self.resume_timeout
    }

    /// The Erlang node name (unique per run).
    pub fn node_name(&self) -> &str {
        &self.node
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

    /// The process id of the Erlang VM (beam.smp).
    pub fn pid(&self) -> u32 {
        self.guard.pid()
    }

    /// The VM and every process it started (port programs such as `erl_child_setup`).
    pub fn process_ids(&self) -> Vec<u32> {
        let mut pids = vec![self.guard.pid()];
        pids.extend(descendants(self.guard.pid()));
        pids
    }

    /// The last lines of ejabberd's output.
    pub fn log_tail(&self) -> String {
        self.guard.log_tail()
    }
}

impl Drop for Ejabberd {
    fn drop(&mut self) {
        let started = self.process_ids();
        self.guard.stop();
        // The VM's helpers end with it; one that does not is killed, so nothing outlives us.
        for pid in started {
            if process_is_running(pid) {
                kill_now(pid);
            }
        }
    }
}

impl XmppServer for Ejabberd {
    fn component(&self) -> &'static str {
        COMPONENT
    }
    fn domain(&self) -> &str {
        &self.domain
    }
    fn muc_domain(&self) -> &str {
        &self.muc_domain
    }
    fn c2s_port(&self) -> u16 {
        self.c2s_port
    }
    fn direct_tls_port(&self) -> Option<u16> {
        Some(self.direct_tls_port)
    }
    fn cert_der(&self) -> &[u8] {
        &self.cert.cert_der
    }
    fn log_tail(&self) -> String {
        self.guard.log_tail()
    }
}

struct Paths {
    config_dir: PathBuf,
    spool: PathBuf,
    logs: PathBuf,
    home: PathBuf,
}

impl Paths {
    fn new(root: &Path) -> Self {
        Self {
            config_dir: root.join("config"),
            spool: root.join("spool"),
            logs: root.join("logs"),
            home: root.join("home"),
        }
    }

    fn config_file(&self) -> PathBuf {
        self.config_dir.join("ejabberd.yml")
    }
}

/// Where Debian installed ejabberd's Erlang applications: the `ERL_LIBS` line of its
/// ejabberdctl (an architecture-specific directory).
fn erl_libs(ejabberdctl: &Path) -> Result<String, HarnessError> {
    let script = std::fs::read_to_string(ejabberdctl).map_err(|e| {
        HarnessError::io(COMPONENT, format!("reading {}", ejabberdctl.display()), e)
    })?;
    script
        .lines()
        .find_map(|line| line.trim().strip_prefix("ERL_LIBS="))
        .map(|value| value.trim_matches(['\'', '"']).to_owned())
        .ok_or_else(|| HarnessError::Protocol {
            component: COMPONENT.to_owned(),
            port: None,
            message: format!(
                "{} has no ERL_LIBS line; is it Debian's ejabberdctl?",
                ejabberdctl.display()
            ),
        })
}

fn write(path: &Path, text: &str) -> Result<(), HarnessError> {
    std::fs::write(path, text)
        .map_err(|e| HarnessError::io(COMPONENT, format!("writing {}", path.display()), e))
}
