//! The whole window: which screen is shown, the state of forms and dialogs, and the actions
//! collected during one frame.

use crate::action::Action;
use crate::i18n::{Language, Localizer, Script};
use crate::settings::{Settings, Theme};
use crate::update_status::UpdateStatus;
use crate::views;
use messenger_chat::AccountId;
use messenger_chat::{ConversationId, Model};
use std::collections::HashMap;

/// The main screens.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Screen {
    /// Conversations.
    #[default]
    Chats,
    /// Accounts and their connections.
    Accounts,
    /// Settings.
    Settings,
}

/// The messenger's UI state. Call [`MessengerUi::show`] once per frame with the model; it
/// returns what the user asked for.
#[derive(Debug)]
pub struct MessengerUi {
    pub(crate) settings: Settings,
    pub(crate) tr: Localizer,
    pub(crate) screen: Screen,
    pub(crate) account_form: views::accounts::AccountForm,
    pub(crate) open_form: views::sidebar::OpenForm,
    pub(crate) inputs: HashMap<ConversationId, views::input::InputLine>,
    pub(crate) row_heights: HashMap<ConversationId, crate::row_heights::RowHeights>,
    pub(crate) verify: Option<views::verify::VerifyDialog>,
    pub(crate) peer_answer: String,
    pub(crate) blocked_notice: Option<ConversationId>,
    pub(crate) utc_offset_seconds: i64,
    pub(crate) installed_scripts: Vec<Script>,
    pub(crate) actions: Vec<Action>,
    /// The account whose removal waits for confirmation.
    pub(crate) remove_dialog: Option<AccountId>,
    /// The removal dialog's "also delete the OTR key" box (unchecked when it opens).
    pub(crate) remove_forget_otr: bool,
    /// Why a removed account's OTR key could not be deleted (shown until closed).
    pub(crate) removal_problem: Option<String>,
    /// The throwaway registration in progress or its failure.
    pub(crate) registration: Option<views::registration::Registration>,
    /// The last update check's result.
    pub(crate) update: Option<UpdateStatus>,
    /// The update dialog is open.
    pub(crate) update_dialog: bool,
    /// A periodic check found something the user should see (shown in the top bar).
    pub(crate) update_notice: bool,
    /// This build knows where to check for updates.
    pub(crate) updates_configured: bool,
    applied_style: Option<(Theme, u32)>,
}

impl MessengerUi {
    /// A UI with `settings` (from the profile).
    pub fn new(settings: Settings) -> MessengerUi {
        MessengerUi {
            tr: Localizer::new(settings.language),
            settings,
            screen: Screen::default(),
            account_form: views::accounts::AccountForm::default(),
            open_form: views::sidebar::OpenForm::default(),
            inputs: HashMap::new(),
            row_heights: HashMap::new(),
            verify: None,
            peer_answer: String::new(),
            blocked_notice: None,
            utc_offset_seconds: 0,
            installed_scripts: Vec::new(),
            actions: Vec::new(),
            remove_dialog: None,
            remove_forget_otr: false,
            removal_problem: None,
            registration: None,
            update: None,
            update_dialog: false,
            update_notice: false,
            updates_configured: true,
            applied_style: None,
        }
    }

    /// The current settings.
    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    /// The screen shown.
    pub fn screen(&self) -> Screen {
        self.screen
    }

    /// Shows `screen`.
    pub fn set_screen(&mut self, screen: Screen) {
        self.screen = screen;
    }

    /// Opens the "verify contact's identity" dialog for `conversation` (as its button does).
    pub fn open_verify(&mut self, conversation: ConversationId) {
        self.verify = Some(views::verify::VerifyDialog::new(conversation));
    }

    /// Puts `text` in `conversation`'s input line, as if typed (sample screens).
    pub fn set_input(&mut self, conversation: ConversationId, text: &str) {
        self.inputs.entry(conversation).or_default().set_text(text);
    }

    /// Sets the local time zone's offset, used for message times.
    pub fn set_utc_offset(&mut self, seconds: i64) {
        self.utc_offset_seconds = seconds;
    }

    /// Installs egui's fonts plus `extra` (read by the binary) and remembers which scripts
    /// can now be drawn.
    pub fn install_fonts(&mut self, ctx: &egui::Context, extra: &[crate::fonts::ScriptFont]) {
        crate::fonts::install(ctx, extra);
        self.installed_scripts = extra.iter().map(|font| font.script).collect();
    }

    /// How `language` is named in menus: in its own script when a font for it is loaded.
    pub(crate) fn language_name(&self, language: Language) -> String {
        match language.script() {
            Some(script) if !self.installed_scripts.contains(&script) => {
                language.latin_name().to_owned()
            }
            _ => crate::bidi::visual(language.native_name()).into_owned(),
        }
    }

