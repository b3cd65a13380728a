//! The ways to connect, drawn the same on the connection screen and on the "Tor connection"
//! settings page: the built-in snowflake and obfs4 bridges, the person's own bridges (typed
//! or pasted, checked line by line before anything is sent), no bridges, keep waiting; and
//! the words for a stall's cause, a refused change and a bad bridge line.

use crate::i18n::{Arg, Localizer};
use crate::layout::paragraph;
use crate::tor_connection::{ChangeFailure, ChangeStatus, TorConnection, TorRequest};
use crate::view_context::ViewContext;
use crate::widgets::caution;
use messenger_bridges::{BridgeLine, BridgeMode, LineError, LineProblem, StallCause, Transport};

/// The "enter bridges" box of one view.
#[derive(Debug, Default)]
pub(crate) struct BridgeEntry {
    /// The box is open.
    open: bool,
    /// What was typed or pasted.
    text: String,
    /// Why the last "use these bridges" was refused.
    error: Option<LineError>,
}

impl BridgeEntry {
    /// Opens the box with the person's own bridges in it (to edit or replace).
    fn open(&mut self, own: &[String]) {
        self.open = true;
        self.error = None;
        if self.text.trim().is_empty() {
            self.text = own.join("\n");
        }
    }
}

/// What the choices offer besides the bridges.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Offer {
    /// "Keep waiting" (on a stall).
    pub(crate) keep_waiting: bool,
}

/// Draws the choices for `connection`; returns what the person asked for.
pub(crate) fn choices(
    ui: &mut egui::Ui,
    ctx: &ViewContext,
    connection: &TorConnection,
    entry: &mut BridgeEntry,
    offer: Offer,
) -> Option<TorRequest> {
    let tr = ctx.tr();
    let rtl = ctx.right_to_left();
    let mode = connection
        .bridges
        .as_ref()
        .map_or(BridgeMode::Direct, |bridges| bridges.mode);
    let busy = connection.change == ChangeStatus::Applying;
    let mut request = None;
    ui.add_enabled_ui(!busy, |ui| {
        for transport in Transport::ALL {
            if !connection.transports.contains(&transport) || mode == BridgeMode::BuiltIn(transport)
            {
                continue;
            }
            let (label, hint) = match transport {
                Transport::Snowflake => ("choice-snowflake", "choice-snowflake-hint"),
                Transport::Obfs4 => ("choice-obfs4", "choice-obfs4-hint"),
            };
            if ui.button(tr.t(label)).clicked() {
                request = Some(TorRequest::BuiltIn(transport));
            }
            paragraph(ui, rtl, &tr.logical(hint, &[]), |text| {
                egui::RichText::new(text).weak()
            });
        }
        if !connection.own_bridges.is_empty() && mode != BridgeMode::Custom {
            let label = tr.f(
                "choice-own",
                &[("count", Arg::Number(connection.own_bridges.len() as f64))],
            );
            if ui.button(label).clicked() {
                request = Some(TorRequest::OwnBridges);
            }
        }
        if ui
            .selectable_label(entry.open, tr.t("choice-enter"))
            .clicked()
        {
            if entry.open {
                entry.open = false;
            } else {
                entry.open(&connection.own_bridges);
            }
        }
        if entry.open
            && let Some(entered) = bridge_box(ui, ctx, entry)
        {
            request = Some(entered);
        }
        if mode != BridgeMode::Direct && ui.button(tr.t("choice-direct")).clicked() {
            request = Some(TorRequest::Direct);
        }
        if offer.keep_waiting && ui.button(tr.t("choice-wait")).clicked() {
            request = Some(TorRequest::KeepWaiting);
        }
    });
    change_status(ui, ctx, &connection.change);
    request
}

/// The box for the person's own bridges, and its "use these bridges" button.
fn bridge_box(ui: &mut egui::Ui, ctx: &ViewContext, entry: &mut BridgeEntry) -> Option<TorRequest> {
    let tr = ctx.tr();
    paragraph(
        ui,
        ctx.right_to_left(),
        &tr.logical("choice-enter-hint", &[]),
        |text| egui::RichText::new(text).weak(),
    );
    let response = ui.add(
        egui::TextEdit::multiline(&mut entry.text)
            .hint_text(tr.t("choice-enter-placeholder"))
            .desired_rows(4)
            .desired_width(f32::INFINITY)
            .font(egui::TextStyle::Monospace),
    );
    if response.changed() {
        entry.error = None;
    }
    if let Some(error) = &entry.error {
        ui.colored_label(ui.visuals().error_fg_color, line_error(tr, error));
    }
    if ui.button(tr.t("choice-enter-apply")).clicked() {
        match BridgeLine::parse_many(&entry.text) {
            Ok(lines) => {
                entry.error = None;
                entry.open = false;
                return Some(TorRequest::Bridges(lines));
            }
            Err(error) => entry.error = Some(error),
        }
    }
    None
}

