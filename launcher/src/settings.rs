//! Turns the command line into a complete, checked launch plan: which tor, which profile,
//! which program, which ports.

use std::net::SocketAddr;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::app_process::AppCommand;
use crate::bundle::Bundle;
use crate::cli::{LaunchArgs, StartAppAt};
use crate::error::LaunchError;
use crate::profile::Profile;
use crate::tor_binary::{TorBinary, find_tor};
use messenger_bridges::{PluggableTransports, PtConfig};

/// Everything `launch` needs, resolved.
#[derive(Debug, Clone)]
pub struct LaunchSettings {
    /// The profile folder.
    pub profile: Profile,
    /// The tor to start; `None` with `--use-system-tor`.
    pub tor: Option<TorBinary>,
    /// The bundle's torrc-defaults template (may be missing: the built-in one is used).
    pub defaults_template: PathBuf,
    /// The program to run when tor is ready.
    pub app: AppCommand,
    /// SOCKS port to configure.
    pub socks_port: u16,
    /// Control port to configure.
    pub control_port: u16,
    /// `--torrc FILE`, absolute.
    pub extra_torrc: Option<PathBuf>,
    /// `--use-system-tor`.
    pub system_tor: Option<SocketAddr>,
    /// No bootstrap progress for this long is a stall.
    pub stall_timeout: Duration,
    /// Restarts allowed when tor dies.
    pub tor_restarts: u32,
    /// Wait this long for a process to stop before escalating.
    pub shutdown_grace: Duration,
    /// Copy tor's output to stderr.
    pub verbose: bool,
    /// When the messenger starts.
    pub start_app_at: StartAppAt,
    /// The bundle's transports and built-in bridges (`tor/pluggable_transports/pt_config`,
    /// else the built-in copy).
    pub pt_config: PtConfig,
    /// Where each transport's program is (the bundle's, or in a development run the
    /// system's).
    pub transports: PluggableTransports,
}

impl LaunchSettings {
    /// Resolves `args` against the bundle around the launcher and the PATH, with the
    /// profile at `data_dir`.
    pub fn resolve(
        args: &LaunchArgs,
        data_dir: &Path,
        bundle: &Bundle,
    ) -> Result<Self, LaunchError> {
        let profile = Profile::new(data_dir)?;
        let tor = match args.use_system_tor {
            Some(_) => None,
            None => Some(find_tor(
                args.tor.as_deref(),
                bundle,
                std::env::var_os("PATH").as_deref(),
            )?),
        };
        let program = match &args.app {
            Some(program) => check_app(program)?,
            None => {
                let candidates = bundle.app_candidates();
                candidates
                    .iter()
                    .find(|candidate| candidate.is_file())
                    .cloned()
                    .ok_or_else(|| LaunchError::AppNotFound {
                        tried: candidates.to_vec(),
                    })?
            }
        };
        let extra_torrc = match &args.torrc {
            Some(path) => {
                let absolute =
                    std::path::absolute(path).map_err(|source| LaunchError::DataDir {
                        path: path.clone(),
                        source,
                    })?;
                // Tor would fail on a missing %include; say so before starting it.
                std::fs::metadata(&absolute).map_err(|source| LaunchError::DataDir {
                    path: absolute.clone(),
                    source,
                })?;
                Some(absolute)
            }
            None => None,
        };
        let pt_config = PtConfig::for_bundle(bundle.dir())
            .map_err(|error| LaunchError::Bridge(error.into()))?;
        let transports = PluggableTransports::locate(
            &pt_config,
            bundle.dir(),
            std::env::var_os("PATH").as_deref(),
        );
        // A program given with --app expects a working tor; the messenger shows the progress.
        let start_app_at = args.start_app_at.unwrap_or(match args.app {
            Some(_) => StartAppAt::Ready,
            None => StartAppAt::Connecting,
        });
        Ok(Self {
            profile,
            tor,
            defaults_template: bundle.torrc_defaults_template(),
            app: AppCommand {
                program,
                args: args.app_args.clone(),
            },
            socks_port: args.socks_port,
            control_port: args.control_port,
            extra_torrc,
            system_tor: args.use_system_tor,
            stall_timeout: Duration::from_secs(args.stall_timeout),
            tor_restarts: args.tor_restarts,
            shutdown_grace: Duration::from_secs(args.shutdown_grace),
            verbose: args.verbose,
            start_app_at,
            pt_config,
            transports,
        })
    }
}

/// Checks `--app` before tor is started (so a typo does not cost a bootstrap): a path must be
/// an executable file; a bare name must be found on PATH.
fn check_app(program: &Path) -> Result<PathBuf, LaunchError> {
    let is_executable = |path: &Path| {
        std::fs::metadata(path)
            .is_ok_and(|metadata| metadata.is_file() && metadata.permissions().mode() & 0o111 != 0)
    };
    let unusable = || LaunchError::AppNotUsable {
        program: program.to_path_buf(),
    };
    if program.components().count() > 1 {
        return if is_executable(program) {
            Ok(program.to_path_buf())
        } else {
            Err(unusable())
        };
    }
    std::env::var_os("PATH")
        .iter()
        .flat_map(std::env::split_paths)
        .map(|dir| dir.join(program))
        .find(|candidate| is_executable(candidate))
        .ok_or_else(unusable)
}

#[cfg(test)]
mod tests;
