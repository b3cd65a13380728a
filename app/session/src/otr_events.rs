//! What the OTR engine reports, applied to the model and the protocols.

use crate::Session;
use crate::session::failed;
use messenger_chat::{
    AccountId, ConversationId, MessageFlags, Model, OtrDetail, OtrProgress, OtrStatus, Sender,
};
use messenger_otr::{MessageProblem, NotSentReason, OtrEvent, PeerId, SessionState, SmpEvent};
use messenger_protocol::{Conversation, Event, IncomingMessage, MessageKind};

impl Session {
    pub(crate) fn otr_event(&mut self, model: &mut Model, event: OtrEvent) {
        match event {
            // Wire bodies went straight to the protocol (see `routing`).
            OtrEvent::Inject { .. } => {}
            OtrEvent::Message {
                from,
                text,
                encrypted,
                ..
            } => {
                let Some(account) = self.account_of(&from.account) else {
                    return;
                };
                let (kind, text) = match text.strip_prefix("/me ") {
                    Some(action) => (MessageKind::Action, action.to_owned()),
                    None => (MessageKind::Normal, text),
                };
                let message = IncomingMessage {
                    from: from.peer.to_string(),
                    conversation: Conversation::Direct(from.peer.to_string()),
                    body: text,
                    kind,
                    received: std::time::SystemTime::now(),
                };
                model.apply(account, Event::Message(message), encrypted);
            }
            OtrEvent::Sent { id, to, .. } => {
                // The wire bodies injected for `to` since the last message carried this one.
                for (peer, owner) in self.in_flight.values_mut() {
                    if *peer == to && owner.is_none() {
                        *owner = Some(id);
                    }
                }
                if let Some(account) = self.account_of(&to.account) {
                    model.apply(account, Event::Sent { id }, false);
                }
            }
            OtrEvent::NotSent { id, to, reason } => {
                if let Some(account) = self.account_of(&to.account) {
                    model.apply(account, failed(id, not_sent(&reason).to_owned()), false);
                }
            }
            OtrEvent::Queued { .. } | OtrEvent::StillSecure { .. } => {}
            OtrEvent::SessionChanged { peer, state } => self.session_changed(model, peer, state),
            OtrEvent::NewFingerprint { peer, fingerprint } => {
                self.fingerprints.insert(peer.clone(), fingerprint);
                if let Some(detail) = detail_of(self, model, &peer) {
                    detail.unrecognized = true;
                    detail.peer_fingerprint = Some(fingerprint.human());
                }
            }
            OtrEvent::Smp { peer, event } => {
                if let Some(detail) = detail_of(self, model, &peer) {
                    smp(detail, event);
                }
            }
            OtrEvent::KeyGenerationStarted { account } => {
                self.each_private_conversation(model, &account, |detail| {
                    detail.progress = Some(OtrProgress::GeneratingKey);
                });
            }
            OtrEvent::KeyGenerated {
                account,
                fingerprint,
            } => {
                let human = fingerprint.human();
                self.each_private_conversation(model, &account, |detail| {
                    if detail.progress == Some(OtrProgress::GeneratingKey) {
                        detail.progress = None;
                    }
                    detail.own_fingerprint = Some(human.clone());
                });
            }
            OtrEvent::KeyGenerationFailed { account, reason } => {
                if let Some(id) = self.account_of(&account) {
                    model.apply(id, Event::Error(reason), false);
                }
            }
            OtrEvent::ReceiveProblem { from, problem } => {
                if let Some(note) = problem_note(&problem) {
                    note_once(self, model, &from, note);
                }
            }
            OtrEvent::PeerError { from, text } => {
                // The peer's words: plain text, cut short (a peer controls its length).
                let text: String = text.chars().take(200).collect();
                let note = format!("Your contact's OTR software reported an error: {text}");
                note_once(self, model, &from, &note);
            }
            // Not about one conversation; the engine keeps running.
            OtrEvent::FileError { .. } => {}
        }
    }

    fn session_changed(&mut self, model: &mut Model, peer: PeerId, state: SessionState) {
        let Some((_, id)) = conversation_of(self, model, &peer) else {
            return;
        };
        let (status, note) = match &state {
            SessionState::Plaintext => (OtrStatus::NotPrivate, "Private conversation ended."),
            SessionState::Encrypted { trust, .. } if trust.is_trusted() => (
                OtrStatus::Verified,
                "Private conversation started (verified).",
            ),
            SessionState::Encrypted { .. } => (
                OtrStatus::Unverified,
                "Private conversation started (not verified).",
            ),
            SessionState::Finished => (
                OtrStatus::Finished,
                "Your contact ended the private conversation.",
            ),
        };
        if let SessionState::Encrypted { fingerprint, .. } = &state {
            self.fingerprints.insert(peer.clone(), *fingerprint);
        }
        let own = match (&self.otr, &state) {
            (Some(otr), SessionState::Encrypted { .. }) => otr
                .own_fingerprint(peer.account.clone())
                .wait()
                .ok()
                .flatten()
                .map(|f| f.human()),
            _ => None,
        };
        model.set_otr_status(id, status, note);
        if let Some(detail) = model.conversation_mut(id).map(|c| &mut c.otr_detail) {
            if let SessionState::Encrypted { fingerprint, .. } = &state {
                detail.peer_fingerprint = Some(fingerprint.human());
            }
            if own.is_some() {
                detail.own_fingerprint = own;
            }
            if status == OtrStatus::Verified {
                detail.unrecognized = false;
            }
        }
    }