/// The last change: applying, or why it was not applied.
fn change_status(ui: &mut egui::Ui, ctx: &ViewContext, change: &ChangeStatus) {
    let tr = ctx.tr();
    match change {
        ChangeStatus::Idle | ChangeStatus::Applied => {}
        // Plain words, no spinner: a spinner repaints every frame, and tor answers in
        // milliseconds anyway.
        ChangeStatus::Applying => {
            ui.label(tr.t("connection-applying"));
        }
        ChangeStatus::Failed(failure) => {
            let text = match failure {
                ChangeFailure::TorUnavailable => tr.t("change-failed-unavailable"),
                ChangeFailure::Refused(reason) => {
                    tr.f("change-failed-refused", &[("reason", Arg::Text(reason))])
                }
                ChangeFailure::TransportUnavailable(transport) => tr.f(
                    "change-failed-transport",
                    &[("transport", Arg::Text(transport.name()))],
                ),
                ChangeFailure::NoOwnBridges => tr.t("change-failed-no-own"),
                ChangeFailure::NotKept(reason) => {
                    tr.f("change-failed-not-kept", &[("reason", Arg::Text(reason))])
                }
            };
            ui.colored_label(ui.visuals().error_fg_color, text);
        }
    }
}

/// A stall's cause in the person's words.
pub(crate) fn cause_text(tr: &Localizer, cause: StallCause) -> String {
    match cause {
        StallCause::Clock => tr.logical("stall-clock", &[]),
        StallCause::TransportFailed(Some(transport)) => tr.logical(
            "stall-transport",
            &[("transport", Arg::Text(transport.name()))],
        ),
        StallCause::TransportFailed(None) => tr.logical("stall-transport-unknown", &[]),
        StallCause::SnowflakeBroker => tr.logical("stall-snowflake-broker", &[]),
        StallCause::BridgesUnreachable => tr.logical("stall-bridges", &[]),
        StallCause::Blocked => tr.logical("stall-blocked", &[]),
        // Any cause added later is at least not silent.
        _ => tr.logical("stall-no-answer", &[]),
    }
}

/// A refused bridge line: which one, and what is wrong, in the person's words.
pub(crate) fn line_error(tr: &Localizer, error: &LineError) -> String {
    let problem = match &error.problem {
        LineProblem::Empty => tr.t("bridge-problem-empty"),
        LineProblem::ControlCharacter => tr.t("bridge-problem-control"),
        LineProblem::UnsupportedTransport(name) => {
            tr.f("bridge-problem-transport", &[("name", Arg::Text(name))])
        }
        LineProblem::NotTransportOrAddress(text)
        | LineProblem::BadAddress(text)
        | LineProblem::MissingAddress(text) => {
            tr.f("bridge-problem-address", &[("text", Arg::Text(text))])
        }
        LineProblem::PortZero => tr.f("bridge-problem-address", &[("text", Arg::Text(":0"))]),
        LineProblem::BadFingerprint(text) => {
            tr.f("bridge-problem-fingerprint", &[("text", Arg::Text(text))])
        }
        LineProblem::MissingFingerprint(_) => {
            tr.f("bridge-problem-fingerprint", &[("text", Arg::Text(""))])
        }
        LineProblem::BadCert => tr.t("bridge-problem-cert"),
        LineProblem::MissingArgument { key, .. } => {
            tr.f("bridge-problem-missing", &[("text", Arg::Text(key))])
        }
        LineProblem::NotKeyValue(text)
        | LineProblem::PlainWithArguments(text)
        | LineProblem::RepeatedArgument(text)
        | LineProblem::BadIatMode(text)
        | LineProblem::UnknownArgument { key: text, .. } => {
            tr.f("bridge-problem-argument", &[("text", Arg::Text(text))])
        }
        LineProblem::BadSnowflakeArgument { key, .. } => {
            tr.f("bridge-problem-argument", &[("text", Arg::Text(key))])
        }
        // A problem added later still names the line.
        _ => tr.t("bridge-problem-other"),
    };
    let line_text = crate::bidi::visual(&error.line).into_owned();
    match error.number {
        Some(number) => tr.f(
            "bridge-error-numbered",
            &[
                ("number", Arg::Number(number as f64)),
                ("line", Arg::Text(&line_text)),
                ("problem", Arg::Text(&problem)),
            ],
        ),
        None => tr.f(
            "bridge-error",
            &[
                ("line", Arg::Text(&line_text)),
                ("problem", Arg::Text(&problem)),
            ],
        ),
    }
}

/// The top bar's notice while tor cannot connect; true when clicked.
pub(crate) fn stall_notice(ui: &mut egui::Ui, ctx: &ViewContext) -> bool {
    ui.add(egui::Button::new(
        egui::RichText::new(ctx.tr().t("connection-stalled-notice")).color(caution(ui)),
    ))
    .clicked()
}
