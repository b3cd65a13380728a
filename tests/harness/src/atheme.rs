//! Atheme services (7.2, what Libera.Chat's SASL and NickServ descend from) in the foreground
//! (`-n`) with a temporary configuration and database, linked to the harness's InspIRCd as
//! `services.test`: NickServ (REGISTER without email verification, IDENTIFY, CERT ADD) and
//! SaslServ with PLAIN, EXTERNAL and ECDSA-NIST256P-CHALLENGE. Atheme 7.2 has no SCRAM
//! mechanism (no `saslserv/scram` module; that came with 7.3), so none is offered.
//! Started by [`crate::Inspircd::with_atheme`].

use std::path::Path;
use std::process::Command;

use crate::HarnessError;
use crate::process::ProcessGuard;

const COMPONENT: &str = "atheme";

/// The Atheme modules loaded.
const MODULES: &[&str] = &[
    "protocol/inspircd",
    "backend/opensex",
    "crypto/pbkdf2v2",
    "nickserv/main",
    "nickserv/register",
    "nickserv/identify",
    "nickserv/logout",
    "nickserv/info",
    "nickserv/help",
    "nickserv/cert",
    "nickserv/set_core",
    "nickserv/set_pubkey",
    "saslserv/main",
    "saslserv/plain",
    "saslserv/external",
    "saslserv/ecdsa-nist256p-challenge",
];

/// Where and how Atheme links.
pub(crate) struct AthemeLink<'a> {
    pub program: &'a Path,
    pub dir: &'a Path,
    pub services_name: &'a str,
    pub uplink_name: &'a str,
    pub link_port: u16,
    pub link_password: &'a str,
}

/// A running Atheme; dropping it stops the process (its files belong to the InspIRCd guard).
#[derive(Debug)]
pub struct Atheme {
    guard: ProcessGuard,
}

impl Atheme {
    pub(crate) fn start(link: &AthemeLink<'_>) -> Result<Self, HarnessError> {
        let data = link.dir.join("data");
        std::fs::create_dir_all(&data)
            .map_err(|e| HarnessError::io(COMPONENT, format!("creating {}", data.display()), e))?;
        let config_path = link.dir.join("atheme.conf");
        std::fs::write(&config_path, config_text(link))
            .map_err(|e| HarnessError::io(COMPONENT, "writing its configuration", e))?;
        let mut command = Command::new(link.program);
        command
            .arg("-n")
            .arg("-c")
            .arg(&config_path)
            .arg("-D")
            .arg(&data)
            .arg("-l")
            .arg(link.dir.join("atheme.log"))
            .arg("-p")
            .arg(link.dir.join("atheme.pid"))
            .current_dir(link.dir);
        let guard = ProcessGuard::spawn(COMPONENT, command, link.dir.join("atheme.out"))?;
        Ok(Self { guard })
    }

    pub(crate) fn ensure_running(&mut self, awaited: &str) -> Result<(), HarnessError> {
        self.guard.ensure_running(awaited, None)
    }

    /// The process id.
    pub fn pid(&self) -> u32 {
        self.guard.pid()
    }

    /// The last lines of Atheme's output.
    pub fn log_tail(&self) -> String {
        self.guard.log_tail()
    }
}

fn config_text(link: &AthemeLink<'_>) -> String {
    let AthemeLink {
        services_name,
        uplink_name,
        link_port,
        link_password,
        ..
    } = *link;
    let mut text: String = MODULES
        .iter()
        .map(|module| format!("loadmodule \"modules/{module}\";\n"))
        .collect();
    text.push_str(&format!(
        "serverinfo {{
	name = \"{services_name}\";
	desc = \"harness services\";
	numeric = \"0HS\";
	recontime = 1;
	netname = \"harness\";
	hidehostsuffix = \"users.harness\";
	adminname = \"harness\";
	adminemail = \"harness@{services_name}\";
	registeremail = \"noreply@{services_name}\";
	loglevel = {{ error; info; admin; network; wallops; }};
	maxlogins = 10;
	maxusers = 100;
	mdlimit = 30;
	emaillimit = 10;
	emailtime = 300;
	auth = none;
	casemapping = rfc1459;
}};
uplink \"{uplink_name}\" {{
	host = \"127.0.0.1\";
	password = \"{link_password}\";
	port = {link_port};
}};
nickserv {{
	nick = \"NickServ\";
	user = \"NickServ\";
	host = \"{services_name}\";
	real = \"Nickname Services\";
	maxnicks = 5;
	expire = 30;
}};
saslserv {{
	nick = \"SaslServ\";
	user = \"SaslServ\";
	host = \"{services_name}\";
	real = \"SASL Authentication Agent\";
}};
general {{
	flood_msgs = 0;
	flood_time = 10;
	ratelimit_uses = 1000;
	ratelimit_period = 1;
	kline_time = 7;
	commit_interval = 5;
	uplink_sendq_limit = 1048576;
	language = \"en\";
	immune_level = immune;
}};
"
    ));
    text
}