    /// The script whose font the chosen language needs, if any (the binary loads it).
    pub fn needed_script(&self) -> Option<Script> {
        self.settings.language.script()
    }

    /// The language shown.
    pub fn language(&self) -> Language {
        self.settings.language
    }

    /// The result of a throwaway registration the UI asked for: the new account's address,
    /// or why it failed in words (shown with what to do next).
    pub fn registration_finished(&mut self, result: Result<String, String>) {
        let server = match &self.registration {
            Some(views::registration::Registration::Creating { server }) => server.clone(),
            _ => String::new(),
        };
        self.registration = Some(match result {
            Ok(address) => views::registration::Registration::Created { address },
            Err(reason) => views::registration::Registration::Failed { server, reason },
        });
    }

    /// The user asked to delete a removed account's OTR key and that failed (or was refused):
    /// `reason`, in words, is shown until the user closes it, so nobody believes a key gone
    /// that is still there.
    pub fn account_removal_failed(&mut self, reason: String) {
        self.removal_problem = Some(reason);
    }

    /// Says whether this build can check for updates (it has a manifest address).
    pub fn set_updates_configured(&mut self, configured: bool) {
        self.updates_configured = configured;
    }

    /// Shows an update check's result. A check the user asked for (`asked`) opens the
    /// update dialog; a periodic one only puts a notice in the top bar, and only when there
    /// is something to act on (a newer version, or a refusal).
    pub fn set_update_status(&mut self, status: UpdateStatus, asked: bool) {
        if !asked {
            self.update_notice = matches!(
                status,
                UpdateStatus::Available { .. } | UpdateStatus::Refused(_)
            );
        } else {
            self.update_dialog = true;
        }
        self.update = Some(status);
    }

    /// The last update check's result, if any.
    pub fn update_status(&self) -> Option<&UpdateStatus> {
        self.update.as_ref()
    }

    /// Whether the UI language is written right to left (the layout is then mirrored).
    pub(crate) fn right_to_left(&self) -> bool {
        self.settings.language.is_right_to_left()
    }

    pub(crate) fn change_settings(&mut self, change: impl FnOnce(&mut Settings)) {
        let before = self.settings.clone();
        change(&mut self.settings);
        if self.settings != before {
            if self.settings.language != before.language {
                self.tr = Localizer::new(self.settings.language);
            }
            self.actions
                .push(Action::SettingsChanged(self.settings.clone()));
        }
    }

    /// Draws one frame over `model` and returns the user's actions of this frame.
    pub fn show(&mut self, ui: &mut egui::Ui, model: &mut Model) -> Vec<Action> {
        self.apply_style(ui.ctx());
        if !self.settings.first_run_done {
            views::first_run::show(self, ui);
        } else {
            views::top_bar::show(self, ui, model);
            match self.screen {
                Screen::Chats => views::chats::show(self, ui, model),
                Screen::Accounts => views::accounts::show(self, ui, model),
                Screen::Settings => views::settings_view::show(self, ui),
            }
            views::verify::show(self, ui, model);
            views::remove_account::show(self, ui, model);
            views::updates::dialog(self, ui);
        }
        std::mem::take(&mut self.actions)
    }

    /// Sets theme and text size when they change (not every frame: it would cost a relayout).
    fn apply_style(&mut self, ctx: &egui::Context) {
        let wanted = (self.settings.theme, self.settings.font_size.to_bits());
        if self.applied_style == Some(wanted) {
            return;
        }
        self.applied_style = Some(wanted);
        ctx.set_theme(match self.settings.theme {
            Theme::Light => egui::Theme::Light,
            Theme::Dark => egui::Theme::Dark,
        });
        let size = self
            .settings
            .font_size
            .clamp(*Settings::FONT_SIZES.start(), *Settings::FONT_SIZES.end());
        ctx.all_styles_mut(|style| {
            use egui::{FontFamily, FontId, TextStyle};
            style.text_styles = [
                (
                    TextStyle::Small,
                    FontId::new(size * 0.75, FontFamily::Proportional),
                ),
                (TextStyle::Body, FontId::new(size, FontFamily::Proportional)),
                (
                    TextStyle::Button,
                    FontId::new(size, FontFamily::Proportional),
                ),
                (
                    TextStyle::Heading,
                    FontId::new(size * 1.45, FontFamily::Proportional),
                ),
                (
                    TextStyle::Monospace,
                    FontId::new(size, FontFamily::Monospace),
                ),
            ]
            .into();
            // egui's light theme draws text fields without a border, white on white:
            // give idle widgets the separator's stroke so every field can be seen.
            let stroke = style.visuals.widgets.noninteractive.bg_stroke.color;
            style.visuals.widgets.inactive.bg_stroke = egui::Stroke::new(1.0, stroke);
        });
    }
}
