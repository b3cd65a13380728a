//! ircd-hybrid (the daemon family OFTC runs) in the foreground with a temporary configuration
//! on a free loopback port: plain registration, no services, no SASL.
//!
//! Two things need care, and both need the harness to run as root (CI and the test machines
//! do; elsewhere a clear error says so). ircd-hybrid refuses to run as root: the harness runs
//! it as `nobody`. And it looks up every client's address in DNS with its own resolver, which reads
//! /etc/resolv.conf and nothing else and always asks port 53: so it runs in a private mount
//! namespace where that file names a loopback address of its own (127.X.Y.Z, port 53) on
//! which the harness's DNS stub answers "no such name" at once, and no query leaves the
//! machine (with nothing listening the lookup would stall each registration for seconds).
//! Both are set up between fork and exec, so the PID is still ircd-hybrid's.
//!
//! Debian's package conflicts with ngircd, so `scripts/deps` unpacks it instead of installing
//! it (see [`UNPACKED_DIR`]).

use std::ffi::CString;
use std::net::{Ipv4Addr, SocketAddr};
use std::os::unix::ffi::OsStrExt;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use tempfile::TempDir;

use crate::HarnessError;
use crate::dns_stub::DnsStub;
use crate::irc_probe::wait_until_registering;
use crate::ports::allocate;
use crate::process::ProcessGuard;
use crate::programs::find_program;

const COMPONENT: &str = "ircd-hybrid";
/// Where `scripts/deps` unpacks the Debian package (installing it would remove ngircd: both
/// provide `ircd` and conflict).
pub const UNPACKED_DIR: &str = "/opt/tor-messenger-tests/ircd-hybrid";
/// The server's name (also its hostname through tor).
pub const HYBRID_SERVER_NAME: &str = "hybrid.test";
/// Who ircd-hybrid runs as.
const NOBODY: libc::uid_t = 65534;
const NOGROUP: libc::gid_t = 65534;

/// How to start ircd-hybrid.
#[derive(Debug, Clone)]
pub struct IrcdHybridOptions {
    /// The program (Debian package `ircd-hybrid`).
    pub program: PathBuf,
    /// How long it may take to answer a registration.
    pub ready_limit: Duration,
}

impl Default for IrcdHybridOptions {
    fn default() -> Self {
        Self {
            program: PathBuf::from("ircd-hybrid"),
            ready_limit: Duration::from_secs(20),
        }
    }
}

/// A running ircd-hybrid; dropping it stops the process and removes its files.
#[derive(Debug)]
pub struct IrcdHybrid {
    guard: ProcessGuard,
    port: u16,
    // After the guard: the resolver it asks lives as long as it runs.
    _resolver: DnsStub,
    // Last, so the process stops before its files are removed.
    _dir: TempDir,
}

impl IrcdHybrid {
    /// ircd-hybrid on a free port.
    pub fn start() -> Result<Self, HarnessError> {
        Self::start_with(IrcdHybridOptions::default())
    }

    /// ircd-hybrid as `options` says.
    pub fn start_with(options: IrcdHybridOptions) -> Result<Self, HarnessError> {
        // SAFETY: geteuid(2) has no preconditions and cannot fail.
        if unsafe { libc::geteuid() } != 0 {
            return Err(HarnessError::NeedsRoot {
                component: COMPONENT.to_owned(),
                why: "its DNS stub needs port 53 and its private mount namespace needs \
                      CAP_SYS_ADMIN (it resolves every client itself, from /etc/resolv.conf)",
            });
        }
        let program = locate(&options.program)?;
        let modules = module_dirs(&program);
        let port = allocate(COMPONENT, 1)?[0];
        let dir = tempfile::Builder::new()
            .prefix("harness-ircd-hybrid-")
            .tempdir()
            .map_err(|e| HarnessError::io(COMPONENT, "creating a temporary directory", e))?;
        // What it writes (pid, ban databases) goes to a directory it owns.
        let state = dir.path().join("state");
        std::fs::create_dir_all(&state)
            .map_err(|e| HarnessError::io(COMPONENT, "creating its state directory", e))?;
        open_to_nobody(dir.path(), &state)?;
        let config_path = dir.path().join("ircd.conf");
        write(&config_path, &config_text(port, &modules))?;
        let resolver = resolver_on_port_53()?;
        let resolv_conf = dir.path().join("resolv.conf");
        write(
            &resolv_conf,
            &format!("nameserver {}\n", resolver.addr().ip()),
        )?;

        let mut command = Command::new(&program);
        command
            .arg("-foreground")
            .arg("-configfile")
            .arg(&config_path)
            .arg("-pidfile")
            .arg(state.join("ircd.pid"))
            .arg("-logfile")
            .arg(state.join("ircd.log"));
        for (flag, file) in [
            ("-klinefile", "kline.db"),
            ("-dlinefile", "dline.db"),
            ("-xlinefile", "xline.db"),
            ("-resvfile", "resv.db"),
        ] {
            command.arg(flag).arg(state.join(file));
        }
        command.current_dir(&state);
        let sandbox = Sandbox::new(&resolv_conf)?;
        // SAFETY: the closure runs in the child between fork and exec and only makes system
        // calls (unshare, mount, setgroups, setgid, setuid) on values prepared before the
        // fork; it allocates nothing and takes no lock.
        unsafe {
            command.pre_exec(move || sandbox.enter());
        }
        let mut guard = ProcessGuard::spawn(COMPONENT, command, dir.path().join("ircd.out"))?;
        wait_until_registering(&mut guard, port, options.ready_limit)?;
        Ok(Self {
            guard,
            port,
            _resolver: resolver,
            _dir: dir,
        })
    }

