//! The private Tor network: 3 directory authorities that are also exits, and 2 more relays.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use tempfile::TempDir;

use super::consensus::{fetch_flags, missing_flags};
use super::key_cache;
use super::keys::{AuthorityIdentity, generate_authority_keys, generate_relay_fingerprint};
use super::torrc::{
    RelayRole, RelaySpec, dir_authority_line, network_lines, process_lines, relay_lines,
};
use crate::dns_stub::DnsStub;
use crate::process::{ProcessGuard, resident_kib};
use crate::programs::find_program;
use crate::wait::poll_until;
use crate::{HarnessError, ports};

const COMPONENT: &str = "tor network";
const AUTHORITIES: usize = 3;
const RELAYS: usize = 2;

/// The programs the network runs; tests point them elsewhere to check the errors.
#[derive(Debug, Clone)]
pub struct TorPrograms {
    /// `tor` (Debian package `tor`).
    pub tor: PathBuf,
    /// `tor-gencert` (Debian package `tor`).
    pub tor_gencert: PathBuf,
}

impl Default for TorPrograms {
    fn default() -> Self {
        Self {
            tor: PathBuf::from("tor"),
            tor_gencert: PathBuf::from("tor-gencert"),
        }
    }
}

/// How to start a network.
#[derive(Debug, Clone)]
pub struct TorNetworkOptions {
    /// Which programs to run.
    pub programs: TorPrograms,
    /// How long the whole network may take to publish a usable consensus.
    pub ready_limit: Duration,
    /// How long a client may take to reach 100%.
    pub client_limit: Duration,
    /// Whether to reuse the authority keys an earlier test process made (see `key_cache`);
    /// `false` makes fresh ones with tor-gencert.
    pub reuse_cached_keys: bool,
}

impl Default for TorNetworkOptions {
    fn default() -> Self {
        Self {
            programs: TorPrograms::default(),
            ready_limit: Duration::from_secs(90),
            client_limit: Duration::from_secs(60),
            reuse_cached_keys: true,
        }
    }
}

/// One relay or authority process of the network.
#[derive(Debug)]
pub(crate) struct RelayProcess {
    pub(crate) spec: RelaySpec,
    // A mutex because the shared network is reached through `&'static` and checking a
    // process (`try_wait`) needs `&mut`.
    pub(crate) guard: Mutex<ProcessGuard>,
}

/// A running private Tor network; dropping it stops every relay.
#[derive(Debug)]
pub struct TorNetwork {
    // Fields drop in this order: the relays stop before their files are removed.
    pub(crate) relays: Vec<RelayProcess>,
    dns: DnsStub,
    dir_authority_lines: Vec<String>,
    empty_file: PathBuf,
    pub(crate) tor: PathBuf,
    client_limit: Duration,
    ready_after: Duration,
    pub(crate) dir: TempDir,
}

impl TorNetwork {
    /// Starts a private network owned by the caller (stopped on drop).
    pub fn start() -> Result<Self, HarnessError> {
        Self::start_with(TorNetworkOptions::default())
    }

    /// Starts a private network with explicit programs and limits.
    ///
    /// Its ports are chosen free but only bound by tor a moment later; when another process
    /// took one meanwhile (other test binaries run at the same time), it starts once more
    /// on new ports.
    pub fn start_with(options: TorNetworkOptions) -> Result<Self, HarnessError> {
        match Self::start_once(options.clone()) {
            Err(error) if is_port_clash(&error) => Self::start_once(options),
            result => result,
        }
    }

