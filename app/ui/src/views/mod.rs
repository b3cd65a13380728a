//! One file per view. Each view is a struct that owns its state and draws itself with
//! `show(&mut self, ui, ctx, ...)`; it receives what all views share in a
//! [`ViewContext`](crate::view_context::ViewContext) and the model as an argument.
//!
//! No view names another: where one view's action concerns another (a button that opens a
//! dialog, a closed conversation whose input line is forgotten), its `show` returns the
//! request and `app.rs`, which composes the views, carries it out. Shared drawing helpers
//! live outside this folder (`layout`, `widgets`, `message_row`); `tests/view_imports.rs`
//! checks the rule.

pub(crate) mod accounts;
pub(crate) mod connection;
pub(crate) mod first_run;
pub(crate) mod input;
pub(crate) mod members;
pub(crate) mod messages;
pub(crate) mod otr_bar;
pub(crate) mod registration;
pub(crate) mod remove_account;
pub(crate) mod settings_view;
pub(crate) mod sidebar;
pub(crate) mod tabs;
pub(crate) mod top_bar;
pub(crate) mod tor_settings;
pub(crate) mod updates;
pub(crate) mod verify;
