//! Identity keys made at run time: authority certificates with `tor-gencert` (they expire, so
//! none is committed) and relay fingerprints with `tor --list-fingerprint`.

use std::path::Path;
use std::process::Command;
use std::time::Duration;

use crate::HarnessError;
use crate::process::run_command;

const COMMAND_LIMIT: Duration = Duration::from_secs(60);

/// What clients and relays must know of an authority.
#[derive(Debug, Clone)]
pub(crate) struct AuthorityIdentity {
    /// The relay identity fingerprint (hex).
    pub(crate) fingerprint: String,
    /// The v3 directory identity (hex, from its tor-gencert certificate).
    pub(crate) v3_identity: String,
}

/// Reads an authority's identity from the files in its data directory.
pub(crate) fn read_authority_identity(data_dir: &Path) -> Option<AuthorityIdentity> {
    let certificate =
        std::fs::read_to_string(data_dir.join("keys").join("authority_certificate")).ok()?;
    let v3_identity = certificate
        .lines()
        .find_map(|line| line.strip_prefix("fingerprint "))?
        .trim()
        .to_owned();
    // The file holds "nickname FINGERPRINT".
    let fingerprint = std::fs::read_to_string(data_dir.join("fingerprint"))
        .ok()?
        .split_whitespace()
        .nth(1)?
        .to_owned();
    Some(AuthorityIdentity {
        fingerprint,
        v3_identity,
    })
}

/// Makes an authority's identity key, signing key and certificate in `data_dir/keys` and
/// returns the v3 identity fingerprint (hex).
pub(crate) fn generate_authority_keys(
    component: &str,
    tor_gencert: &Path,
    data_dir: &Path,
    dir_port: u16,
) -> Result<String, HarnessError> {
    let keys = data_dir.join("keys");
    std::fs::create_dir_all(&keys)
        .map_err(|e| HarnessError::io(component, format!("creating {}", keys.display()), e))?;
    run_tor_gencert(
        component,
        tor_gencert,
        &keys,
        dir_port,
        "--create-identity-key",
    )?;
    let certificate = std::fs::read_to_string(keys.join("authority_certificate"))
        .map_err(|e| HarnessError::io(component, "reading the authority certificate", e))?;
    certificate
        .lines()
        .find_map(|line| line.strip_prefix("fingerprint "))
        .map(|fingerprint| fingerprint.trim().to_owned())
        .ok_or_else(|| HarnessError::Protocol {
            component: component.to_owned(),
            port: None,
            message: "tor-gencert wrote a certificate without a fingerprint line".to_owned(),
        })
}

/// Signs a new certificate for existing authority keys with this run's DirPort (the
/// certificate carries the address, and tor prefers it to the `DirAuthority` line), reusing
/// the identity and signing keys, which is fast.
pub(crate) fn recertify_authority(
    component: &str,
    tor_gencert: &Path,
    data_dir: &Path,
    dir_port: u16,
) -> Result<(), HarnessError> {
    run_tor_gencert(
        component,
        tor_gencert,
        &data_dir.join("keys"),
        dir_port,
        "--reuse",
    )
}

fn run_tor_gencert(
    component: &str,
    tor_gencert: &Path,
    keys: &Path,
    dir_port: u16,
    mode: &str,
) -> Result<(), HarnessError> {
    let mut command = Command::new(tor_gencert);
    command
        .arg(mode)
        .args(["-m", "12"])
        .args(["-a", &format!("127.0.0.1:{dir_port}")])
        .arg("-i")
        .arg(keys.join("authority_identity_key"))
        .arg("-s")
        .arg(keys.join("authority_signing_key"))
        .arg("-c")
        .arg(keys.join("authority_certificate"))
        .args(["--passphrase-fd", "0"]);
    // An empty passphrase: the keys are test keys on a loopback network.
    run_command(component, command, Some(b"\n"), COMMAND_LIMIT)?;
    Ok(())
}

/// Makes a relay's identity keys in `data_dir` and returns its fingerprint (hex, no spaces).
pub(crate) fn generate_relay_fingerprint(
    component: &str,
    tor: &Path,
    data_dir: &Path,
    nickname: &str,
    empty_file: &Path,
) -> Result<String, HarnessError> {
    let mut command = Command::new(tor);
    command
        .args(["--list-fingerprint", "--hush"])
        .arg("--defaults-torrc")
        .arg(empty_file)
        .arg("-f")
        .arg(empty_file)
        .arg("--DataDirectory")
        .arg(data_dir)
        .args(["--Nickname", nickname, "--ORPort", "1"])
        // Any DirAuthority line keeps tor from needing the public ones.
        .args([
            "--DirAuthority",
            "placeholder 127.0.0.1:1 ffffffffffffffffffffffffffffffffffffffff",
        ])
        .arg("--GeoIPFile")
        .arg(empty_file)
        .arg("--GeoIPv6File")
        .arg(empty_file);
    run_command(component, command, None, COMMAND_LIMIT)?;
    let fingerprint = std::fs::read_to_string(data_dir.join("fingerprint"))
        .map_err(|e| HarnessError::io(component, "reading the relay fingerprint", e))?;
    // The file holds "nickname FINGERPRINT".
    fingerprint
        .split_whitespace()
        .nth(1)
        .map(str::to_owned)
        .ok_or_else(|| HarnessError::Protocol {
            component: component.to_owned(),
            port: None,
            message: format!("unexpected fingerprint file: {fingerprint:?}"),
        })
}
