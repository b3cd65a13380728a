//! The OTR bar of a private conversation: a lock with the state in words and colour, the
//! start/refresh/end buttons, the "unrecognized computer" nudge, progress (key generation,
//! identity check), the contact's own verification request, and "require encryption" for
//! this contact. Rooms get one line saying they are never private.

use crate::action::{Action, OtrRequest};
use crate::i18n::{Arg, Localizer};
use crate::layout::mirror;
use crate::view_context::ViewContext;
use crate::widgets::{caution, good};
use messenger_chat::{ConversationId, Model, OtrDetail, OtrProgress, OtrStatus};
use messenger_protocol::Conversation;

/// Words, explanation and colour of each state, and whether the lock is shut.
fn describe(status: OtrStatus, ui: &egui::Ui) -> (&'static str, &'static str, egui::Color32, bool) {
    match status {
        OtrStatus::NotPrivate => (
            "otr-not-private",
            "otr-explain-not-private",
            ui.visuals().error_fg_color,
            false,
        ),
        OtrStatus::Unverified => (
            "otr-unverified",
            "otr-explain-unverified",
            caution(ui),
            true,
        ),
        OtrStatus::Verified => ("otr-verified", "otr-explain-verified", good(ui), true),
        OtrStatus::Finished => (
            "otr-finished",
            "otr-explain-finished",
            ui.visuals().weak_text_color(),
            false,
        ),
    }
}

/// The OTR bar; it owns the answer typed to the contact's own verification request.
#[derive(Debug, Default)]
pub(crate) struct OtrBar {
    peer_answer: String,
}

impl OtrBar {
    /// Draws the bar of conversation `id`. Returns whether the user asked to verify the
    /// contact (the app opens the dialog).
    pub(crate) fn show(
        &mut self,
        ui: &mut egui::Ui,
        ctx: &mut ViewContext,
        model: &Model,
        id: ConversationId,
    ) -> bool {
        let Some(conversation) = model.conversation(id) else {
            return false;
        };
        let rtl = ctx.right_to_left();
        let contact = match &conversation.target {
            Conversation::Room(_) => {
                egui::Panel::top("otr").show(ui, |ui| {
                    mirror(rtl, ui, |ui| {
                        ui.colored_label(
                            ui.visuals().weak_text_color(),
                            ctx.tr().t("room-not-private"),
                        )
                    });
                });
                return false;
            }
            Conversation::Direct(contact) => contact.clone(),
        };
        let account_label = model
            .account(conversation.account)
            .map(|a| a.label.clone())
            .unwrap_or_default();
        let status = conversation.otr;
        let detail = &conversation.otr_detail;
        let mut request = None;
        let mut verify = false;
        egui::Panel::top("otr").show(ui, |ui| {
            mirror(rtl, ui, |ui| {
                ui.horizontal_wrapped(|ui| {
                    let (words, explain, colour, shut) = describe(status, ui);
                    crate::icons::lock(ui, colour, shut);
                    ui.label(
                        egui::RichText::new(ctx.tr().t(words))
                            .color(colour)
                            .strong(),
                    )
                    .on_hover_text(ctx.tr().t(explain));
                    ui.separator();
                    request = buttons(ui, ctx.tr(), status);
                    if status.is_encrypted() && ui.button(ctx.tr().t("otr-verify")).clicked() {
                        verify = true;
                    }
                    let key = format!("{account_label}/{contact}");
                    let mut required = ctx.settings().policy().requires_encryption(&key);
                    if ui
                        .checkbox(&mut required, ctx.tr().t("settings-require-contact"))
                        .changed()
                    {
                        ctx.change_settings(|s| {
                            s.require_encryption_for.insert(key.clone(), required);
                        });
                    }
                });
                let tr = ctx.tr();
                ui.label(
                    egui::RichText::new(tr.t(describe(status, ui).1))
                        .weak()
                        .small(),
                );
                if detail.unrecognized && status == OtrStatus::Unverified {
                    verify |= unrecognized(ui, tr, &contact);
                }
                progress(ui, tr, detail);
                if detail.peer_asked
                    && let Some(answer) = self.peer_request(ui, tr, detail)
                {
                    request = Some(OtrRequest::Respond { answer });
                }
            })
        });
        if let Some(request) = request {
            ctx.push(Action::Otr {
                conversation: id,
                request,
            });
        }
        verify
    }

