//! What the user asks of OTR in one conversation, carried out.

use crate::Session;
use messenger_chat::{ConversationId, Model, OtrRequest};
use messenger_otr::Trust;
use messenger_protocol::Conversation;

impl Session {
    /// Carries out `request` in `conversation` (private conversations only; rooms have no
    /// OTR). Returns whether the engine took it.
    pub fn otr_request(
        &mut self,
        model: &mut Model,
        conversation: ConversationId,
        request: OtrRequest,
    ) -> bool {
        let Some(state) = model.conversation(conversation) else {
            return false;
        };
        let Conversation::Direct(name) = &state.target else {
            return false;
        };
        let (Some(peer), Some(otr)) = (self.peer(state.account, name), &self.otr) else {
            return false;
        };
        let result = match request {
            OtrRequest::Start | OtrRequest::Refresh => otr.start_session(peer).is_ok(),
            OtrRequest::End => otr.end_session(peer).is_ok(),
            OtrRequest::AskQuestion { question, answer } => {
                otr.smp_start(peer, Some(question), answer).wait().is_ok()
            }
            OtrRequest::SharedSecret { secret } => otr.smp_start(peer, None, secret).wait().is_ok(),
            OtrRequest::Respond { answer } => otr.smp_respond(peer, answer).wait().is_ok(),
            OtrRequest::AbortVerification => otr.smp_abort(peer).wait().is_ok(),
            OtrRequest::TrustFingerprint => match self.fingerprints.get(&peer) {
                Some(fingerprint) => otr
                    .set_trust(peer.clone(), *fingerprint, Trust::Verified)
                    .wait()
                    .is_ok(),
                None => false,
            },
        };
        if let Some(detail) = model
            .conversation_mut(conversation)
            .map(|c| &mut c.otr_detail)
        {
            detail.peer_asked = false;
            if !result {
                detail.progress = None;
            }
        }
        result
    }
}
