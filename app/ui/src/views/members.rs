//! A room's member list, virtualised: only visible names are laid out.

use crate::bidi;
use crate::i18n::Arg;
use crate::layout::mirror;
use crate::view_context::ViewContext;
use messenger_chat::{ConversationId, Model};

/// The member list beside a room (it has no state: egui keeps its scroll position).
#[derive(Debug, Default)]
pub(crate) struct Members;

impl Members {
    /// Draws the members of room `id` in a side panel (left when the UI is mirrored).
    pub(crate) fn show(
        &mut self,
        ui: &mut egui::Ui,
        ctx: &ViewContext,
        model: &Model,
        id: ConversationId,
    ) {
        let Some(conversation) = model.conversation(id) else {
            return;
        };
        let members = &conversation.members;
        // IRCv3 account-notify / extended-join: who is logged in as which account.
        let logged_in = model
            .account(conversation.account)
            .map(|account| &account.logged_in);
        let rtl = ctx.right_to_left();
        let panel = if rtl {
            egui::Panel::left("members")
        } else {
            egui::Panel::right("members")
        };
        panel.resizable(true).default_size(170.0).show(ui, |ui| {
            mirror(rtl, ui, |ui| {
                let count = u32::try_from(members.len()).unwrap_or(u32::MAX);
                ui.strong(
                    ctx.tr()
                        .f("members-title", &[("count", Arg::Number(count.into()))]),
                );
                ui.separator();
                let row_height = ui.text_style_height(&egui::TextStyle::Body);
                egui::ScrollArea::vertical()
                    .id_salt(("members", id.0))
                    .auto_shrink([false, false])
                    .show_rows(ui, row_height, members.len(), |ui, rows| {
                        for name in members.get(rows).unwrap_or_default() {
                            let label = ui.add(egui::Label::new(bidi::visual(name)).truncate());
                            if let Some(account) = logged_in.and_then(|map| map.get(name)) {
                                label.on_hover_text(
                                    ctx.tr().f(
                                        "members-logged-in-as",
                                        &[("account", Arg::Text(account))],
                                    ),
                                );
                            }
                        }
                    });
            })
        });
    }
}
