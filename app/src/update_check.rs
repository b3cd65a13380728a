//! "Check for updates" in the messenger: the same check as the launcher's `check-update`
//! (`messenger_update::check_for_update`: signed manifest fetched through tor's SOCKS port,
//! release keys, platform, channel and manifest address built in by
//! `messenger_update::built_in`, rollback state in the profile's `update-state.json`, the file the
//! launcher uses, so rollback protection is shared). It never downloads or installs.
//!
//! Checks run on the session's tokio runtime; the result comes back over a channel and
//! wakes the window. A periodic check (a setting, off by default) runs at most once a day
//! while the messenger runs.

use messenger_net::{Isolation, TlsTrust, TorSocks};
use messenger_ui::{UpdateRefusal, UpdateStatus};
use messenger_update::{
    Accepted, CheckError, Fetcher, TrustedKeys, UpdateError, UpdateSettings, Verdict, VerifyError,
};
use std::path::Path;
use std::sync::mpsc::{Receiver, Sender};
use std::time::{Duration, Instant};

pub(crate) use messenger_update::built_in::{CHANNEL, PLATFORM};

/// The profile file the launcher's `check-update` keeps its rollback state in.
pub(crate) const STATE_FILE: &str = "update-state.json";
/// Time between periodic checks.
pub(crate) const PERIOD: Duration = Duration::from_secs(24 * 60 * 60);

/// The release keys built into this build (`messenger_update::built_in`, the launcher's
/// too). A broken key file is a broken build: said on stderr, and checks are then off.
pub(crate) fn release_keys() -> TrustedKeys {
    messenger_update::built_in::release_keys().unwrap_or_else(|error| {
        eprintln!("tor-messenger: update checks are off: {error}");
        TrustedKeys::empty()
    })
}

/// Runs update checks and reports their results to the window.
pub(crate) struct UpdateChecker {
    /// Where to check; `None` when this build has no manifest address or no key.
    settings: Option<UpdateSettings>,
    socks: TorSocks,
    trust: TlsTrust,
    runtime: Option<tokio::runtime::Handle>,
    results: Receiver<(UpdateStatus, bool)>,
    sender: Sender<(UpdateStatus, bool)>,
    running: bool,
    /// When the next periodic check is due.
    next_periodic: Instant,
}

impl UpdateChecker {
    /// A checker for the profile in `profile_dir`. `manifest_url` overrides the built-in
    /// address (the launcher's `--manifest-url`); without either, checks are not possible.
    pub(crate) fn new(
        manifest_url: Option<String>,
        keys: TrustedKeys,
        profile_dir: &Path,
        bundle_dir: &Path,
        socks: TorSocks,
        trust: TlsTrust,
        runtime: Option<tokio::runtime::Handle>,
    ) -> UpdateChecker {
        let manifest_url =
            manifest_url.or_else(|| messenger_update::built_in::MANIFEST_URL.map(str::to_owned));
        let has_keys = keys.ids().next().is_some();
        let settings = manifest_url
            .filter(|_| has_keys)
            .map(|manifest_url| UpdateSettings {
                manifest_url,
                keys,
                state_path: profile_dir.join(STATE_FILE),
                // Never written: the messenger only checks; downloading is the launcher's.
                downloads: bundle_dir.join("Downloads"),
                current_version: env!("CARGO_PKG_VERSION").to_owned(),
                platform: PLATFORM.to_owned(),
                channel: CHANNEL.to_owned(),
            });
        let (sender, results) = std::sync::mpsc::channel();
        UpdateChecker {
            settings,
            socks,
            trust,
            runtime,
            results,
            sender,
            running: false,
            next_periodic: Instant::now(),
        }
    }

    /// Whether checks are possible in this build.
    pub(crate) fn is_configured(&self) -> bool {
        self.settings.is_some() && self.runtime.is_some()
    }