    /// The client port on 127.0.0.1.
    pub fn port(&self) -> u16 {
        self.port
    }

    /// The client address.
    pub fn addr(&self) -> SocketAddr {
        SocketAddr::from((Ipv4Addr::LOCALHOST, self.port))
    }

    /// `hybrid.test`.
    pub fn server_name(&self) -> &str {
        HYBRID_SERVER_NAME
    }

    /// The process id.
    pub fn pid(&self) -> u32 {
        self.guard.pid()
    }

    /// The last lines of its output.
    pub fn log_tail(&self) -> String {
        self.guard.log_tail()
    }
}

/// A DNS stub on port 53 of a loopback address of its own (two ircd-hybrids, or a system
/// resolver on 127.0.0.1 or 127.0.0.53, never collide): ircd-hybrid's resolver asks port 53
/// only. The address is drawn from the process id and a counter.
fn resolver_on_port_53() -> Result<DnsStub, HarnessError> {
    use std::sync::atomic::{AtomicU32, Ordering};
    static NEXT: AtomicU32 = AtomicU32::new(0);
    let mut last_error = None;
    for _ in 0..20 {
        let draw = std::process::id()
            .wrapping_mul(2_654_435_761)
            .wrapping_add(NEXT.fetch_add(1, Ordering::Relaxed).wrapping_mul(40_503));
        let [_, x, y, z] = draw.to_be_bytes();
        // 127.200-254.*.*: away from 127.0.0.x, where system resolvers live.
        let ip = Ipv4Addr::new(127, 200 + x % 55, y, z.max(2));
        match DnsStub::start_on(SocketAddr::from((ip, 53))) {
            Ok(stub) => return Ok(stub),
            Err(error) => last_error = Some(error),
        }
    }
    Err(last_error.unwrap_or_else(|| HarnessError::Protocol {
        component: COMPONENT.to_owned(),
        port: Some(53),
        message: "no loopback address for its DNS stub".to_owned(),
    }))
}

/// The program: where `options` says, on the PATH, or where `scripts/deps` unpacked it.
fn locate(program: &Path) -> Result<PathBuf, HarnessError> {
    match find_program(COMPONENT, program) {
        Ok(found) => Ok(found),
        Err(HarnessError::MissingProgram { .. }) if program == Path::new("ircd-hybrid") => {
            let unpacked = Path::new(UNPACKED_DIR).join("usr/sbin/ircd-hybrid");
            find_program(COMPONENT, &unpacked).map_err(|_| HarnessError::MissingUnpackedProgram {
                component: COMPONENT.to_owned(),
                program: "ircd-hybrid".to_owned(),
                package: "ircd-hybrid",
                dir: UNPACKED_DIR,
                why: "it conflicts with ngircd",
            })
        }
        Err(error) => Err(error),
    }
}

/// Its module directories, beside the program: `PREFIX/sbin/ircd-hybrid` has them in
/// `PREFIX/lib/ircd-hybrid/modules` (and `autoload` below it).
fn module_dirs(program: &Path) -> PathBuf {
    program
        .parent()
        .and_then(Path::parent)
        .unwrap_or(Path::new("/usr"))
        .join("lib/ircd-hybrid/modules")
}