    /// The contact asks us to prove who we are: their question (or a shared secret) and
    /// the answer field. Returns the answer when sent.
    fn peer_request(
        &mut self,
        ui: &mut egui::Ui,
        tr: &Localizer,
        detail: &OtrDetail,
    ) -> Option<String> {
        let mut answer = None;
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.label(tr.t("otr-peer-asks"));
            match &detail.peer_question {
                Some(question) => ui.label(tr.f(
                    "verify-peer-question",
                    &[("question", Arg::Text(&crate::bidi::visual(question)))],
                )),
                None => ui.label(tr.t("verify-peer-secret")),
            };
            ui.horizontal(|ui| {
                let label = ui.label(tr.t("verify-answer"));
                ui.add(egui::TextEdit::singleline(&mut self.peer_answer).password(true))
                    .labelled_by(label.id);
                if ui.button(tr.t("verify-respond")).clicked() && !self.peer_answer.is_empty() {
                    answer = Some(std::mem::take(&mut self.peer_answer));
                }
            });
        });
        answer
    }
}

/// Start, or Refresh and End: the request clicked, if any.
fn buttons(ui: &mut egui::Ui, tr: &Localizer, status: OtrStatus) -> Option<OtrRequest> {
    let mut request = None;
    if status == OtrStatus::NotPrivate {
        if ui.button(tr.t("otr-start")).clicked() {
            request = Some(OtrRequest::Start);
        }
    } else {
        if ui.button(tr.t("otr-refresh")).clicked() {
            request = Some(OtrRequest::Refresh);
        }
        if ui.button(tr.t("otr-end")).clicked() {
            request = Some(OtrRequest::End);
        }
    }
    request
}

/// The nudge when the contact's computer is not the one seen before. Returns whether its
/// "verify" button was clicked.
fn unrecognized(ui: &mut egui::Ui, tr: &Localizer, contact: &str) -> bool {
    let nudge = tr.f(
        "otr-unrecognized",
        &[("contact", Arg::Text(&crate::bidi::visual(contact)))],
    );
    let mut verify = false;
    egui::Frame::group(ui.style()).show(ui, |ui| {
        ui.horizontal_wrapped(|ui| {
            ui.colored_label(caution(ui), nudge);
            verify = ui.button(tr.t("otr-verify")).clicked();
        });
    });
    verify
}

/// Key generation, the identity check's steps, and its result.
fn progress(ui: &mut egui::Ui, tr: &Localizer, detail: &OtrDetail) {
    match &detail.progress {
        Some(OtrProgress::GeneratingKey) => {
            ui.horizontal(|ui| {
                ui.spinner();
                ui.label(tr.t("otr-generating-key"));
            });
        }
        Some(OtrProgress::Verifying { step, of }) => {
            let text = tr.f(
                "otr-verifying",
                &[
                    ("step", Arg::Number((*step).into())),
                    ("of", Arg::Number((*of).into())),
                ],
            );
            let fraction = f32::from(*step) / f32::from((*of).max(1));
            ui.add(egui::ProgressBar::new(fraction).text(text));
        }
        Some(OtrProgress::VerificationDone { success: true }) => {
            ui.colored_label(good(ui), tr.t("otr-verify-success"));
        }
        Some(OtrProgress::VerificationDone { success: false }) => {
            ui.colored_label(ui.visuals().error_fg_color, tr.t("otr-verify-failure"));
        }
        None => {}
    }
}
