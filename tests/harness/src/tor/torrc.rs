//! The torrc text of each role in the private network (docs/ARCHITECTURE.md section 11 lists why each
//! line is there).

use std::fmt::Write as _;
use std::path::Path;

/// What a relay does in the network.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum RelayRole {
    /// A directory authority that is also an exit relay.
    Authority,
    /// A plain relay (also an exit, so every relay carries the same flags).
    Relay,
}

/// The ports and identity of one relay.
#[derive(Debug, Clone)]
pub(crate) struct RelaySpec {
    /// Its nickname (`auth0`, `relay0`, ...).
    pub nickname: String,
    /// What it does.
    pub role: RelayRole,
    /// Its OR port on 127.0.0.1.
    pub or_port: u16,
    /// Its directory port on 127.0.0.1 (authorities only).
    pub dir_port: Option<u16>,
}

/// Lines shared by every tor of the network, the clients included.
pub(crate) fn network_lines(dir_authority_lines: &[String], empty_geoip: &Path) -> String {
    let mut text = String::from("TestingTorNetwork 1\nAssumeReachable 1\n");
    // Circuits on loopback build in milliseconds, so tor would learn a build timeout of a few
    // milliseconds; on a loaded CI machine builds then "time out", circuits are abandoned and
    // waiting streams fail with SOCKS "general failure". A fixed, generous timeout instead.
    text.push_str("LearnCircuitBuildTimeout 0\nCircuitBuildTimeout 30\n");
    for line in dir_authority_lines {
        text.push_str(line);
        text.push('\n');
    }
    // An empty GeoIP file saves about 60 MiB and a second of start-up per tor.
    let _ = writeln!(text, "GeoIPFile {}", empty_geoip.display());
    let _ = writeln!(text, "GeoIPv6File {}", empty_geoip.display());
    text
}

/// Lines every tor process the harness starts carries: where it keeps its state, where it
/// logs, and that it dies with the test process.
pub(crate) fn process_lines(data_dir: &Path) -> String {
    format!(
        "DataDirectory {}\n\
         Log notice stdout\n\
         ShutdownWaitLength 0\n\
         __OwningControllerProcess {}\n",
        data_dir.display(),
        std::process::id()
    )
}

/// The relay-specific part of a relay's or authority's torrc. `authority_fingerprints` are
/// the relay identities of all authorities (hex).
pub(crate) fn relay_lines(
    spec: &RelaySpec,
    resolv_conf: &Path,
    authority_fingerprints: &[String],
) -> String {
    let mut text = format!(
        "Nickname {nickname}\n\
         ContactInfo harness@{nickname}.invalid\n\
         Address 127.0.0.1\n\
         ORPort 127.0.0.1:{or_port}\n\
         SocksPort 0\n\
         ExitRelay 1\n\
         ExitPolicyRejectPrivate 0\n\
         ExitPolicy accept 127.0.0.0/8:*\n\
         ExitPolicy accept *:*\n\
         OutboundBindAddressExit 127.0.0.1\n\
         ServerDNSResolvConfFile {resolv}\n\
         ServerDNSDetectHijacking 0\n\
         ServerDNSTestAddresses\n",
        nickname = spec.nickname,
        or_port = spec.or_port,
        resolv = resolv_conf.display(),
    );
    match (spec.role, spec.dir_port) {
        (RelayRole::Authority, Some(dir_port)) => {
            let _ = write!(
                text,
                "DirPort 127.0.0.1:{dir_port}\n\
                 AuthoritativeDirectory 1\n\
                 V3AuthoritativeDirectory 1\n\
                 AuthDirVoteStableGuaranteeMinUptime 0\n\
                 AuthDirVoteStableGuaranteeMTBF 0\n\
                 V3AuthVotingInterval 10\n\
                 V3AuthVoteDelay 2\n\
                 V3AuthDistDelay 2\n\
                 TestingV3AuthInitialVotingInterval 5\n\
                 TestingV3AuthInitialVoteDelay 2\n\
                 TestingV3AuthInitialDistDelay 2\n"
            );
            // Flags that otherwise depend on bandwidth a fresh relay has barely observed:
            // on a loaded machine the slowest relay lost Fast, and the authorities Guard, for
            // a minute or more. A Fast threshold of 0 and Guard/HSDir voted for the
            // authorities (the directory caches) make the first complete consensus certain.
            let authorities = authority_fingerprints
                .iter()
                .map(|fingerprint| format!("${fingerprint}"))
                .collect::<Vec<_>>()
                .join(",");
            let _ = write!(
                text,
                "AuthDirFastGuarantee 1 bytes\n\
                 TestingDirAuthVoteGuard {authorities}\n\
                 TestingDirAuthVoteHSDir {authorities}\n"
            );
        }
        // A fresh directory cache answers 404 for a while and stalls clients for 10 s.
        _ => text.push_str("DirCache 0\n"),
    }
    text
}

/// The `DirAuthority` line clients and relays use to find one authority.
pub(crate) fn dir_authority_line(
    spec: &RelaySpec,
    dir_port: u16,
    v3_identity: &str,
    relay_fingerprint: &str,
) -> String {
    format!(
        "DirAuthority {nickname} orport={or_port} no-v2 v3ident={v3_identity} \
         127.0.0.1:{dir_port} {relay_fingerprint}",
        nickname = spec.nickname,
        or_port = spec.or_port,
    )
}
