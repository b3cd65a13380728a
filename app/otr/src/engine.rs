//! The OTR engine: an [`OtrCore`] on its own thread, driven over a channel. Key generation's
//! slow step runs on short-lived worker threads and comes back to the OTR thread to finish.

use crate::core::OtrCore;
use crate::error::OtrError;
use crate::event_stream::OtrEvents;
use crate::events::OtrEvent;
use crate::keygen::PendingKey;
use crate::types::{
    Fingerprint, KnownFingerprint, OtrAccount, OtrSettings, PeerId, SessionState, Trust,
};
use messenger_protocol::OutgoingId;
use std::future::IntoFuture;
use std::path::PathBuf;
use std::pin::Pin;
use std::sync::mpsc;
use std::thread::JoinHandle;
use std::time::{Duration, Instant};
use tokio::sync::{mpsc as events, oneshot};

type ReplyTo<T> = oneshot::Sender<Result<T, OtrError>>;

enum Request {
    Send {
        peer: PeerId,
        id: OutgoingId,
        text: String,
    },
    Receive {
        peer: PeerId,
        body: String,
    },
    StartSession {
        peer: PeerId,
    },
    EndSession {
        peer: PeerId,
    },
    GenerateKey {
        account: OtrAccount,
    },
    SmpStart {
        peer: PeerId,
        question: Option<String>,
        secret: String,
        reply: ReplyTo<()>,
    },
    SmpRespond {
        peer: PeerId,
        secret: String,
        reply: ReplyTo<()>,
    },
    SmpAbort {
        peer: PeerId,
        reply: ReplyTo<()>,
    },
    OwnFingerprint {
        account: OtrAccount,
        reply: ReplyTo<Option<Fingerprint>>,
    },
    Fingerprints {
        peer: PeerId,
        reply: ReplyTo<Vec<KnownFingerprint>>,
    },
    SetTrust {
        peer: PeerId,
        fingerprint: Fingerprint,
        trust: Trust,
        reply: ReplyTo<()>,
    },
    Session {
        peer: PeerId,
        reply: ReplyTo<SessionState>,
    },
    ForgetAccount {
        account: OtrAccount,
        reply: ReplyTo<()>,
    },
    Settings {
        settings: Box<OtrSettings>,
    },
    KeyCalculated {
        account: OtrAccount,
        key: PendingKey,
        result: u32,
    },
    Shutdown,
}

/// The answer to a query: wait for it (`.wait()`, blocking) or `.await` it.
pub struct Reply<T>(oneshot::Receiver<Result<T, OtrError>>);

impl<T> Reply<T> {
    /// Blocks until the OTR thread answers. Do not call it inside an async runtime.
    pub fn wait(self) -> Result<T, OtrError> {
        self.0
            .blocking_recv()
            .unwrap_or(Err(OtrError::EngineStopped))
    }
}

impl<T: Send + 'static> IntoFuture for Reply<T> {
    type Output = Result<T, OtrError>;
    type IntoFuture = Pin<Box<dyn Future<Output = Self::Output> + Send>>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(async move { self.0.await.unwrap_or(Err(OtrError::EngineStopped)) })
    }
}

/// A profile's OTR engine (see the crate docs). Dropping it stops the OTR thread.
pub struct OtrEngine {
    requests: mpsc::Sender<Request>,
    thread: Option<JoinHandle<()>>,
}

impl OtrEngine {
    /// Opens the profile's OTR files in `dir` and starts the OTR thread. Events arrive, in
    /// order, on the returned receiver. A damaged profile file is an error (left untouched).
    pub fn start(
        dir: impl Into<PathBuf>,
        settings: OtrSettings,
    ) -> Result<(OtrEngine, OtrEvents), OtrError> {
        let dir = dir.into();
        let (requests, inbox) = mpsc::channel();
        let (events_out, events_in) = events::unbounded_channel();
        let (opened_tx, opened_rx) = std::sync::mpsc::channel();
        let worker_requests = requests.clone();
        let thread = std::thread::Builder::new()
            .name("otr".into())
            .spawn(move || match OtrCore::open(&dir, settings) {
                Ok(core) => {
                    let _ = opened_tx.send(Ok(()));
                    run(core, inbox, worker_requests, events_out);
                }
                Err(e) => {
                    let _ = opened_tx.send(Err(e));
                }
            })
            .map_err(OtrError::Thread)?;
        match opened_rx.recv() {
            Ok(Ok(())) => Ok((
                OtrEngine {
                    requests,
                    thread: Some(thread),
                },
                OtrEvents::new(events_in),
            )),
            Ok(Err(e)) => {
                let _ = thread.join();
                Err(e)
            }
            Err(_) => {
                let _ = thread.join();
                Err(OtrError::EngineStopped)
            }
        }
    }