    fn each_private_conversation(
        &self,
        model: &mut Model,
        account: &messenger_otr::OtrAccount,
        mut change: impl FnMut(&mut OtrDetail),
    ) {
        let Some(account) = self.account_of(account) else {
            return;
        };
        let ids: Vec<ConversationId> = model
            .conversations()
            .filter(|(_, c)| c.account == account && matches!(c.target, Conversation::Direct(_)))
            .map(|(id, _)| id)
            .collect();
        for id in ids {
            if let Some(conversation) = model.conversation_mut(id) {
                change(&mut conversation.otr_detail);
            }
        }
    }
}

/// The model's conversation with `peer`, opened if needed.
fn conversation_of(
    session: &Session,
    model: &mut Model,
    peer: &PeerId,
) -> Option<(AccountId, ConversationId)> {
    let account = session.account_of(&peer.account)?;
    Some((
        account,
        model.open(account, Conversation::Direct(peer.peer.to_string())),
    ))
}

fn detail_of<'m>(
    session: &Session,
    model: &'m mut Model,
    peer: &PeerId,
) -> Option<&'m mut OtrDetail> {
    let (_, id) = conversation_of(session, model, peer)?;
    model.conversation_mut(id).map(|c| &mut c.otr_detail)
}

/// What the user is told about a message OTR could not accept (none for the harmless ones).
fn problem_note(problem: &MessageProblem) -> Option<&'static str> {
    Some(match problem {
        MessageProblem::EncryptedWhileNotPrivate => {
            "An encrypted message arrived outside a private conversation and could not be read."
        }
        MessageProblem::Unreadable => {
            "An encrypted message could not be read (damaged, or not meant for this conversation)."
        }
        MessageProblem::Malformed | MessageProblem::Unrecognized => {
            "A damaged OTR message arrived and was dropped."
        }
        MessageProblem::UnsupportedVersion => {
            "An OTR message of a protocol version this client does not use was dropped."
        }
        MessageProblem::SetupFailed => "The private conversation could not be set up.",
        // v3 traffic for another of the contact's clients, our own messages echoed back.
        MessageProblem::ForOtherInstance | MessageProblem::Reflected => return None,
    })
}

/// Adds a system note to the conversation with `peer`, unless it is already the last entry
/// (a burst of bad messages shows as one note, not a flood).
fn note_once(session: &Session, model: &mut Model, peer: &PeerId, note: &str) {
    let Some((_, id)) = conversation_of(session, model, peer) else {
        return;
    };
    let Some(conversation) = model.conversation_mut(id) else {
        return;
    };
    let log = &mut conversation.log;
    let repeated = log
        .len()
        .checked_sub(1)
        .and_then(|last| log.get(last))
        .is_some_and(|m| m.sender == Sender::System && m.text == note);
    if !repeated {
        log.push(
            Sender::System,
            note,
            std::time::SystemTime::now(),
            MessageKind::Notice,
            MessageFlags::default(),
        );
    }
}

fn smp(detail: &mut OtrDetail, event: SmpEvent) {
    match event {
        SmpEvent::AskedForSecret => {
            detail.peer_asked = true;
            detail.peer_question = None;
        }
        SmpEvent::AskedQuestion { question } => {
            detail.peer_asked = true;
            detail.peer_question = Some(question);
        }
        SmpEvent::InProgress { percent } => {
            // 1..=4 of 4 steps; the fallback is the last step.
            let step = u8::try_from(percent.min(100) / 25).unwrap_or(4).max(1);
            detail.progress = Some(OtrProgress::Verifying { step, of: 4 });
        }
        SmpEvent::Succeeded => {
            // Not `unrecognized = false` here: answering the peer's question proves who we
            // are to them, not who they are to us. When we verified them, libotr trusts the
            // key and the state change that follows clears the flag.
            detail.progress = Some(OtrProgress::VerificationDone { success: true });
        }
        SmpEvent::Failed | SmpEvent::Cheated => {
            detail.progress = Some(OtrProgress::VerificationDone { success: false });
        }
        SmpEvent::Aborted | SmpEvent::Error => {
            detail.progress = None;
            detail.peer_asked = false;
        }
    }
}

/// Why a message was not sent, in words for the user.
fn not_sent(reason: &NotSentReason) -> &'static str {
    match reason {
        NotSentReason::EncryptionNotEstablished => {
            "Not sent: the private conversation could not be started, and this contact requires encryption."
        }
        NotSentReason::PeerEndedSession => {
            "Not sent: your contact ended the private conversation. End it too, or start a new one."
        }
        NotSentReason::EncryptionFailed => "Not sent: encryption failed.",
        NotSentReason::InvalidText => "Not sent: the text contains a character OTR cannot carry.",
        NotSentReason::NoPrivateKey => "Not sent: your OTR key is not ready yet.",
    }
}
