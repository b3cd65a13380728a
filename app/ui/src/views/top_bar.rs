//! The top bar: the screens, the menu, notices, and tor's state (bootstrap progress until
//! ready). The menu's entries and the notices come from other views, through [`Slot`].

use crate::i18n::Arg;
use crate::layout::{mirror, row_layout};
use crate::screen::Screen;
use crate::view_context::ViewContext;
use crate::widgets::good;
use messenger_chat::{Model, TorState};

/// A place in the top bar that the app fills with other views' widgets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Slot {
    /// Inside the menu.
    Menu,
    /// After the menu: notices the user may click.
    Notices,
}

/// The top bar; it owns the choice of screen.
#[derive(Debug, Default)]
pub(crate) struct TopBar {
    screen: Screen,
}

impl TopBar {
    /// The screen shown.
    pub(crate) fn screen(&self) -> Screen {
        self.screen
    }

    /// Shows `screen`.
    pub(crate) fn set_screen(&mut self, screen: Screen) {
        self.screen = screen;
    }

    /// Draws the bar over `model`'s tor state; `fill` draws into each [`Slot`].
    pub(crate) fn show(
        &mut self,
        ui: &mut egui::Ui,
        ctx: &mut ViewContext,
        model: &Model,
        mut fill: impl FnMut(Slot, &mut egui::Ui, &mut ViewContext),
    ) {
        let rtl = ctx.right_to_left();
        egui::Panel::top("top_bar").show(ui, |ui| {
            mirror(rtl, ui, |ui| {
                ui.horizontal(|ui| {
                    ui.strong(ctx.tr().t("app-title"));
                    ui.separator();
                    for (screen, key) in [
                        (Screen::Chats, "nav-chats"),
                        (Screen::Accounts, "nav-accounts"),
                        (Screen::Settings, "nav-settings"),
                    ] {
                        if ui
                            .selectable_label(self.screen == screen, ctx.tr().t(key))
                            .clicked()
                        {
                            self.screen = screen;
                        }
                    }
                    ui.separator();
                    ui.menu_button(ctx.tr().t("nav-menu"), |ui| fill(Slot::Menu, ui, ctx));
                    fill(Slot::Notices, ui, ctx);
                    // Tor's state at the far end of the row.
                    ui.with_layout(row_layout(!rtl), |ui| tor_state(ui, ctx, &model.tor));
                });
                if model.tor == TorState::Unavailable {
                    ui.colored_label(ui.visuals().error_fg_color, ctx.tr().t("tor-unavailable"));
                }
            })
        });
    }
}

/// Tor's state: ready, bootstrap progress, or a red dot (the words go on a line below).
fn tor_state(ui: &mut egui::Ui, ctx: &ViewContext, tor: &TorState) {
    match tor {
        TorState::Ready => {
            ui.colored_label(good(ui), ctx.tr().t("tor-ready"));
            crate::icons::dot(ui, good(ui), true);
        }
        TorState::Bootstrapping { progress } => {
            let text = ctx.tr().f(
                "tor-bootstrapping",
                &[("progress", Arg::Number((*progress).into()))],
            );
            ui.add(
                egui::ProgressBar::new(f32::from(*progress) / 100.0)
                    .desired_width(260.0)
                    .text(text),
            );
        }
        TorState::Unavailable => {
            crate::icons::dot(ui, ui.visuals().error_fg_color, true);
        }
    }
}