    /// Starts a check; `asked` says whether the user asked (else it is the periodic one).
    /// `wake` is called when the result is ready.
    pub(crate) fn start(&mut self, asked: bool, wake: impl Fn() + Send + 'static) {
        let (Some(settings), Some(runtime)) = (self.settings.clone(), self.runtime.as_ref()) else {
            let _ = self.sender.send((UpdateStatus::NotConfigured, asked));
            wake();
            return;
        };
        if self.running {
            return;
        }
        self.running = true;
        let sender = self.sender.clone();
        let socks = self.socks;
        let trust = self.trust.clone();
        runtime.spawn(async move {
            let status = match Isolation::random() {
                // A circuit of its own: update checks are not linked to any chat account.
                Ok(isolation) => {
                    let fetcher = Fetcher::new(socks, isolation, trust);
                    let result = messenger_update::check_for_update(
                        &fetcher,
                        &settings,
                        time::OffsetDateTime::now_utc(),
                    )
                    .await;
                    status_of(result, &settings.current_version)
                }
                Err(error) => UpdateStatus::Refused(UpdateRefusal::Other {
                    detail: error.to_string(),
                }),
            };
            let _ = sender.send((status, asked));
            wake();
        });
    }

    /// The results that arrived since the last call.
    pub(crate) fn results(&mut self) -> Vec<(UpdateStatus, bool)> {
        let results: Vec<_> = self.results.try_iter().collect();
        if !results.is_empty() {
            self.running = false;
        }
        results
    }

    /// Starts the periodic check if it is on and due (tor must be ready); returns how long
    /// until it is due next, for a single delayed repaint (no repaint loop).
    pub(crate) fn tick(
        &mut self,
        enabled: bool,
        tor_ready: bool,
        now: Instant,
        wake: impl Fn() + Send + 'static,
    ) -> Option<Duration> {
        if !enabled || !self.is_configured() {
            // Turning it on later checks at once (once tor is ready).
            self.next_periodic = now;
            return None;
        }
        if now < self.next_periodic {
            return Some(self.next_periodic - now);
        }
        if !tor_ready || self.running {
            return None;
        }
        self.next_periodic = now + PERIOD;
        self.start(false, wake);
        Some(PERIOD)
    }
}

/// What the user is told about a check's result: the launcher's verdicts, and each
/// refusal by name.
pub(crate) fn status_of(
    result: Result<Accepted, UpdateError>,
    current_version: &str,
) -> UpdateStatus {
    match result {
        Ok(accepted) => match accepted.verdict {
            Verdict::UpToDate { latest } => UpdateStatus::UpToDate {
                current: current_version.to_owned(),
                latest,
            },
            Verdict::Available(release) => UpdateStatus::Available {
                version: release.version,
                size: release.size,
            },
        },
        Err(UpdateError::Check(error)) => UpdateStatus::Refused(refusal(error)),
        Err(UpdateError::Fetch(error)) => UpdateStatus::Refused(UpdateRefusal::Unreachable {
            detail: error.to_string(),
        }),
        Err(UpdateError::State(error)) => UpdateStatus::Refused(UpdateRefusal::StateFile {
            detail: error.to_string(),
        }),
        Err(other) => UpdateStatus::Refused(UpdateRefusal::Other {
            detail: other.to_string(),
        }),
    }
}

fn refusal(error: CheckError) -> UpdateRefusal {
    match error {
        CheckError::TooLarge => UpdateRefusal::TooLarge,
        CheckError::Signature(VerifyError::UnknownKey { key_id }) => {
            UpdateRefusal::UnknownKey { key_id }
        }
        CheckError::Signature(_) => UpdateRefusal::BadSignature,
        CheckError::Malformed(_) => UpdateRefusal::Malformed,
        CheckError::WrongSoftware { .. } => UpdateRefusal::WrongSoftware,
        CheckError::Expired { expires } => UpdateRefusal::Expired { expires },
        CheckError::RollbackSequence { seen, got } => UpdateRefusal::RollbackSequence { seen, got },
        CheckError::ConflictingManifest => UpdateRefusal::Conflicting,
        CheckError::RollbackVersion { seen, got } => UpdateRefusal::RollbackVersion { seen, got },
        CheckError::WrongPlatform { .. } => UpdateRefusal::WrongPlatform,
        other => UpdateRefusal::Other {
            detail: other.to_string(),
        },
    }
}

#[cfg(test)]
mod tests;
