//! The connection screen and Settings > Tor connection, driven like a user with egui_kittest:
//! progress, a stall with its meaning and the choices, choosing obfs4 and seeing the progress
//! go on; bridges typed in (a bad line named, nothing sent); a stalled snowflake offering the
//! other ways; the settings page showing the bridges in use.

// Test code: a failed unwrap is a failed test.
#![allow(clippy::unwrap_used)]

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use messenger_bridges::{BridgeLine, BridgeSelection, PtConfig, StallCause, Transport};
use messenger_chat::{Model, TorState};
use messenger_ui::{
    Action, ChangeStatus, Language, MessengerUi, Screen, Settings, TorConnection, TorRequest,
    TorStall,
};

struct State {
    ui: MessengerUi,
    model: Model,
    actions: Vec<Action>,
}

fn settings(language: Language) -> Settings {
    Settings {
        first_run_done: true,
        language,
        ..Settings::default()
    }
}

fn harness_in(
    language: Language,
    progress: u8,
    connection: TorConnection,
) -> Harness<'static, State> {
    let mut model = Model::new();
    model.tor = TorState::Bootstrapping { progress };
    let mut ui = MessengerUi::new(settings(language));
    ui.set_tor_connection(connection);
    let state = State {
        ui,
        model,
        actions: Vec::new(),
    };
    Harness::builder()
        .with_size(egui::vec2(1100.0, 800.0))
        .build_ui_state(
            |ui, state: &mut State| {
                let actions = state.ui.show(ui, &mut state.model);
                state.actions.extend(actions);
            },
            state,
        )
}

fn harness(progress: u8, connection: TorConnection) -> Harness<'static, State> {
    harness_in(Language::English, progress, connection)
}

/// Whether some widget's label contains `text` (the top bar repeats tor's progress).
fn shown(harness: &Harness<'static, State>, text: &str) -> bool {
    harness.query_all_by_label_contains(text).count() > 0
}

fn config() -> PtConfig {
    PtConfig::built_in().unwrap()
}

/// Tor connecting directly, both transports available.
fn direct() -> TorConnection {
    TorConnection {
        summary: "Connecting to a relay".into(),
        bridges: Some(BridgeSelection::direct()),
        transports: vec![Transport::Obfs4, Transport::Snowflake],
        ..TorConnection::default()
    }
}

fn stalled(mut connection: TorConnection, cause: StallCause) -> TorConnection {
    connection.stall = Some(TorStall {
        cause,
        progress: 5,
        last_warning: Some("Connection refused".into()),
    });
    connection
}

fn update(harness: &mut Harness<'static, State>, progress: u8, connection: TorConnection) {
    let state = harness.state_mut();
    state.model.tor = if progress == 100 {
        TorState::Ready
    } else {
        TorState::Bootstrapping { progress }
    };
    state.ui.set_tor_connection(connection);
    harness.run();
}

#[test]
fn progress_then_stall_then_obfs4_and_the_progress_goes_on() {
    let mut harness = harness(5, direct());
    harness.run();
    // Before the accounts, while tor is not at 100%.
    harness.get_by_label("Connecting to Tor");
    assert!(shown(&harness, "Connecting to the Tor network: 5%"));
    harness.get_by_label("Connecting to a relay");
    assert!(harness.query_by_label("Tor cannot connect").is_none());

    update(&mut harness, 5, stalled(direct(), StallCause::Blocked));
    harness.get_by_label("Tor cannot connect");
    harness.get_by_label_contains("your network probably blocks Tor");
    harness.get_by_label_contains("Tor's last message: Connection refused");
    for choice in [
        "Use the built-in snowflake bridges",
        "Use the built-in obfs4 bridges",
        "Enter bridges…",
        "Keep waiting",
    ] {
        harness.get_by_label(choice);
    }
    assert!(harness.query_by_label("Connect without bridges").is_none());

    harness
        .get_by_label("Use the built-in obfs4 bridges")
        .click();
    harness.run();
    assert_eq!(
        harness.state().actions,
        [Action::Tor(TorRequest::BuiltIn(Transport::Obfs4))]
    );

    // The binary answers: applying, then tor takes it and goes on.
    let mut applying = stalled(direct(), StallCause::Blocked);
    applying.change = ChangeStatus::Applying;
    update(&mut harness, 5, applying);
    harness.get_by_label("Giving the change to Tor…");
    let obfs4 = TorConnection {
        summary: "Loading relay descriptors".into(),
        bridges: Some(BridgeSelection::built_in(Transport::Obfs4, &config()).unwrap()),
        change: ChangeStatus::Applied,
        ..direct()
    };
    update(&mut harness, 50, obfs4.clone());
    assert!(shown(&harness, "Connecting to the Tor network: 50%"));
    harness.get_by_label("Loading relay descriptors");
    assert!(harness.query_by_label("Tor cannot connect").is_none());

    // At 100% the connection screen gives way to the chats.
    update(&mut harness, 100, obfs4);
    assert!(harness.query_by_label("Connecting to Tor").is_none());
}