    fn start_once(options: TorNetworkOptions) -> Result<Self, HarnessError> {
        let started = Instant::now();
        let tor = find_program(COMPONENT, &options.programs.tor)?;
        let tor_gencert = find_program(COMPONENT, &options.programs.tor_gencert)?;
        let dir = tempfile::Builder::new()
            .prefix("harness-tor-")
            .tempdir()
            .map_err(|e| HarnessError::io(COMPONENT, "creating a temporary directory", e))?;
        let empty_file = dir.path().join("empty");
        write_file(&empty_file, "")?;
        let dns = DnsStub::start()?;
        let resolv_conf = dir.path().join("resolv.conf");
        write_file(&resolv_conf, &dns.resolv_conf())?;

        let specs = relay_specs()?;
        let authority_specs: Vec<&RelaySpec> = specs
            .iter()
            .filter(|spec| spec.role == RelayRole::Authority)
            .collect();
        let cached = if options.reuse_cached_keys {
            key_cache::load(&authority_specs, dir.path(), &tor_gencert)
        } else {
            None
        };
        let identities = match cached {
            Some(identities) => {
                trace(started, "keys taken from the cache");
                identities
            }
            None => {
                let identities = generate_identities(
                    &authority_specs,
                    dir.path(),
                    &tor,
                    &tor_gencert,
                    &empty_file,
                )?;
                key_cache::store(&authority_specs, dir.path());
                trace(started, "keys made");
                identities
            }
        };
        let dir_authority_lines: Vec<String> = authority_specs
            .iter()
            .zip(&identities)
            .filter_map(|(spec, identity)| {
                Some(dir_authority_line(
                    spec,
                    spec.dir_port?,
                    &identity.v3_identity,
                    &identity.fingerprint,
                ))
            })
            .collect();

        let shared_lines = network_lines(&dir_authority_lines, &empty_file);
        let authority_fingerprints: Vec<String> = identities
            .iter()
            .map(|identity| identity.fingerprint.clone())
            .collect();
        let mut relays = Vec::with_capacity(specs.len());
        // Authorities come first in `specs`. The relays start only once every authority
        // listens: a relay uploads its descriptor once at start-up, and an upload to an
        // authority that is not up yet is retried only after the first consensus, a voting
        // interval later.
        for spec in specs {
            if spec.role == RelayRole::Relay && relays.len() == AUTHORITIES {
                wait_for_authority_ports(&relays, options.ready_limit)?;
                trace(started, "authorities listening");
            }
            let data_dir = dir.path().join(&spec.nickname);
            let torrc = format!(
                "{}{}{}",
                process_lines(&data_dir),
                shared_lines,
                relay_lines(&spec, &resolv_conf, &authority_fingerprints)
            );
            let component = format!("tor {}", spec.nickname);
            let guard = spawn_tor(&component, &tor, &data_dir, &torrc, &empty_file)?;
            relays.push(RelayProcess {
                spec,
                guard: Mutex::new(guard),
            });
        }
        let mut network = Self {
            relays,
            dns,
            dir_authority_lines,
            empty_file,
            tor,
            client_limit: options.client_limit,
            ready_after: Duration::ZERO,
            dir,
        };
        network.wait_for_consensus(options.ready_limit, started)?;
        network.ready_after = started.elapsed();
        Ok(network)
    }

    /// The torrc lines a client needs to use this network (`TestingTorNetwork 1`, the
    /// `DirAuthority` lines, empty GeoIP files). A client without them stays at 0%.
    pub fn client_torrc(&self) -> String {
        network_lines(&self.dir_authority_lines, &self.empty_file)
    }

