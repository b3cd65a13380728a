//! A client tor on the private network, ready once its control port reports
//! `PROGRESS=100 TAG=done`.

use std::net::{Ipv4Addr, SocketAddr};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use tempfile::TempDir;

use super::network::{TorNetwork, is_port_clash, spawn_tor};
use super::torrc::process_lines;
use crate::control::{ControlConnection, bootstrap_done};
use crate::process::ProcessGuard;
use crate::wait::poll_until;
use crate::{HarnessError, ports};

pub(super) const COMPONENT: &str = "tor client";
const CONTROL_IO_LIMIT: Duration = Duration::from_secs(5);

/// A running client tor; dropping it stops the process.
#[derive(Debug)]
pub struct TorClient {
    guard: Mutex<ProcessGuard>,
    pid: u32,
    socks_addr: SocketAddr,
    control_addr: SocketAddr,
    cookie_path: PathBuf,
    bootstrapped_after: Duration,
    // Last, so the process stops before its data directory is removed.
    _dir: TempDir,
}

impl TorClient {
    pub(crate) fn start(network: &TorNetwork, limit: Duration) -> Result<Self, HarnessError> {
        // Once more on new ports if another process took one between choosing and binding.
        match Self::start_once(network, limit) {
            Err(error) if is_port_clash(&error) => Self::start_once(network, limit),
            result => result,
        }
    }

    fn start_once(network: &TorNetwork, limit: Duration) -> Result<Self, HarnessError> {
        let started = Instant::now();
        let dir = tempfile::Builder::new()
            .prefix("client-")
            .tempdir_in(network.temp_path())
            .map_err(|e| HarnessError::io(COMPONENT, "creating a temporary directory", e))?;
        let data_dir = dir.path().join("data");
        let port_list = ports::allocate(COMPONENT, 2)?;
        let (socks_port, control_port) = (port_list[0], port_list[1]);
        let cookie_path = data_dir.join("control_auth_cookie");
        let torrc = format!(
            "{}{}SocksPort 127.0.0.1:{socks_port}\n\
             ControlPort 127.0.0.1:{control_port}\n\
             CookieAuthentication 1\n\
             CookieAuthFile {}\n",
            process_lines(&data_dir),
            network.client_torrc(),
            cookie_path.display(),
        );
        let guard = spawn_tor(
            COMPONENT,
            &network.tor,
            &data_dir,
            &torrc,
            network.empty_file(),
        )?;
        let mut client = Self {
            pid: guard.pid(),
            guard: Mutex::new(guard),
            socks_addr: SocketAddr::from((Ipv4Addr::LOCALHOST, socks_port)),
            control_addr: SocketAddr::from((Ipv4Addr::LOCALHOST, control_port)),
            cookie_path,
            bootstrapped_after: Duration::ZERO,
            _dir: dir,
        };
        client.wait_until_bootstrapped(limit)?;
        client.bootstrapped_after = started.elapsed();
        Ok(client)
    }

    /// The SOCKS5 port (127.0.0.1).
    pub fn socks_addr(&self) -> SocketAddr {
        self.socks_addr
    }

    /// The control port (127.0.0.1), cookie authentication.
    pub fn control_addr(&self) -> SocketAddr {
        self.control_addr
    }

    /// The control cookie file.
    pub fn cookie_path(&self) -> &Path {
        &self.cookie_path
    }

    /// The tor process id.
    pub fn pid(&self) -> u32 {
        self.pid
    }

    /// How long from start until `PROGRESS=100 TAG=done`.
    pub fn bootstrapped_after(&self) -> Duration {
        self.bootstrapped_after
    }

    /// An authenticated control connection to this client.
    pub fn control(&self) -> Result<ControlConnection, HarnessError> {
        let control_error = |error: crate::control::ControlError| HarnessError::Protocol {
            component: COMPONENT.to_owned(),
            port: Some(self.control_addr.port()),
            message: error.to_string(),
        };
        let mut connection = ControlConnection::connect(self.control_addr, CONTROL_IO_LIMIT)
            .map_err(control_error)?;
        connection
            .authenticate_with_cookie(&self.cookie_path)
            .map_err(control_error)?;
        Ok(connection)
    }

    /// The timeout error of a wait on this client, with its log tail.
    pub(super) fn timeout_error(
        &self,
        awaited: &str,
        port: Option<u16>,
        limit: Duration,
    ) -> HarnessError {
        match self.guard.lock() {
            Ok(guard) => guard.timeout_error(awaited, port, limit, None),
            Err(_) => HarnessError::Protocol {
                component: COMPONENT.to_owned(),
                port,
                message: format!("no {awaited} within {limit:?}"),
            },
        }
    }

    /// Stops the process now (used at exit for the shared client; `try_lock` because another
    /// thread may still hold the lock when the process exits).
    pub(crate) fn stop_now(&self) {
        if let Ok(mut guard) = self.guard.try_lock() {
            guard.stop();
        }
    }

    fn wait_until_bootstrapped(&mut self, limit: Duration) -> Result<(), HarnessError> {
        let awaited = "GETINFO status/bootstrap-phase to report PROGRESS=100 TAG=done";
        let port = Some(self.control_addr.port());
        let mut connection: Option<ControlConnection> = None;
        let mut last_seen = String::from("no control connection yet");
        let done = poll_until(limit, Duration::from_millis(100), || {
            if let Ok(mut guard) = self.guard.lock() {
                guard.ensure_running(awaited, port)?;
            }
            if connection.is_none() {
                // Until tor listens and has written its cookie, this fails; try again.
                match ControlConnection::connect(self.control_addr, CONTROL_IO_LIMIT).and_then(
                    |mut fresh| {
                        fresh.authenticate_with_cookie(&self.cookie_path)?;
                        Ok(fresh)
                    },
                ) {
                    Ok(fresh) => connection = Some(fresh),
                    Err(error) => {
                        last_seen = error.to_string();
                        return Ok(None);
                    }
                }
            }
            let Some(open) = connection.as_mut() else {
                return Ok(None);
            };
            match open.bootstrap_phase() {
                Ok(phase) => {
                    let finished = bootstrap_done(&phase);
                    last_seen = phase;
                    Ok(finished.then_some(()))
                }
                Err(error) => {
                    last_seen = error.to_string();
                    connection = None;
                    Ok(None)
                }
            }
        })?;
        match done {
            Some(()) => Ok(()),
            None => Err(match self.guard.lock() {
                Ok(guard) => guard.timeout_error(awaited, port, limit, Some(last_seen)),
                Err(_) => HarnessError::Protocol {
                    component: COMPONENT.to_owned(),
                    port,
                    message: format!("not bootstrapped after {limit:?}: {last_seen}"),
                },
            }),
        }
    }
}