    fn post(&self, request: Request) -> Result<(), OtrError> {
        self.requests
            .send(request)
            .map_err(|_| OtrError::EngineStopped)
    }

    fn ask<T>(&self, make: impl FnOnce(ReplyTo<T>) -> Request) -> Reply<T> {
        let (tx, rx) = oneshot::channel();
        // If the thread is gone, tx is dropped with the request and the reply says so.
        let _ = self.requests.send(make(tx));
        Reply(rx)
    }

    /// Sends a message the user typed. Results: `Inject` events (the wire bodies) then
    /// `Sent`, or `Queued` (held until private), or `NotSent`.
    pub fn send(
        &self,
        peer: PeerId,
        id: OutgoingId,
        text: impl Into<String>,
    ) -> Result<(), OtrError> {
        self.post(Request::Send {
            peer,
            id,
            text: text.into(),
        })
    }

    /// Hands over a body received from the network. Results: `Message` events to show,
    /// `Inject` events to answer, state and SMP events.
    pub fn receive(&self, peer: PeerId, body: impl Into<String>) -> Result<(), OtrError> {
        self.post(Request::Receive {
            peer,
            body: body.into(),
        })
    }

    /// Asks the peer for a private conversation.
    pub fn start_session(&self, peer: PeerId) -> Result<(), OtrError> {
        self.post(Request::StartSession { peer })
    }

    /// Ends the private conversation (the peer is told).
    pub fn end_session(&self, peer: PeerId) -> Result<(), OtrError> {
        self.post(Request::EndSession { peer })
    }

    /// Generates the account's private key now if it has none (otherwise it is generated on
    /// first use). Progress comes as `KeyGenerationStarted` then `KeyGenerated`.
    pub fn generate_key(&self, account: OtrAccount) -> Result<(), OtrError> {
        self.post(Request::GenerateKey { account })
    }

    /// Starts SMP with an optional question and the secret (or the question's answer).
    pub fn smp_start(
        &self,
        peer: PeerId,
        question: Option<String>,
        secret: impl Into<String>,
    ) -> Reply<()> {
        let secret = secret.into();
        self.ask(|reply| Request::SmpStart {
            peer,
            question,
            secret,
            reply,
        })
    }

    /// Answers the peer's SMP request.
    pub fn smp_respond(&self, peer: PeerId, secret: impl Into<String>) -> Reply<()> {
        let secret = secret.into();
        self.ask(|reply| Request::SmpRespond {
            peer,
            secret,
            reply,
        })
    }

    /// Aborts SMP.
    pub fn smp_abort(&self, peer: PeerId) -> Reply<()> {
        self.ask(|reply| Request::SmpAbort { peer, reply })
    }

    /// Our fingerprint for an account (`None` before its key exists).
    pub fn own_fingerprint(&self, account: OtrAccount) -> Reply<Option<Fingerprint>> {
        self.ask(|reply| Request::OwnFingerprint { account, reply })
    }

    /// The peer's known fingerprints with their trust.
    pub fn fingerprints(&self, peer: PeerId) -> Reply<Vec<KnownFingerprint>> {
        self.ask(|reply| Request::Fingerprints { peer, reply })
    }

    /// Marks a peer fingerprint verified (or not) after manual comparison.
    pub fn set_trust(&self, peer: PeerId, fingerprint: Fingerprint, trust: Trust) -> Reply<()> {
        self.ask(|reply| Request::SetTrust {
            peer,
            fingerprint,
            trust,
            reply,
        })
    }

    /// The conversation state with a peer.
    pub fn session(&self, peer: PeerId) -> Reply<SessionState> {
        self.ask(|reply| Request::Session { peer, reply })
    }

    /// Forgets an account's private key, instance tag and its contacts' fingerprints, in
    /// memory and in the profile files (see [`OtrCore::forget_account`]). Cannot be undone.
    pub fn forget_account(&self, account: OtrAccount) -> Reply<()> {
        self.ask(|reply| Request::ForgetAccount { account, reply })
    }

    /// Replaces the settings (policy) from now on.
    pub fn set_settings(&self, settings: OtrSettings) -> Result<(), OtrError> {
        self.post(Request::Settings {
            settings: Box::new(settings),
        })
    }
}

