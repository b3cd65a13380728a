//! The whole window: the views, composed into screens, and what they share.
//!
//! Each view owns its state; `MessengerUi` holds one of each, lends them the shared
//! [`ViewContext`] in turn, and carries out what one view asks of another (open the verify
//! dialog, confirm a removal, forget a closed conversation's input line).

use crate::action::Action;
use crate::i18n::{Language, Script};
use crate::screen::Screen;
use crate::settings::Settings;
use crate::style::AppliedStyle;
use crate::tor_choices::stall_notice;
use crate::tor_connection::TorConnection;
use crate::update_status::UpdateStatus;
use crate::view_context::ViewContext;
use crate::views::accounts::Accounts;
use crate::views::connection::ConnectionScreen;
use crate::views::first_run::FirstRun;
use crate::views::input::InputLines;
use crate::views::members::Members;
use crate::views::messages::Messages;
use crate::views::otr_bar::OtrBar;
use crate::views::registration::Registration;
use crate::views::remove_account::RemoveAccount;
use crate::views::settings_view::SettingsScreen;
use crate::views::sidebar::Sidebar;
use crate::views::tabs::Tabs;
use crate::views::top_bar::{Slot, TopBar};
use crate::views::tor_settings::TorSettingsPage;
use crate::views::updates::Updates;
use crate::views::verify::Verify;
use messenger_chat::{ConversationId, Model, TorState};
use messenger_protocol::Conversation;

/// The messenger's UI state. Call [`MessengerUi::show`] once per frame with the model; it
/// returns what the user asked for.
#[derive(Debug)]
pub struct MessengerUi {
    context: ViewContext,
    style: AppliedStyle,
    first_run: FirstRun,
    top_bar: TopBar,
    sidebar: Sidebar,
    members: Members,
    tabs: Tabs,
    otr_bar: OtrBar,
    input: InputLines,
    messages: Messages,
    accounts: Accounts,
    registration: Registration,
    settings_screen: SettingsScreen,
    verify: Verify,
    remove_account: RemoveAccount,
    updates: Updates,
    tor_connection: TorConnection,
    connection_screen: ConnectionScreen,
    tor_settings: TorSettingsPage,
    settings_page: SettingsPage,
}

/// The pages of the settings screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
enum SettingsPage {
    /// Encryption, updates, language, appearance.
    #[default]
    General,
    /// How tor connects (bridges) and its progress.
    TorConnection,
}

impl MessengerUi {
    /// A UI with `settings` (from the profile).
    pub fn new(settings: Settings) -> MessengerUi {
        MessengerUi {
            context: ViewContext::new(settings),
            style: AppliedStyle::default(),
            first_run: FirstRun,
            top_bar: TopBar::default(),
            sidebar: Sidebar::default(),
            members: Members,
            tabs: Tabs,
            otr_bar: OtrBar::default(),
            input: InputLines::default(),
            messages: Messages::default(),
            accounts: Accounts::default(),
            registration: Registration::default(),
            settings_screen: SettingsScreen,
            verify: Verify::default(),
            remove_account: RemoveAccount::default(),
            updates: Updates::default(),
            tor_connection: TorConnection::default(),
            connection_screen: ConnectionScreen::default(),
            tor_settings: TorSettingsPage::default(),
            settings_page: SettingsPage::default(),
        }
    }

    /// The current settings.
    pub fn settings(&self) -> &Settings {
        self.context.settings()
    }

    /// The screen shown.
    pub fn screen(&self) -> Screen {
        self.top_bar.screen()
    }

    /// Shows `screen`.
    pub fn set_screen(&mut self, screen: Screen) {
        self.top_bar.set_screen(screen);
    }

    /// Opens the "verify contact's identity" dialog for `conversation` (as its button does).
    pub fn open_verify(&mut self, conversation: ConversationId) {
        self.verify.open(conversation);
    }

    /// Puts `text` in `conversation`'s input line, as if typed (sample screens).
    pub fn set_input(&mut self, conversation: ConversationId, text: &str) {
        self.input.set_text(conversation, text);
    }

    /// Sets the local time zone's offset, used for message times.
    pub fn set_utc_offset(&mut self, seconds: i64) {
        self.context.set_utc_offset(seconds);
    }

    /// Installs egui's fonts plus `extra` (read by the binary) and remembers which scripts
    /// can now be drawn.
    pub fn install_fonts(&mut self, ctx: &egui::Context, extra: &[crate::fonts::ScriptFont]) {
        crate::fonts::install(ctx, extra);
        self.context
            .set_installed_scripts(extra.iter().map(|font| font.script).collect());
    }

    /// The script whose font the chosen language needs, if any (the binary loads it).
    pub fn needed_script(&self) -> Option<Script> {
        self.settings().language.script()
    }

    /// The language shown.
    pub fn language(&self) -> Language {
        self.settings().language
    }

    /// The result of a throwaway registration the UI asked for: the new account's address,
    /// or why it failed in words (shown with what to do next).
    pub fn registration_finished(&mut self, result: Result<String, String>) {
        self.registration.finished(result);
    }

    /// The user asked to delete a removed account's OTR key and that failed (or was refused):
    /// `reason`, in words, is shown until the user closes it, so nobody believes a key gone
    /// that is still there.
    pub fn account_removal_failed(&mut self, reason: String) {
        self.remove_account.failed(reason);
    }

    /// A client certificate was made for a new account: show its fingerprints and the
    /// commands that register it; or the account was not added, and why.
    pub fn certificate_notice(&mut self, notice: Result<crate::CertificateNotice, String>) {
        self.accounts.set_notice(notice);
    }

