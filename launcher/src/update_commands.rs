//! `verify`, `check-update` and `download`: the user's manual and verified update path.
//!
//! Nothing here installs anything. A download is kept only after its size, SHA-256 and
//! signature check out; the user unpacks it by hand.

use std::path::Path;

use messenger_net::{Isolation, TlsTrust, TorSocks};
use messenger_update::{
    DownloadOutcome, Fetcher, SumsOutcome, TrustedKeys, UpdateSettings, Verdict,
};

use crate::bundle::Bundle;
use crate::cli::{UpdateArgs, VerifyArgs};
use crate::error::LaunchError;
use crate::output::to_stdout;

pub use messenger_update::built_in::{CHANNEL, MANIFEST_URL as BUILT_IN_MANIFEST_URL, PLATFORM};

/// The release keys: those in `dir` when given, else the ones built into this launcher.
pub fn release_keys(dir: Option<&Path>) -> Result<TrustedKeys, LaunchError> {
    if let Some(dir) = dir {
        return Ok(TrustedKeys::load_dir(dir)?);
    }
    let keys = messenger_update::built_in::release_keys()?;
    if keys.ids().next().is_none() {
        return Err(LaunchError::NoBuiltInKeys);
    }
    Ok(keys)
}

/// `verify FILE [--sig SIG] [--keys DIR] [--sums]`.
pub fn verify(args: &VerifyArgs) -> Result<i32, LaunchError> {
    let keys = release_keys(args.keys.as_deref())?;
    let verified = messenger_update::verify_file(&args.file, args.sig.as_deref(), &keys)?;
    to_stdout(&format!(
        "Good signature: {} is signed by release key {} ({} bytes checked).",
        args.file.display(),
        verified.key_id,
        verified.bytes
    ));
    to_stdout(&format!("Signed comment: {}", verified.trusted_comment));
    if !args.sums {
        return Ok(0);
    }
    let outcomes = messenger_update::check_sums(&args.file)?;
    let mut bad = 0;
    for outcome in &outcomes {
        let line = match outcome {
            SumsOutcome::Good(name) => format!("OK       {name}"),
            SumsOutcome::Mismatch(name) => {
                bad += 1;
                format!("CHANGED  {name}  (not the released file: do not use it)")
            }
            SumsOutcome::Missing(name) => {
                bad += 1;
                format!("MISSING  {name}")
            }
        };
        to_stdout(&line);
    }
    if bad > 0 {
        return Err(LaunchError::SumsMismatch {
            bad,
            total: outcomes.len(),
        });
    }
    to_stdout(&format!("All {} listed files check out.", outcomes.len()));
    Ok(0)
}

/// `check-update`: says whether a newer release exists; never downloads.
pub fn check_update(
    args: &UpdateArgs,
    data_dir: &Path,
    bundle: &Bundle,
) -> Result<i32, LaunchError> {
    let (fetcher, settings) = prepare(args, data_dir, bundle)?;
    let accepted = block_on(messenger_update::check_for_update(
        &fetcher,
        &settings,
        time::OffsetDateTime::now_utc(),
    ))??;
    match accepted.verdict {
        Verdict::UpToDate { latest } => to_stdout(&format!(
            "Up to date: you run {}, the latest release is {latest} (manifest signed by key {}).",
            settings.current_version, accepted.signed_by
        )),
        Verdict::Available(release) => to_stdout(&format!(
            "Version {} is available ({} bytes, signed manifest by key {}). Nothing was \
             downloaded; run `tor-messenger-launcher download` to fetch and verify it.",
            release.version, release.size, accepted.signed_by
        )),
    }
    Ok(0)
}

/// `download`: fetches the newer release and keeps it only if it verifies.
pub fn download(args: &UpdateArgs, data_dir: &Path, bundle: &Bundle) -> Result<i32, LaunchError> {
    let (fetcher, settings) = prepare(args, data_dir, bundle)?;
    let outcome = block_on(messenger_update::download_update(
        &fetcher,
        &settings,
        time::OffsetDateTime::now_utc(),
    ))??;
    match outcome {
        DownloadOutcome::UpToDate { latest } => {
            to_stdout(&format!("Up to date ({latest}); nothing to download."))
        }
        DownloadOutcome::Kept(kept) => {
            to_stdout(&format!(
                "Downloaded and verified (size, SHA-256, signature by key {}):\n  {}\n  {}",
                kept.signed_by,
                kept.path.display(),
                kept.signature_path.display()
            ));
            to_stdout(
                "Next step, by hand: quit Tor Messenger, unpack the new bundle into a new \
                 folder, and move your Data/ folder into it if you want to keep your accounts \
                 and OTR keys. Nothing was installed.",
            );
        }
    }
    Ok(0)
}

fn prepare(
    args: &UpdateArgs,
    data_dir: &Path,
    bundle: &Bundle,
) -> Result<(Fetcher, UpdateSettings), LaunchError> {
    let manifest_url = args
        .manifest_url
        .clone()
        .or_else(|| BUILT_IN_MANIFEST_URL.map(str::to_owned))
        .ok_or(LaunchError::NoManifestUrl)?;
    let keys = release_keys(args.keys.as_deref())?;
    let certs = args
        .certs
        .clone()
        .unwrap_or_else(|| bundle.dir().join("certs"));
    let trust = TlsTrust::load(&certs).map_err(|error| LaunchError::Certs {
        path: certs.clone(),
        reason: error.to_string(),
    })?;
    // A circuit of its own: update checks are not linked to any chat account.
    let isolation =
        Isolation::random().map_err(|error| LaunchError::NoRandomness(error.to_string()))?;
    let fetcher = Fetcher::new(TorSocks::localhost(args.socks_port), isolation, trust);
    let settings = UpdateSettings {
        manifest_url,
        keys,
        state_path: data_dir.join("update-state.json"),
        downloads: bundle.dir().join("Downloads"),
        current_version: env!("CARGO_PKG_VERSION").to_owned(),
        platform: PLATFORM.to_owned(),
        channel: CHANNEL.to_owned(),
    };
    Ok((fetcher, settings))
}

fn block_on<F: std::future::Future>(future: F) -> Result<F::Output, LaunchError> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(LaunchError::Runtime)?;
    Ok(runtime.block_on(future))
}
