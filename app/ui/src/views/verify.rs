//! The "verify contact's identity" dialog: question and answer, shared secret, or a manual
//! fingerprint comparison.

use crate::action::{Action, OtrRequest};
use crate::view_context::ViewContext;
use messenger_chat::{ConversationId, Model, OtrDetail};

/// The three ways to verify.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Method {
    Question,
    Secret,
    Fingerprint,
}

/// The dialog's fields while open.
#[derive(Debug, Clone)]
struct VerifyForm {
    conversation: ConversationId,
    method: Method,
    question: String,
    answer: String,
    secret: String,
    fingerprint_checked: bool,
}

impl VerifyForm {
    fn new(conversation: ConversationId) -> VerifyForm {
        VerifyForm {
            conversation,
            method: Method::Question,
            question: String::new(),
            answer: String::new(),
            secret: String::new(),
            fingerprint_checked: false,
        }
    }
}

/// The dialog, closed until a conversation's "verify" button (or the app) opens it.
#[derive(Debug, Default)]
pub(crate) struct Verify {
    form: Option<VerifyForm>,
}

impl Verify {
    /// Opens the dialog for `conversation`, with empty fields.
    pub(crate) fn open(&mut self, conversation: ConversationId) {
        self.form = Some(VerifyForm::new(conversation));
    }

    /// Draws the dialog while open; it closes itself when its conversation is gone.
    pub(crate) fn show(&mut self, ui: &mut egui::Ui, ctx: &mut ViewContext, model: &Model) {
        let Some(dialog) = self.form.as_mut() else {
            return;
        };
        let Some(conversation) = model.conversation(dialog.conversation) else {
            self.form = None;
            return;
        };
        let (request, close) = ask(ui, ctx, dialog, &conversation.otr_detail);
        if let Some(request) = request {
            ctx.push(Action::Otr {
                conversation: dialog.conversation,
                request,
            });
        }
        if close {
            self.form = None;
        }
    }
}

/// Draws the open dialog: the method, its fields, Start and Cancel. Returns the request
/// started, if any, and whether the dialog closes.
fn ask(
    ui: &mut egui::Ui,
    ctx: &ViewContext,
    dialog: &mut VerifyForm,
    detail: &OtrDetail,
) -> (Option<OtrRequest>, bool) {
    let tr = ctx.tr();
    let mut close = false;
    let mut request = None;
    egui::Modal::new(egui::Id::unique("verify_dialog")).show(ui.ctx(), |ui| {
        ui.set_width(480.0);
        ui.heading(tr.t("verify-title"));
        ui.label(tr.t("verify-how"));
        ui.horizontal(|ui| {
            ui.radio_value(
                &mut dialog.method,
                Method::Question,
                tr.t("verify-method-question"),
            );
            ui.radio_value(
                &mut dialog.method,
                Method::Secret,
                tr.t("verify-method-secret"),
            );
            ui.radio_value(
                &mut dialog.method,
                Method::Fingerprint,
                tr.t("verify-method-fingerprint"),
            );
        });
        ui.separator();
        let ready = match dialog.method {
            Method::Question => {
                ui.add(egui::Label::new(tr.t("verify-question-hint")).wrap());
                egui::Grid::new("verify_question")
                    .num_columns(2)
                    .show(ui, |ui| {
                        let label = ui.label(tr.t("verify-question"));
                        ui.text_edit_singleline(&mut dialog.question)
                            .labelled_by(label.id);
                        ui.end_row();
                        let label = ui.label(tr.t("verify-answer"));
                        ui.add(egui::TextEdit::singleline(&mut dialog.answer).password(true))
                            .labelled_by(label.id);
                        ui.end_row();
                    });
                !dialog.question.trim().is_empty() && !dialog.answer.is_empty()
            }
            Method::Secret => {
                ui.add(egui::Label::new(tr.t("verify-secret-hint")).wrap());
                ui.horizontal(|ui| {
                    let label = ui.label(tr.t("verify-secret"));
                    ui.add(egui::TextEdit::singleline(&mut dialog.secret).password(true))
                        .labelled_by(label.id);
                });
                !dialog.secret.is_empty()
            }
            Method::Fingerprint => {
                ui.add(egui::Label::new(tr.t("verify-fingerprint-hint")).wrap());
                let unknown = tr.t("verify-fingerprint-unknown");
                ui.label(tr.t("verify-your-fingerprint"));
                ui.monospace(detail.own_fingerprint.as_deref().unwrap_or(&unknown));
                ui.label(tr.t("verify-their-fingerprint"));
                ui.monospace(detail.peer_fingerprint.as_deref().unwrap_or(&unknown));
                if detail.peer_fingerprint.is_some() {
                    ui.checkbox(
                        &mut dialog.fingerprint_checked,
                        tr.t("verify-fingerprint-matches"),
                    );
                }
                dialog.fingerprint_checked && detail.peer_fingerprint.is_some()
            }
        };
        ui.separator();
        ui.horizontal(|ui| {
            if ui
                .add_enabled(ready, egui::Button::new(tr.t("verify-start")))
                .clicked()
            {
                request = Some(match dialog.method {
                    Method::Question => OtrRequest::AskQuestion {
                        question: dialog.question.trim().to_owned(),
                        answer: std::mem::take(&mut dialog.answer),
                    },
                    Method::Secret => OtrRequest::SharedSecret {
                        secret: std::mem::take(&mut dialog.secret),
                    },
                    Method::Fingerprint => OtrRequest::TrustFingerprint,
                });
                close = true;
            }
            if ui.button(tr.t("verify-cancel")).clicked() {
                close = true;
            }
        });
    });
    (request, close)
}
