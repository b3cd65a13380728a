//! The runner's error type: every variant names the file or project it is about and says
//! what to do next.

use std::path::PathBuf;

/// Everything that can stop a build.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A file or directory could not be read, written or created.
    #[error("{path}: {source}")]
    Io {
        /// The file the operation was about.
        path: PathBuf,
        /// What the operating system said.
        source: std::io::Error,
    },
    /// `rbm-config` or a `projects/NAME/config` is not valid.
    #[error("{path}: {message}")]
    Config {
        /// The config file.
        path: PathBuf,
        /// What is wrong, and how to fix it.
        message: String,
    },
    /// A project (asked for, or named in `deps`) has no `projects/NAME/config`.
    #[error("unknown project `{name}` (wanted by {wanted_by}): there is no projects/{name}/config")]
    UnknownProject {
        /// The missing project.
        name: String,
        /// Who asked for it: another project, or the command line.
        wanted_by: String,
    },
    /// Projects depend on each other in a loop.
    #[error("dependency cycle between projects: {0}; remove one of these `deps`")]
    Cycle(String),
    /// An input's content is not the one its config pins.
    #[error(
        "sha256 mismatch for input `{file}`: expected {expected}, got {got}. \
         The file was changed or corrupted; refusing to build with it \
         (delete {path} to fetch it again, or fix the pin if the change is intended)"
    )]
    HashMismatch {
        /// The input's file name.
        file: String,
        /// The pinned sha256.
        expected: String,
        /// The sha256 of what is on disk.
        got: String,
        /// Where the bad file is.
        path: PathBuf,
    },
    /// An input could not be fetched.
    #[error("cannot fetch input `{file}`: {message}")]
    Fetch {
        /// The input's file name.
        file: String,
        /// What went wrong.
        message: String,
    },
    /// A pinned Debian build package is missing or has another version.
    #[error(
        "build package {package}: the recipe pins version {pinned}, but {installed} is installed; \
         install the pinned version (apt-get install {package}={pinned}) or update the pin"
    )]
    PackagePin {
        /// The Debian package.
        package: String,
        /// The version the recipe wants.
        pinned: String,
        /// What dpkg reports ("nothing" if absent).
        installed: String,
    },
    /// The Rust toolchain is not the pinned one.
    #[error("the recipes pin {pinned}, but rustc reports `{found}`; install it with rustup")]
    Toolchain {
        /// The pinned version string.
        pinned: String,
        /// What `rustc --version` printed.
        found: String,
    },
    /// A project's build script failed.
    #[error("project `{project}` failed ({status}); full log: {log}\n--- last lines ---\n{tail}")]
    BuildFailed {
        /// The project.
        project: String,
        /// The exit status.
        status: String,
        /// The log file.
        log: PathBuf,
        /// The end of the log.
        tail: String,
    },
    /// An external tool (git, apt-get, cargo, minisign) could not run or failed.
    #[error("{tool}: {message}")]
    Tool {
        /// The program.
        tool: String,
        /// What happened.
        message: String,
    },
}

/// Result with the runner's error.
pub type Result<T> = std::result::Result<T, Error>;

/// Adds the path to an I/O error.
pub(crate) fn io(path: impl Into<PathBuf>) -> impl FnOnce(std::io::Error) -> Error {
    let path = path.into();
    move |source| Error::Io { path, source }
}