    /// Says whether this build can check for updates (it has a manifest address).
    pub fn set_updates_configured(&mut self, configured: bool) {
        self.context.set_updates_configured(configured);
    }

    /// Shows an update check's result. A check the user asked for (`asked`) opens the
    /// update dialog; a periodic one only puts a notice in the top bar, and only when there
    /// is something to act on (a newer version, or a refusal).
    pub fn set_update_status(&mut self, status: UpdateStatus, asked: bool) {
        self.updates.set_status(status, asked);
    }

    /// The last update check's result, if any.
    pub fn update_status(&self) -> Option<&UpdateStatus> {
        self.updates.status()
    }

    /// Shows what tor's control port says about the connection (the phase, a stall, the
    /// bridges, the last change).
    pub fn set_tor_connection(&mut self, connection: TorConnection) {
        self.tor_connection = connection;
    }

    /// What the window shows about tor's connection.
    pub fn tor_connection(&self) -> &TorConnection {
        &self.tor_connection
    }

    /// Opens Settings > Tor connection.
    pub fn show_tor_settings(&mut self) {
        self.top_bar.set_screen(Screen::Settings);
        self.settings_page = SettingsPage::TorConnection;
    }

    /// Draws one frame over `model` and returns the user's actions of this frame.
    pub fn show(&mut self, ui: &mut egui::Ui, model: &mut Model) -> Vec<Action> {
        self.style.apply(ui.ctx(), self.context.settings());
        let ctx = &mut self.context;
        if !ctx.settings().first_run_done {
            self.first_run.show(ui, ctx);
            return ctx.take_actions();
        }
        let updates = &mut self.updates;
        // While tor is connecting the chats and accounts give way to the connection screen;
        // a stall is noticed in the top bar on the other screens.
        let connecting = matches!(model.tor, TorState::Bootstrapping { .. });
        let stalled = connecting && self.tor_connection.stall.is_some();
        let mut open_tor_settings = false;
        self.top_bar
            .show(ui, ctx, model, |slot, ui, ctx| match slot {
                Slot::Menu => updates.menu_entries(ui, ctx),
                Slot::Notices => {
                    updates.notice(ui, ctx);
                    if stalled && stall_notice(ui, ctx) {
                        open_tor_settings = true;
                    }
                }
            });
        if open_tor_settings {
            self.show_tor_settings();
        }
        match self.top_bar.screen() {
            Screen::Chats | Screen::Accounts if connecting => {
                self.connection_screen
                    .show(ui, &mut self.context, model, &self.tor_connection)
            }
            Screen::Chats => self.show_chats(ui, model),
            Screen::Accounts => self.show_accounts(ui, model),
            Screen::Settings => self.show_settings(ui, model),
        }
        let ctx = &mut self.context;
        self.verify.show(ui, ctx, model);
        for removed in self.remove_account.show(ui, ctx, model) {
            self.input.forget(removed);
            self.messages.forget(removed);
        }
        self.updates.dialog(ui, ctx);
        ctx.take_actions()
    }

    /// The chat screen: conversation list, members, tabs, OTR bar, input line, messages (in
    /// this order: egui's side and top panels take their room before the central one).
    fn show_chats(&mut self, ui: &mut egui::Ui, model: &mut Model) {
        let ctx = &mut self.context;
        self.sidebar.show(ui, ctx, model);
        let active = model.active().filter(|id| {
            model
                .conversation(*id)
                .is_some_and(|conversation| !conversation.closed)
        });
        let Some(active) = active else {
            self.messages.show(ui, ctx, model, None);
            return;
        };
        let is_room = model
            .conversation(active)
            .is_some_and(|c| matches!(c.target, Conversation::Room(_)));
        if is_room {
            self.members.show(ui, ctx, model, active);
        }
        if let Some(closed) = self.tabs.show(ui, ctx, model) {
            self.input.forget(closed);
        }
        if self.otr_bar.show(ui, ctx, model, active) {
            self.verify.open(active);
        }
        self.input.show(ui, ctx, model, active);
        self.messages.show(ui, ctx, model, Some(active));
    }

    /// The settings screen: its pages on the side, the chosen one beside.
    fn show_settings(&mut self, ui: &mut egui::Ui, model: &Model) {
        let ctx = &mut self.context;
        let side = if ctx.right_to_left() {
            egui::Panel::right("settings_pages")
        } else {
            egui::Panel::left("settings_pages")
        };
        side.resizable(false).show(ui, |ui| {
            for (page, key) in [
                (SettingsPage::General, "settings-page-general"),
                (SettingsPage::TorConnection, "tor-settings-title"),
            ] {
                if ui
                    .selectable_label(self.settings_page == page, ctx.tr().t(key))
                    .clicked()
                {
                    self.settings_page = page;
                }
            }
        });
        match self.settings_page {
            SettingsPage::General => self.settings_screen.show(ui, ctx),
            SettingsPage::TorConnection => {
                self.tor_settings.show(ui, ctx, model, &self.tor_connection)
            }
        }
    }

    /// The accounts screen, with the throwaway registration between list and form.
    fn show_accounts(&mut self, ui: &mut egui::Ui, model: &Model) {
        let registration = &mut self.registration;
        let running = registration.is_running();
        let requests = self
            .accounts
            .show(ui, &mut self.context, model, running, |ui, ctx| {
                registration.show(ui, ctx)
            });
        if let Some(account) = requests.remove {
            self.remove_account.confirm(account);
        }
        if let Some(server) = requests.registering {
            self.registration.started(server);
        }
    }
}
