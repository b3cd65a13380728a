//! messenger-ui: the messenger's views, on egui alone (no window system, no I/O).
//!
//! [`MessengerUi::show`] draws the [`messenger_chat::Model`] and returns the user's
//! [`Action`]s; the binary carries them out. Every word comes from Fluent files
//! (`locales/`), right-to-left text is shaped and ordered before egui draws it (`bidi`).

mod account_form;
mod action;
mod app;
pub mod bidi;
mod clock;
pub mod fonts;
pub mod i18n;
mod icons;
pub mod irc_format;
mod layout;
mod message_row;
pub mod presets;
mod problems;
mod row_heights;
mod screen;
mod settings;
mod style;
mod tor_choices;
mod tor_connection;
mod update_status;
mod view_context;
mod views;
mod widgets;

pub use action::{Action, OtrRequest};
pub use app::MessengerUi;
pub use i18n::{Language, Localizer, Script};
pub use screen::Screen;
pub use settings::{
    AccountKind, CertificateRequest, NewAccount, Settings, SettingsFile, SettingsFileError, Theme,
};
pub use tor_connection::{ChangeFailure, ChangeStatus, TorConnection, TorRequest, TorStall};
pub use update_status::{UpdateRefusal, UpdateStatus};
pub use views::accounts::CertificateNotice;