    /// The client lines with every authority's ports replaced by ports where nothing
    /// listens (their identities unchanged): a client with them is "blocked" from the
    /// network, as a censor would block it, and can only get in through a bridge.
    pub fn blocked_client_torrc(&self) -> Result<String, HarnessError> {
        let closed = ports::allocate(COMPONENT, self.dir_authority_lines.len() * 2)?;
        let lines: Vec<String> = self
            .dir_authority_lines
            .iter()
            .zip(closed.chunks(2))
            .map(|(line, ports)| {
                line.split(' ')
                    .map(|word| {
                        if word.starts_with("orport=") {
                            format!("orport={}", ports[0])
                        } else if let Some(address) = word.strip_prefix("127.0.0.1:") {
                            let _ = address;
                            format!("127.0.0.1:{}", ports[1])
                        } else {
                            word.to_owned()
                        }
                    })
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect();
        Ok(network_lines(&lines, &self.empty_file))
    }

    /// Every port the network's relays listen on (ORPorts and the authorities' DirPorts): a
    /// client that should reach the network only through a bridge must connect to none.
    pub fn relay_ports(&self) -> Vec<u16> {
        self.relays
            .iter()
            .flat_map(|relay| [Some(relay.spec.or_port), relay.spec.dir_port])
            .flatten()
            .collect()
    }

    /// Starts a client tor on this network and waits until it reports `PROGRESS=100 TAG=done`.
    pub fn start_client(&self) -> Result<super::TorClient, HarnessError> {
        super::TorClient::start(self, self.client_limit)
    }

    /// How long the network took from the call to `start` until every authority served a
    /// consensus listing every relay with the needed flags.
    pub fn ready_after(&self) -> Duration {
        self.ready_after
    }

    /// The PIDs of the network's tor processes (authorities first).
    pub fn pids(&self) -> Vec<u32> {
        self.relays
            .iter()
            .filter_map(|relay| relay.guard.lock().ok().map(|guard| guard.pid()))
            .collect()
    }

    /// The sum of the resident memory of the network's tors, in KiB.
    pub fn resident_kib(&self) -> u64 {
        self.pids().into_iter().filter_map(resident_kib).sum()
    }

    /// The DirPorts of the authorities.
    pub fn dir_ports(&self) -> Vec<u16> {
        self.relays
            .iter()
            .filter_map(|relay| relay.spec.dir_port)
            .collect()
    }

    /// The UDP address of the DNS stub the exits resolve names with.
    pub fn dns_addr(&self) -> std::net::SocketAddr {
        self.dns.addr()
    }

    pub(crate) fn temp_path(&self) -> &Path {
        self.dir.path()
    }

    pub(crate) fn empty_file(&self) -> &Path {
        &self.empty_file
    }

    /// Stops every relay now: SIGTERM to all first so they end together.
    pub(crate) fn stop_now(&self) {
        for relay in &self.relays {
            if let Ok(guard) = relay.guard.try_lock() {
                crate::process::terminate(guard.pid());
            }
        }
        for relay in &self.relays {
            if let Ok(mut guard) = relay.guard.try_lock() {
                guard.stop();
            }
        }
    }

    fn wait_for_consensus(&self, limit: Duration, started: Instant) -> Result<(), HarnessError> {
        let awaited = "every authority to serve a consensus listing every relay with \
                       Exit, Fast, Running, Stable, Valid (and Guard, HSDir for authorities)";
        let mut last_seen = String::new();
        let ready = poll_until(limit, Duration::from_millis(250), || {
            for relay in &self.relays {
                if let Ok(mut guard) = relay.guard.lock() {
                    guard.ensure_running(
                        awaited,
                        relay.spec.dir_port.or(Some(relay.spec.or_port)),
                    )?;
                }
            }
            let mut problems = Vec::new();
            for dir_port in self.dir_ports() {
                match fetch_flags(dir_port) {
                    Ok(flags) => problems.extend(self.relays.iter().filter_map(|relay| {
                        let is_cache = relay.spec.role == RelayRole::Authority;
                        missing_flags(&flags, &relay.spec.nickname, is_cache)
                            .map(|missing| format!("port {dir_port}: {missing}"))
                    })),
                    Err(reason) => problems.push(format!("port {dir_port}: {reason}")),
                }
            }
            let seen = problems.join("; ");
            if seen != last_seen {
                trace(
                    started,
                    if seen.is_empty() {
                        "consensus complete"
                    } else {
                        &seen
                    },
                );
            }
            last_seen = seen;
            Ok(problems.is_empty().then_some(()))
        })?;
        match ready {
            Some(()) => Ok(()),
            None => {
                let first = self
                    .relays
                    .first()
                    .and_then(|relay| relay.guard.lock().ok());
                Err(match first {
                    Some(guard) => guard.timeout_error(
                        awaited,
                        self.dir_ports().first().copied(),
                        limit,
                        Some(last_seen),
                    ),
                    None => HarnessError::Protocol {
                        component: COMPONENT.to_owned(),
                        port: None,
                        message: format!("no consensus after {limit:?}: {last_seen}"),
                    },
                })
            }
        }
    }
}

/// Whether tor ended because a port it was given had been taken by someone else.
pub(crate) fn is_port_clash(error: &HarnessError) -> bool {
    matches!(error, HarnessError::Exited { log, .. } if log.tail.contains("Address already in use"))
}

/// With `HARNESS_TRACE` set, prints the start-up steps with their time (to see where the
/// seconds go on a loaded machine).
fn trace(started: Instant, step: &str) {
    if std::env::var_os("HARNESS_TRACE").is_some() {
        eprintln!("[tor network +{:.2?}] {step}", started.elapsed());
    }
}

/// Waits until every authority accepts connections on its DirPort.
fn wait_for_authority_ports(
    authorities: &[RelayProcess],
    limit: Duration,
) -> Result<(), HarnessError> {
    let awaited = "the authorities' DirPorts to accept connections";
    for authority in authorities {
        let Some(dir_port) = authority.spec.dir_port else {
            continue;
        };
        let addr = std::net::SocketAddr::from((std::net::Ipv4Addr::LOCALHOST, dir_port));
        let listening = poll_until(limit, Duration::from_millis(20), || {
            if let Ok(mut guard) = authority.guard.lock() {
                guard.ensure_running(awaited, Some(dir_port))?;
            }
            Ok(
                std::net::TcpStream::connect_timeout(&addr, Duration::from_secs(1))
                    .ok()
                    .map(drop),
            )
        })?;
        if listening.is_none()
            && let Ok(guard) = authority.guard.lock()
        {
            return Err(guard.timeout_error(awaited, Some(dir_port), limit, None));
        }
    }
    Ok(())
}

/// Nicknames and ports: authorities first.
fn relay_specs() -> Result<Vec<RelaySpec>, HarnessError> {
    let ports = ports::allocate(COMPONENT, AUTHORITIES * 2 + RELAYS)?;
    let mut ports = ports.into_iter();
    let mut next_port = || {
        ports.next().ok_or_else(|| HarnessError::Protocol {
            component: COMPONENT.to_owned(),
            port: None,
            message: "fewer free ports than asked for".to_owned(),
        })
    };
    let mut specs = Vec::new();
    for index in 0..AUTHORITIES {
        specs.push(RelaySpec {
            nickname: format!("auth{index}"),
            role: RelayRole::Authority,
            or_port: next_port()?,
            dir_port: Some(next_port()?),
        });
    }
    for index in 0..RELAYS {
        specs.push(RelaySpec {
            nickname: format!("relay{index}"),
            role: RelayRole::Relay,
            or_port: next_port()?,
            dir_port: None,
        });
    }
    Ok(specs)
}

/// Makes the authorities' keys at once (each takes a fraction of a second of CPU, several
/// seconds on a loaded machine). Plain relays make their own keys when they start: nobody
/// needs their fingerprints in advance.
fn generate_identities(
    authorities: &[&RelaySpec],
    root: &Path,
    tor: &Path,
    tor_gencert: &Path,
    empty_file: &Path,
) -> Result<Vec<AuthorityIdentity>, HarnessError> {
    std::thread::scope(|scope| {
        let handles: Vec<_> = authorities
            .iter()
            .map(|spec| {
                scope.spawn(move || -> Result<AuthorityIdentity, HarnessError> {
                    let component = format!("tor {}", spec.nickname);
                    let data_dir = root.join(&spec.nickname);
                    create_private_dir(&component, &data_dir)?;
                    let dir_port = spec.dir_port.unwrap_or_default();
                    let v3_identity =
                        generate_authority_keys(&component, tor_gencert, &data_dir, dir_port)?;
                    let fingerprint = generate_relay_fingerprint(
                        &component,
                        tor,
                        &data_dir,
                        &spec.nickname,
                        empty_file,
                    )?;
                    Ok(AuthorityIdentity {
                        fingerprint,
                        v3_identity,
                    })
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|handle| {
                handle.join().unwrap_or_else(|_| {
                    Err(HarnessError::Protocol {
                        component: COMPONENT.to_owned(),
                        port: None,
                        message: "a key generation thread panicked".to_owned(),
                    })
                })
            })
            .collect()
    })
}

/// Writes the torrc and starts tor in the foreground (so the PID is tor's own).
pub(crate) fn spawn_tor(
    component: &str,
    tor: &Path,
    data_dir: &Path,
    torrc: &str,
    empty_file: &Path,
) -> Result<ProcessGuard, HarnessError> {
    create_private_dir(component, data_dir)?;
    let torrc_path = data_dir.join("torrc");
    write_file(&torrc_path, torrc)?;
    let mut command = Command::new(tor);
    // `--hush`, not `--quiet`: quiet would hide configuration errors from the log.
    command
        .arg("--hush")
        .arg("--defaults-torrc")
        .arg(empty_file)
        .arg("-f")
        .arg(&torrc_path);
    ProcessGuard::spawn(component, command, data_dir.join("tor.log"))
}

/// Tor refuses a data directory others can read.
pub(crate) fn create_private_dir(component: &str, path: &Path) -> Result<(), HarnessError> {
    use std::os::unix::fs::DirBuilderExt;
    std::fs::DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(path)
        .map_err(|e| HarnessError::io(component, format!("creating {}", path.display()), e))
}

pub(crate) fn write_file(path: &Path, text: &str) -> Result<(), HarnessError> {
    std::fs::write(path, text)
        .map_err(|e| HarnessError::io(COMPONENT, format!("writing {}", path.display()), e))
}

#[cfg(test)]
mod tests;
