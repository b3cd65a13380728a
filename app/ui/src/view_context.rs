//! What every view receives: the translator, the text direction, the settings (read, and one
//! narrow way to change them), the clock's time zone, the scripts that can be drawn, and the
//! list of the user's actions of this frame.
//!
//! The views own their own state (forms, dialogs, input lines); this is only what they share.
//! The model is not in here: each view takes it as an argument, `&Model` where it only reads
//! and `&mut Model` where it changes what is shown (which conversation is open or active).

use crate::action::Action;
use crate::i18n::{Language, Localizer, Script};
use crate::settings::Settings;

/// The state the views share, owned by the app and lent to each view in turn.
#[derive(Debug)]
pub(crate) struct ViewContext {
    settings: Settings,
    tr: Localizer,
    utc_offset_seconds: i64,
    installed_scripts: Vec<Script>,
    updates_configured: bool,
    actions: Vec<Action>,
}

impl ViewContext {
    /// A context speaking the language of `settings`, UTC, with no extra fonts.
    pub(crate) fn new(settings: Settings) -> ViewContext {
        ViewContext {
            tr: Localizer::new(settings.language),
            settings,
            utc_offset_seconds: 0,
            installed_scripts: Vec::new(),
            // Release builds carry a manifest address; the binary says when one does not.
            updates_configured: true,
            actions: Vec::new(),
        }
    }

    /// The translator for the chosen language.
    pub(crate) fn tr(&self) -> &Localizer {
        &self.tr
    }

    /// Whether the UI language is written right to left (the layout is then mirrored).
    pub(crate) fn right_to_left(&self) -> bool {
        self.settings.language.is_right_to_left()
    }

    /// The current settings.
    pub(crate) fn settings(&self) -> &Settings {
        &self.settings
    }

    /// The one way a view changes settings: `change` edits a copy's fields; when anything
    /// changed, the translator follows a new language and the binary is told to save them
    /// ([`Action::SettingsChanged`], in the order the user acted).
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

    /// Hands `action` to the binary at the end of the frame.
    pub(crate) fn push(&mut self, action: Action) {
        self.actions.push(action);
    }

    /// The actions of this frame, leaving none.
    pub(crate) fn take_actions(&mut self) -> Vec<Action> {
        std::mem::take(&mut self.actions)
    }

    /// The local time zone's offset from UTC, for message times.
    pub(crate) fn utc_offset_seconds(&self) -> i64 {
        self.utc_offset_seconds
    }

    /// Sets the local time zone's offset from UTC.
    pub(crate) fn set_utc_offset(&mut self, seconds: i64) {
        self.utc_offset_seconds = seconds;
    }

    /// Remembers which scripts have a font loaded (besides egui's Latin ones).
    pub(crate) fn set_installed_scripts(&mut self, scripts: Vec<Script>) {
        self.installed_scripts = scripts;
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

    /// Whether this build knows where to check for updates (it has a manifest address).
    pub(crate) fn updates_configured(&self) -> bool {
        self.updates_configured
    }

    /// Says whether this build can check for updates.
    pub(crate) fn set_updates_configured(&mut self, configured: bool) {
        self.updates_configured = configured;
    }
}