impl Drop for OtrEngine {
    fn drop(&mut self) {
        let _ = self.requests.send(Request::Shutdown);
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// Requests handled per wake-up of the OTR thread at most, before its events go out.
const BATCH: usize = 64;

/// The OTR thread's loop.
fn run(
    mut core: OtrCore,
    inbox: mpsc::Receiver<Request>,
    worker_requests: mpsc::Sender<Request>,
    events_out: events::UnboundedSender<Vec<OtrEvent>>,
) {
    let mut workers: Vec<JoinHandle<()>> = Vec::new();
    loop {
        let wait = core
            .next_deadline()
            .map(|d| d.saturating_duration_since(Instant::now()))
            .unwrap_or(Duration::from_secs(3600));
        match inbox.recv_timeout(wait) {
            Ok(Request::Shutdown) | Err(mpsc::RecvTimeoutError::Disconnected) => break,
            Ok(request) => handle(&mut core, request),
            Err(mpsc::RecvTimeoutError::Timeout) => {}
        }
        // Take what else is already waiting before the per-wake work below (clock, timers,
        // key generations, handing events over): under load that work is paid once per
        // batch, not once per message. The batch is bounded so events keep flowing.
        let mut stop = false;
        for _ in 0..BATCH {
            match inbox.try_recv() {
                Ok(Request::Shutdown) | Err(mpsc::TryRecvError::Disconnected) => {
                    stop = true;
                    break;
                }
                Ok(request) => handle(&mut core, request),
                Err(mpsc::TryRecvError::Empty) => break,
            }
        }
        core.tick(Instant::now());
        for (account, key) in core.take_key_calculations() {
            let back = worker_requests.clone();
            let spawned = std::thread::Builder::new()
                .name("otr-keygen".into())
                .spawn(move || {
                    let result = key.calculate();
                    let _ = back.send(Request::KeyCalculated {
                        account,
                        key,
                        result,
                    });
                });
            match spawned {
                Ok(handle) => workers.push(handle),
                // No thread: the request went down with the closure; nothing to finish.
                Err(_) => core.emit(OtrEvent::FileError {
                    reason: "could not start key generation".into(),
                }),
            }
        }
        workers.retain(|w| !w.is_finished());
        let batch = core.take_events();
        if !batch.is_empty() {
            // The receiver may be gone (the app is closing); nothing else to do then.
            let _ = events_out.send(batch);
        }
        if stop {
            break;
        }
    }
    // Wait for running key generations, then give their keys back to libotr to free.
    for worker in workers {
        let _ = worker.join();
    }
    while let Ok(request) = inbox.try_recv() {
        if let Request::KeyCalculated { account, key, .. } = request {
            core.cancel_key_generation(&account, key);
        }
    }
}

fn handle(core: &mut OtrCore, request: Request) {
    match request {
        Request::Send { peer, id, text } => core.send(&peer, id, text),
        Request::Receive { peer, body } => core.receive(&peer, body),
        Request::StartSession { peer } => core.start_session(&peer),
        Request::EndSession { peer } => core.end_session(&peer),
        Request::GenerateKey { account } => core.start_key_generation(&account),
        Request::SmpStart {
            peer,
            question,
            secret,
            reply,
        } => {
            let _ = reply.send(core.smp_start(&peer, question.as_deref(), &secret));
        }
        Request::SmpRespond {
            peer,
            secret,
            reply,
        } => {
            let _ = reply.send(core.smp_respond(&peer, &secret));
        }
        Request::SmpAbort { peer, reply } => {
            let _ = reply.send(core.smp_abort(&peer));
        }
        Request::OwnFingerprint { account, reply } => {
            let _ = reply.send(Ok(core.own_fingerprint(&account)));
        }
        Request::Fingerprints { peer, reply } => {
            let _ = reply.send(Ok(core.fingerprints(&peer)));
        }
        Request::SetTrust {
            peer,
            fingerprint,
            trust,
            reply,
        } => {
            let _ = reply.send(core.set_trust(&peer, fingerprint, trust));
        }
        Request::Session { peer, reply } => {
            let _ = reply.send(Ok(core.session_state(&peer)));
        }
        Request::ForgetAccount { account, reply } => {
            let _ = reply.send(core.forget_account(&account));
        }
        Request::Settings { settings } => *core.settings() = *settings,
        Request::KeyCalculated {
            account,
            key,
            result,
        } => core.finish_key_generation(&account, key, result),
        Request::Shutdown => {}
    }
}
