//! The OTR bar of a private conversation: a lock with the state in words and colour, the
//! start/refresh/end buttons, the "unrecognized computer" nudge, progress (key generation,
//! identity check), the contact's own verification request, and "require encryption" for
//! this contact. Rooms get one line saying they are never private.

use crate::action::{Action, OtrRequest};
use crate::app::MessengerUi;
use crate::i18n::Arg;
use crate::views::top_bar::{caution, good};
use crate::views::verify::VerifyDialog;
use messenger_chat::{ConversationId, Model, OtrProgress, OtrStatus};
use messenger_protocol::Conversation;

/// Words, explanation and colour of each state.
pub(crate) fn describe(
    status: OtrStatus,
    ui: &egui::Ui,
) -> (&'static str, &'static str, egui::Color32, bool) {
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

pub(crate) fn show(app: &mut MessengerUi, ui: &mut egui::Ui, model: &Model, id: ConversationId) {
    let Some(conversation) = model.conversation(id) else {
        return;
    };
    let contact = match &conversation.target {
        Conversation::Room(_) => {
            egui::Panel::top("otr").show(ui, |ui| {
                crate::views::mirror(app.right_to_left(), ui, |ui| {
                    ui.colored_label(ui.visuals().weak_text_color(), app.tr.t("room-not-private"))
                });
            });
            return;
        }
        Conversation::Direct(contact) => contact.clone(),
    };
    let account_label = model
        .account(conversation.account)
        .map(|a| a.label.clone())
        .unwrap_or_default();
    let status = conversation.otr;
    let detail = conversation.otr_detail.clone();
    let mut request = None;
    let rtl = app.right_to_left();
    egui::Panel::top("otr").show(ui, |ui| {
        crate::views::mirror(rtl, ui, |ui| {
            ui.horizontal_wrapped(|ui| {
                let (words, explain, colour, shut) = describe(status, ui);
                crate::icons::lock(ui, colour, shut);
                ui.label(egui::RichText::new(app.tr.t(words)).color(colour).strong())
                    .on_hover_text(app.tr.t(explain));
                ui.separator();
                if status == OtrStatus::NotPrivate {
                    if ui.button(app.tr.t("otr-start")).clicked() {
                        request = Some(OtrRequest::Start);
                    }
                } else {
                    if ui.button(app.tr.t("otr-refresh")).clicked() {
                        request = Some(OtrRequest::Refresh);
                    }
                    if ui.button(app.tr.t("otr-end")).clicked() {
                        request = Some(OtrRequest::End);
                    }
                }
                if status.is_encrypted() && ui.button(app.tr.t("otr-verify")).clicked() {
                    app.verify = Some(VerifyDialog::new(id));
                }
                let key = format!("{account_label}/{contact}");
                let mut required = app.settings.policy().requires_encryption(&key);
                if ui
                    .checkbox(&mut required, app.tr.t("settings-require-contact"))
                    .changed()
                {
                    app.change_settings(|s| {
                        s.require_encryption_for.insert(key.clone(), required);
                    });
                }
            });
            ui.label(
                egui::RichText::new(app.tr.t(describe(status, ui).1))
                    .weak()
                    .small(),
            );
            if detail.unrecognized && status == OtrStatus::Unverified {
                let nudge = app.tr.f(
                    "otr-unrecognized",
                    &[("contact", Arg::Text(&crate::bidi::visual(&contact)))],
                );
                egui::Frame::group(ui.style()).show(ui, |ui| {
                    ui.horizontal_wrapped(|ui| {
                        ui.colored_label(caution(ui), nudge);
                        if ui.button(app.tr.t("otr-verify")).clicked() {
                            app.verify = Some(VerifyDialog::new(id));
                        }
                    });
                });
            }
            match &detail.progress {
                Some(OtrProgress::GeneratingKey) => {
                    ui.horizontal(|ui| {
                        ui.spinner();
                        ui.label(app.tr.t("otr-generating-key"));
                    });
                }
                Some(OtrProgress::Verifying { step, of }) => {
                    let text = app.tr.f(
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
                    ui.colored_label(good(ui), app.tr.t("otr-verify-success"));
                }
                Some(OtrProgress::VerificationDone { success: false }) => {
                    ui.colored_label(ui.visuals().error_fg_color, app.tr.t("otr-verify-failure"));
                }
                None => {}
            }
            if detail.peer_asked {
                egui::Frame::group(ui.style()).show(ui, |ui| {
                    ui.label(app.tr.t("otr-peer-asks"));
                    match &detail.peer_question {
                        Some(question) => ui.label(app.tr.f(
                            "verify-peer-question",
                            &[("question", Arg::Text(&crate::bidi::visual(question)))],
                        )),
                        None => ui.label(app.tr.t("verify-peer-secret")),
                    };
                    ui.horizontal(|ui| {
                        let label = ui.label(app.tr.t("verify-answer"));
                        ui.add(egui::TextEdit::singleline(&mut app.peer_answer).password(true))
                            .labelled_by(label.id);
                        if ui.button(app.tr.t("verify-respond")).clicked()
                            && !app.peer_answer.is_empty()
                        {
                            request = Some(OtrRequest::Respond {
                                answer: std::mem::take(&mut app.peer_answer),
                            });
                        }
                    });
                });
            }
        })
    });
    if let Some(request) = request {
        app.actions.push(Action::Otr {
            conversation: id,
            request,
        });
    }
}
