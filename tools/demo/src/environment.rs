//! Starts and holds every component of the demo; dropping it stops them all.

use crate::profile::{self, DemoPaths, DemoServers, Look};
use crate::{
    BOT_NICK, BOT_SECRET, DEMO_CHANNEL, DEMO_USER, DEMO_XMPP_PASSWORD, DemoError, OtrBot, XmppLogin,
};
use harness::{Ngircd, Prosody, TorNetwork};
use std::time::{Duration, Instant};

/// How the demo folder looks.
#[derive(Debug, Clone, Copy)]
pub struct DemoOptions {
    /// First screen and theme of the demo profile.
    pub look: Look,
}

/// The running demo: private Tor network, ngircd, prosody, the OTR bot and the demo folder.
/// Dropping it stops the bot, then the servers, then the network, then removes the folder.
pub struct DemoEnvironment {
    // Fields drop in this order.
    bot: OtrBot,
    prosody: Prosody,
    ngircd: Ngircd,
    network: TorNetwork,
    paths: DemoPaths,
    started_in: Duration,
    dir: tempfile::TempDir,
}

impl DemoEnvironment {
    /// Starts everything; `progress` is told each step as it completes. The Tor network
    /// (the slowest part, about 5 to 8 s) starts in a thread while the servers and the bot
    /// start here.
    pub fn start(
        options: DemoOptions,
        mut progress: impl FnMut(&str),
    ) -> Result<DemoEnvironment, DemoError> {
        let started = Instant::now();
        let dir = tempfile::Builder::new()
            .prefix("tor-messenger-demo-")
            .tempdir()
            .map_err(|source| DemoError::Write {
                path: std::env::temp_dir(),
                source,
            })?;
        std::thread::scope(|scope| {
            let network = scope.spawn(TorNetwork::start);
            let servers = (|| {
                let ngircd = Ngircd::start_with_tls()?;
                progress(&format!(
                    "ngircd (IRC) is up: irc.test, TLS port {}",
                    ngircd.tls_port().unwrap_or_default()
                ));
                let prosody = Prosody::start(&[
                    (DEMO_USER, DEMO_XMPP_PASSWORD),
                    (BOT_NICK, DEMO_XMPP_PASSWORD),
                ])?;
                progress(&format!(
                    "prosody (XMPP) is up: xmpp.test, port {}",
                    prosody.c2s_port()
                ));
                let xmpp = XmppLogin {
                    port: prosody.c2s_port(),
                    password: DEMO_XMPP_PASSWORD.to_owned(),
                    certificate: prosody.cert_pem_path().to_path_buf(),
                };
                let bot = OtrBot::start(
                    ngircd.port(),
                    BOT_NICK,
                    DEMO_CHANNEL,
                    BOT_SECRET,
                    Some(&xmpp),
                    &dir.path().join("bot.log"),
                )?;
                progress(&format!(
                    "the OTR bot (python3-potr) is '{BOT_NICK}' in {DEMO_CHANNEL} and {BOT_NICK}@xmpp.test; its fingerprint: {}",
                    bot.fingerprint()
                ));
                Ok::<_, DemoError>((ngircd, prosody, bot))
            })();
            // The thread's own errors are returned; a panic in it is re-raised here.
            let network = match network.join() {
                Ok(network) => network,
                Err(panic) => std::panic::resume_unwind(panic),
            };
            let (ngircd, prosody, bot) = servers?;
            let network = network?;
            progress(&format!(
                "the private Tor network is up (3 authorities, 2 relays) after {:.1} s",
                network.ready_after().as_secs_f64()
            ));
            let servers = DemoServers {
                irc_tls_port: ngircd.tls_port().unwrap_or_default(),
                irc_cert_sha256: ngircd.cert_sha256().unwrap_or_default(),
                xmpp_port: prosody.c2s_port(),
                xmpp_cert_sha256: prosody.cert_sha256(),
            };
            let paths =
                profile::write(dir.path(), &servers, &network.client_torrc(), options.look)?;
            Ok(DemoEnvironment {
                bot,
                prosody,
                ngircd,
                network,
                paths,
                started_in: started.elapsed(),
                dir,
            })
        })
    }

    /// The demo folder's paths (profile, certificates, torrc).
    pub fn paths(&self) -> &DemoPaths {
        &self.paths
    }

    /// The private Tor network (for a client of its own: `network().start_client()`).
    pub fn network(&self) -> &TorNetwork {
        &self.network
    }

    /// ngircd.
    pub fn ngircd(&self) -> &Ngircd {
        &self.ngircd
    }

    /// prosody.
    pub fn prosody(&self) -> &Prosody {
        &self.prosody
    }

    /// The OTR bot.
    pub fn bot(&mut self) -> &mut OtrBot {
        &mut self.bot
    }

    /// The bot's OTR fingerprint (40 lower-case hex digits).
    pub fn bot_fingerprint(&self) -> &str {
        self.bot.fingerprint()
    }

    /// How long starting took.
    pub fn started_in(&self) -> Duration {
        self.started_in
    }

    /// The folder holding the demo files (removed on drop).
    pub fn dir(&self) -> &std::path::Path {
        self.dir.path()
    }

    /// Every process the demo started: the network's tors, ngircd, prosody, the bot.
    pub fn pids(&self) -> Vec<u32> {
        let mut pids = self.network.pids();
        pids.extend([self.ngircd.pid(), self.prosody.pid(), self.bot.pid()]);
        pids
    }
}