/// Lets `nobody` read the configuration and write the state directory.
fn open_to_nobody(dir: &Path, state: &Path) -> Result<(), HarnessError> {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o755))
        .map_err(|e| HarnessError::io(COMPONENT, "opening its directory to nobody", e))?;
    std::os::unix::fs::chown(state, Some(NOBODY), Some(NOGROUP))
        .map_err(|e| HarnessError::io(COMPONENT, "giving its state directory to nobody", e))
}

/// The child's set-up: its own mount namespace with our resolv.conf over the system's, then
/// the switch to `nobody`.
struct Sandbox {
    source: CString,
    target: CString,
    root: CString,
}

impl Sandbox {
    fn new(resolv_conf: &Path) -> Result<Self, HarnessError> {
        let c_string = |bytes: &[u8]| {
            CString::new(bytes).map_err(|_| HarnessError::Protocol {
                component: COMPONENT.to_owned(),
                port: None,
                message: "a path with a NUL byte".to_owned(),
            })
        };
        Ok(Self {
            source: c_string(resolv_conf.as_os_str().as_bytes())?,
            target: c_string(b"/etc/resolv.conf")?,
            root: c_string(b"/")?,
        })
    }

    /// Runs in the child after fork: system calls only.
    fn enter(&self) -> std::io::Result<()> {
        let check = |result: libc::c_int| {
            if result == 0 {
                Ok(())
            } else {
                Err(std::io::Error::last_os_error())
            }
        };
        // SAFETY: every pointer passed below is to a NUL-terminated string or a buffer owned
        // by `self`, alive for the whole call; the calls change only this child process.
        unsafe {
            check(libc::unshare(libc::CLONE_NEWNS))?;
            // Private first, so the bind mount below never reaches the system's namespace.
            check(libc::mount(
                std::ptr::null(),
                self.root.as_ptr(),
                std::ptr::null(),
                libc::MS_REC | libc::MS_PRIVATE,
                std::ptr::null(),
            ))?;
            check(libc::mount(
                self.source.as_ptr(),
                self.target.as_ptr(),
                std::ptr::null(),
                libc::MS_BIND,
                std::ptr::null(),
            ))?;
            check(libc::setgroups(0, std::ptr::null()))?;
            check(libc::setgid(NOGROUP))?;
            check(libc::setuid(NOBODY))?;
        }
        Ok(())
    }
}

fn write(path: &Path, text: &str) -> Result<(), HarnessError> {
    std::fs::write(path, text)
        .map_err(|e| HarnessError::io(COMPONENT, format!("writing {}", path.display()), e))
}

/// A minimal configuration: one listener, everyone allowed, no ident, no connection
/// throttling or flood pacing (tests connect often and talk fast from one address).
fn config_text(port: u16, modules: &Path) -> String {
    let modules = modules.display();
    format!(
        "serverinfo {{
	name = \"{HYBRID_SERVER_NAME}\";
	sid = \"0HY\";
	description = \"harness\";
	network_name = \"harness\";
	network_description = \"harness\";
	hub = no;
	default_max_clients = 512;
	max_nick_length = 30;
	max_topic_length = 300;
}};
admin {{
	name = \"harness\";
	description = \"harness\";
	email = \"<harness@{HYBRID_SERVER_NAME}>\";
}};
class {{
	name = \"users\";
	ping_time = 300 seconds;
	number_per_ip_local = 1000;
	number_per_ip_global = 1000;
	max_number = 1000;
	cidr_bitlen_ipv4 = 32;
	cidr_bitlen_ipv6 = 128;
	number_per_cidr = 1000;
	sendq = 1 megabyte;
	recvq = 8 kbytes;
}};
listen {{
	host = \"127.0.0.1\";
	port = {port};
}};
auth {{
	user = \"*@*\";
	class = \"users\";
	flags = exceed_limit, can_flood;
}};
general {{
	disable_auth = yes;
	throttle_count = 1000;
	throttle_time = 0;
	anti_nick_flood = no;
	default_floodcount = 1000;
	ping_cookie = no;
	pace_wait = 0;
	pace_wait_simple = 0;
	max_targets = 20;
	short_motd = yes;
}};
modules {{
	path = \"{modules}\";
	path = \"{modules}/autoload\";
}};
log {{
	use_logging = no;
}};
"
    )
}
