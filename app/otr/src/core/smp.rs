//! The Socialist Millionaires' Protocol: verifying a peer in a private conversation by a
//! secret both know (optionally asked as a question). Its progress comes back as events.

use super::OtrCore;
use crate::error::OtrError;
use crate::events::{OtrEvent, SmpEvent};
use crate::ffi::c_string;
use crate::types::PeerId;
use libotr_sys::*;

impl OtrCore {
    fn smp_context(&self, peer: &PeerId) -> Result<*mut ConnContext, OtrError> {
        let context = self.best_context(peer);
        // SAFETY: a live context when non-null.
        if context.is_null() || unsafe { (*context).msgstate } != OTRL_MSGSTATE_ENCRYPTED {
            return Err(OtrError::NotPrivate);
        }
        Ok(context)
    }

    /// Starts SMP: with a question (the peer must answer it) or a shared secret.
    pub fn smp_start(
        &mut self,
        peer: &PeerId,
        question: Option<&str>,
        secret: &str,
    ) -> Result<(), OtrError> {
        let context = self.smp_context(peer)?;
        match question {
            Some(question) => {
                let question = c_string(question).ok_or(OtrError::InvalidName)?;
                // SAFETY: live encrypted context; valid buffers.
                unsafe {
                    otrl_message_initiate_smp_q(
                        self.us,
                        self.ops(),
                        self.opdata(),
                        context,
                        question.as_ptr(),
                        secret.as_ptr(),
                        secret.len(),
                    )
                }
            }
            // SAFETY: as above.
            None => unsafe {
                otrl_message_initiate_smp(
                    self.us,
                    self.ops(),
                    self.opdata(),
                    context,
                    secret.as_ptr(),
                    secret.len(),
                )
            },
        }
        self.emit(OtrEvent::Smp {
            peer: peer.clone(),
            event: SmpEvent::InProgress { percent: 20 },
        });
        self.after_call();
        Ok(())
    }

    /// Answers the peer's SMP request.
    pub fn smp_respond(&mut self, peer: &PeerId, secret: &str) -> Result<(), OtrError> {
        let context = self.smp_context(peer)?;
        // SAFETY: live encrypted context; valid buffer.
        unsafe {
            otrl_message_respond_smp(
                self.us,
                self.ops(),
                self.opdata(),
                context,
                secret.as_ptr(),
                secret.len(),
            )
        };
        self.after_call();
        Ok(())
    }

    /// Aborts SMP (the peer is told).
    pub fn smp_abort(&mut self, peer: &PeerId) -> Result<(), OtrError> {
        let context = self.smp_context(peer)?;
        // SAFETY: live encrypted context.
        unsafe { otrl_message_abort_smp(self.us, self.ops(), self.opdata(), context) };
        self.emit(OtrEvent::Smp {
            peer: peer.clone(),
            event: SmpEvent::Aborted,
        });
        self.after_call();
        Ok(())
    }
}