#[test]
fn entered_bridges_are_checked_line_by_line_before_anything_is_sent() {
    let mut harness = harness(5, stalled(direct(), StallCause::Blocked));
    harness.run();
    harness.get_by_label("Enter bridges…").click();
    harness.run();
    harness.get_by_label_contains("bridges.torproject.org");
    let good = "obfs4 192.0.2.1:443 0123456789ABCDEF0123456789ABCDEF01234567 \
                cert=ssH+9rP8dG2NLDN2XuFw63hIO/9MNNinLmxQDpVa+7kTOa9/m+tGWT1SmSYpQ9uTBGa6Hw \
                iat-mode=0";
    let cut =
        "obfs4 192.0.2.2:443 0123456789ABCDEF0123456789ABCDEF01234567 cert=ssH+9rP8 iat-mode=0";
    harness
        .get_by_role(egui::accesskit::Role::MultilineTextInput)
        .click();
    harness.run();
    harness.event(egui::Event::Text(format!("{good}\n{cut}")));
    harness.run();
    harness.get_by_label("Use these bridges").click();
    harness.run();
    harness.get_by_label_contains("Line 2");
    harness.get_by_label_contains("not a valid obfs4 certificate");
    harness.get_by_label_contains("Nothing was changed");
    assert!(harness.state().actions.is_empty());

    // Fixed: the line is taken away; now they are sent, checked.
    let text = harness
        .get_by_role(egui::accesskit::Role::MultilineTextInput)
        .value()
        .unwrap_or_default();
    assert!(text.contains("cert=ssH+9rP8 "), "{text}");
    let field = harness.get_by_role(egui::accesskit::Role::MultilineTextInput);
    field.focus();
    harness.run();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    harness.run();
    harness.event(egui::Event::Text(good.to_owned()));
    harness.run();
    harness.get_by_label("Use these bridges").click();
    harness.run();
    assert_eq!(
        harness.state().actions,
        [Action::Tor(TorRequest::Bridges(vec![
            BridgeLine::parse(good).unwrap()
        ]))]
    );
}

#[test]
fn stalled_snowflake_offers_the_other_ways() {
    let connection = TorConnection {
        bridges: Some(BridgeSelection::built_in(Transport::Snowflake, &config()).unwrap()),
        ..stalled(direct(), StallCause::SnowflakeBroker)
    };
    let mut harness = harness(10, connection);
    harness.run();
    harness.get_by_label_contains("Snowflake cannot reach its broker");
    assert!(
        harness
            .query_by_label("Use the built-in snowflake bridges")
            .is_none()
    );
    for choice in [
        "Use the built-in obfs4 bridges",
        "Enter bridges…",
        "Connect without bridges",
        "Keep waiting",
    ] {
        harness.get_by_label(choice);
    }
    harness.get_by_label("Keep waiting").click();
    harness.run();
    assert_eq!(
        harness.state().actions,
        [Action::Tor(TorRequest::KeepWaiting)]
    );
}

#[test]
fn a_missing_transport_is_not_offered_and_a_refusal_is_said() {
    let mut connection = stalled(direct(), StallCause::Blocked);
    connection.transports = vec![Transport::Obfs4];
    connection.change =
        ChangeStatus::Failed(messenger_ui::ChangeFailure::Refused("552 bad line".into()));
    let mut harness = harness(5, connection);
    harness.run();
    assert!(
        harness
            .query_by_label("Use the built-in snowflake bridges")
            .is_none()
    );
    harness.get_by_label_contains("Tor refused the change, so nothing was changed: 552 bad line");
}

#[test]
fn settings_page_shows_the_bridges_in_use_and_changes_them() {
    let own = "192.0.2.9:443 0123456789ABCDEF0123456789ABCDEF01234567".to_owned();
    let connection = TorConnection {
        bridges: Some(BridgeSelection::custom(&[BridgeLine::parse(&own).unwrap()]).unwrap()),
        own_bridges: vec![own.clone()],
        ..direct()
    };
    let mut harness = harness(100, connection);
    harness.state_mut().model.tor = TorState::Ready;
    harness.state_mut().ui.show_tor_settings();
    harness.run();
    assert_eq!(harness.state().ui.screen(), Screen::Settings);
    assert!(shown(&harness, "Connected to Tor"));
    harness.get_by_label("Tor uses your bridges (1):");
    harness.get_by_label(&own);
    assert!(harness.query_by_label("Keep waiting").is_none());
    harness.get_by_label("Connect without bridges").click();
    harness.run();
    assert_eq!(harness.state().actions, [Action::Tor(TorRequest::Direct)]);
}

#[test]
fn a_stall_is_noticed_on_the_settings_screen_too() {
    let mut harness = harness(5, stalled(direct(), StallCause::NoAnswer));
    harness.state_mut().ui.set_screen(Screen::Settings);
    harness.run();
    harness
        .get_by_label("Tor cannot connect: choose how")
        .click();
    harness.run();
    assert!(harness.query_all_by_label("Tor connection").count() >= 1);
    harness.get_by_label_contains("gets no answer from the Tor network");
}

#[test]
fn the_screen_speaks_the_persons_language() {
    let mut harness = harness_in(Language::Russian, 5, stalled(direct(), StallCause::Blocked));
    harness.run();
    harness.get_by_label("Подключение к Tor");
    harness.get_by_label("Использовать встроенные мосты obfs4");
}
