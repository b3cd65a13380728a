//! Finding each transport's program: the bundle's own `tor/pluggable_transports/PROGRAM`, or,
//! in a development run (no transports folder beside the launcher), the system's copy, which
//! the launcher then says it uses. A bundle never falls back to the system's programs: a
//! missing one is reported, with what to do.

use std::ffi::OsStr;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

use crate::pt_config::{PT_DIR, PtConfig};
use crate::transport::Transport;

/// Where a transport's program comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// The bundle's `tor/pluggable_transports/`.
    Bundled,
    /// The system's (a development run; `make run` says so).
    System,
}

/// A transport and the program that runs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TransportBinary {
    /// The transport.
    pub transport: Transport,
    /// The program, absolute.
    pub path: PathBuf,
    /// Where it was found.
    pub origin: Origin,
}

/// A transport that cannot be offered, and why (each says what to do).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Unavailable {
    /// The bundle's program is missing.
    #[error(
        "the {transport} program {} is missing from the bundle: unpack the bundle again \
         (security software sometimes removes it; allow it there)",
        path.display()
    )]
    MissingFromBundle {
        /// The transport.
        transport: Transport,
        /// Where the program should be.
        path: PathBuf,
    },
    /// The program exists but cannot be run.
    #[error(
        "the {transport} program {} cannot be run (it is not an executable file): unpack \
         the bundle again, keeping file permissions",
        path.display()
    )]
    NotExecutable {
        /// The transport.
        transport: Transport,
        /// The program.
        path: PathBuf,
    },
    /// A development run on a system without the program.
    #[error(
        "{transport} is not available: this is not a bundle and the system has no {program} \
         (Debian: apt install {package})"
    )]
    NotInstalled {
        /// The transport.
        transport: Transport,
        /// The program's file name.
        program: String,
        /// The Debian package that has it.
        package: &'static str,
    },
    /// A system program whose path tor cannot take (tor splits the plugin line at spaces).
    #[error("{transport} is not available: tor cannot run a program whose path has spaces ({})", path.display())]
    UnusablePath {
        /// The transport.
        transport: Transport,
        /// The program.
        path: PathBuf,
    },
}

/// The transports this run can use.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PluggableTransports {
    /// Those with a program.
    pub available: Vec<TransportBinary>,
    /// Those without, and why.
    pub unavailable: Vec<Unavailable>,
    /// The bundle's transports folder, when this is a bundle (tor then runs in its parent,
    /// `tor/`, and the plugin lines name the programs relative to it).
    pub bundle_dir: Option<PathBuf>,
}

/// The Debian package of each transport's program, for the "install it" hint.
fn debian_package(transport: Transport) -> &'static str {
    match transport {
        Transport::Obfs4 => "obfs4proxy",
        Transport::Snowflake => "snowflake-client",
    }
}

fn is_executable_file(path: &Path) -> bool {
    std::fs::metadata(path)
        .is_ok_and(|metadata| metadata.is_file() && metadata.permissions().mode() & 0o111 != 0)
}

impl PluggableTransports {
    /// Finds the programs of `config`'s transports for the bundle at `bundle_dir`. When the
    /// bundle has no transports folder (a development run), each program is looked for in
    /// `search_path` (the value of PATH; only absolute entries) and then in `/usr/bin`.
    pub fn locate(
        config: &PtConfig,
        bundle_dir: &Path,
        search_path: Option<&OsStr>,
    ) -> PluggableTransports {
        let pt_dir = bundle_dir.join(PT_DIR);
        let bundled = pt_dir.is_dir();
        let mut found = PluggableTransports {
            bundle_dir: bundled.then(|| pt_dir.clone()),
            ..PluggableTransports::default()
        };
        for (transport, program) in &config.transports {
            let transport = *transport;
            if bundled {
                let path = pt_dir.join(program);
                if is_executable_file(&path) {
                    found.available.push(TransportBinary {
                        transport,
                        path,
                        origin: Origin::Bundled,
                    });
                } else if path.exists() {
                    found
                        .unavailable
                        .push(Unavailable::NotExecutable { transport, path });
                } else {
                    found
                        .unavailable
                        .push(Unavailable::MissingFromBundle { transport, path });
                }
                continue;
            }
            let system = search_path
                .into_iter()
                .flat_map(std::env::split_paths)
                .chain([PathBuf::from("/usr/bin")])
                .filter(|dir| dir.is_absolute())
                .map(|dir| dir.join(program))
                .find(|candidate| is_executable_file(candidate));
            match system {
                Some(path) if path.to_string_lossy().contains(char::is_whitespace) => found
                    .unavailable
                    .push(Unavailable::UnusablePath { transport, path }),
                Some(path) => found.available.push(TransportBinary {
                    transport,
                    path,
                    origin: Origin::System,
                }),
                None => found.unavailable.push(Unavailable::NotInstalled {
                    transport,
                    program: program.clone(),
                    package: debian_package(transport),
                }),
            }
        }
        found
    }

    /// The program of `transport`, if available.
    pub fn get(&self, transport: Transport) -> Option<&TransportBinary> {
        self.available
            .iter()
            .find(|binary| binary.transport == transport)
    }

    /// Why `transport` is unavailable, if it is.
    pub fn why_unavailable(&self, transport: Transport) -> Option<&Unavailable> {
        self.unavailable.iter().find(|why| {
            matches!(why,
                Unavailable::MissingFromBundle { transport: t, .. }
                | Unavailable::NotExecutable { transport: t, .. }
                | Unavailable::NotInstalled { transport: t, .. }
                | Unavailable::UnusablePath { transport: t, .. } if *t == transport)
        })
    }

    /// The folder tor must run in for [`plugin_lines`]' relative paths (the bundle's `tor/`).
    pub fn tor_working_dir(&self) -> Option<&Path> {
        self.bundle_dir.as_deref().and_then(Path::parent)
    }
}

/// The `ClientTransportPlugin` lines for tor's defaults, one per available transport. The
/// bundle's programs are named relative to the bundle's `tor/` folder (tor runs there), so a
/// bundle unpacked in a folder whose name has spaces still works (tor splits the line at
/// spaces), as Tor Browser does:
///
/// ```text
/// ClientTransportPlugin obfs4 exec ./pluggable_transports/obfs4proxy
/// ClientTransportPlugin snowflake exec ./pluggable_transports/snowflake-client
/// ```
///
/// A development run names the system's programs by their absolute path. Tor starts a
/// transport's program only when a bridge uses it.
pub fn plugin_lines(transports: &PluggableTransports) -> Vec<String> {
    transports
        .available
        .iter()
        .map(|binary| {
            let program = match (binary.origin, binary.path.file_name()) {
                (Origin::Bundled, Some(name)) => {
                    format!("./pluggable_transports/{}", name.to_string_lossy())
                }
                _ => binary.path.display().to_string(),
            };
            format!("ClientTransportPlugin {} exec {program}", binary.transport)
        })
        .collect()
}

#[cfg(test)]
mod tests;
