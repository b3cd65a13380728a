//! A real obfs4 bridge on loopback: a bridge relay of the private network with obfs4proxy
//! in server mode in front of it. Clients reach it only through obfs4 (its ORPort is not in
//! any line they get).

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use super::network::{TorNetwork, create_private_dir};
use super::torrc::process_lines;
use crate::process::ProcessGuard;
use crate::{HarnessError, ports};

const COMPONENT: &str = "obfs4 bridge";

/// A running obfs4 bridge; dropping it stops the relay (and its obfs4proxy).
#[derive(Debug)]
pub struct Obfs4Bridge {
    guard: ProcessGuard,
    line: String,
    obfs4_port: u16,
    or_port: u16,
    ready_after: Duration,
    // Last: the process stops before its files are removed.
    _dir: tempfile::TempDir,
}

impl Obfs4Bridge {
    /// Starts a bridge on `network` with `obfs4proxy` as its server transport, and waits
    /// until it has a consensus and obfs4proxy wrote its certificate (at most `limit`).
    pub fn start(
        network: &TorNetwork,
        obfs4proxy: &Path,
        limit: Duration,
    ) -> Result<Obfs4Bridge, HarnessError> {
        let started = Instant::now();
        let dir = tempfile::Builder::new()
            .prefix("obfs4-bridge-")
            .tempdir()
            .map_err(|e| HarnessError::io(COMPONENT, "creating a temporary directory", e))?;
        let data = dir.path().join("data");
        create_private_dir(COMPONENT, &data)?;
        let port_list = ports::allocate(COMPONENT, 2)?;
        let (or_port, obfs4_port) = (port_list[0], port_list[1]);
        let torrc = format!(
            "{process}{network}\
             Nickname obfs4bridge\n\
             Address 127.0.0.1\n\
             ORPort 127.0.0.1:{or_port}\n\
             BridgeRelay 1\n\
             PublishServerDescriptor 0\n\
             ExitRelay 0\n\
             SocksPort 0\n\
             ExtORPort auto\n\
             ServerTransportPlugin obfs4 exec {obfs4proxy}\n\
             ServerTransportListenAddr obfs4 127.0.0.1:{obfs4_port}\n",
            process = process_lines(&data),
            network = network.client_torrc(),
            obfs4proxy = obfs4proxy.display(),
        );
        let torrc_path = dir.path().join("torrc");
        std::fs::write(&torrc_path, torrc)
            .map_err(|e| HarnessError::io(COMPONENT, "writing the torrc", e))?;
        let mut command = Command::new(&network.tor);
        command
            .arg("--hush")
            .arg("--defaults-torrc")
            .arg(network.empty_file())
            .arg("-f")
            .arg(&torrc_path);
        let guard = ProcessGuard::spawn(COMPONENT, command, dir.path().join("tor.log"))?;
        let mut bridge = Obfs4Bridge {
            guard,
            line: String::new(),
            obfs4_port,
            or_port,
            ready_after: Duration::ZERO,
            _dir: dir,
        };
        bridge.line = bridge.wait_for_line(&data, limit)?;
        bridge.ready_after = started.elapsed();
        Ok(bridge)
    }

    /// The line a person would paste: `obfs4 127.0.0.1:PORT FINGERPRINT cert=... iat-mode=0`.
    pub fn line(&self) -> &str {
        &self.line
    }

    /// The port obfs4proxy listens on (the only one clients connect to).
    pub fn obfs4_port(&self) -> u16 {
        self.obfs4_port
    }

    /// The relay's own ORPort (clients must never connect to it).
    pub fn or_port(&self) -> u16 {
        self.or_port
    }

    /// The bridge relay's process id.
    pub fn pid(&self) -> u32 {
        self.guard.pid()
    }

    /// How long the bridge took to get ready.
    pub fn ready_after(&self) -> Duration {
        self.ready_after
    }

    /// The bridge relay's log (with obfs4proxy's messages as tor reports them).
    pub fn log_path(&self) -> PathBuf {
        self.guard.log_path().to_path_buf()
    }

    fn wait_for_line(&mut self, data: &Path, limit: Duration) -> Result<String, HarnessError> {
        let deadline = Instant::now() + limit;
        let awaited = "a consensus and obfs4proxy's certificate (pt_state/obfs4_bridgeline.txt)";
        loop {
            self.guard.ensure_running(awaited, Some(self.obfs4_port))?;
            let log = std::fs::read_to_string(self.guard.log_path()).unwrap_or_default();
            let cert_line = std::fs::read_to_string(data.join("pt_state/obfs4_bridgeline.txt"))
                .ok()
                .and_then(|text| {
                    text.lines()
                        .find(|line| line.starts_with("Bridge obfs4"))
                        .map(str::to_owned)
                });
            let fingerprint = std::fs::read_to_string(data.join("fingerprint"))
                .ok()
                .and_then(|text| text.split_whitespace().nth(1).map(str::to_owned));
            if log.contains("Bootstrapped 100%")
                && let (Some(cert_line), Some(fingerprint)) = (cert_line, fingerprint)
            {
                let args: Vec<&str> = cert_line
                    .split_whitespace()
                    .filter(|word| word.starts_with("cert=") || word.starts_with("iat-mode="))
                    .collect();
                return Ok(format!(
                    "obfs4 127.0.0.1:{} {fingerprint} {}",
                    self.obfs4_port,
                    args.join(" ")
                ));
            }
            if Instant::now() > deadline {
                return Err(self
                    .guard
                    .timeout_error(awaited, Some(self.obfs4_port), limit, None));
            }
            std::thread::sleep(Duration::from_millis(200));
        }
    }
}
