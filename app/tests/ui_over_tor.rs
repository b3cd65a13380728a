//! The real UI, driven like a user with egui_kittest, connected through the private Tor
//! network (harness) to a real ngircd: add an IRC account in the form, press Connect, join a
//! room from the conversation list, type a message and press Enter; a raw IRC peer in the
//! room receives it.
//!
//! The frame loop below is the window's (`src/window.rs`) reduced to what this flow uses:
//! drain the session into the model, draw, hand the UI's actions to the session.

// Test code: a failed unwrap is a failed test.
#![allow(clippy::unwrap_used)]

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use harness::{IrcRawPeer, Ngircd, TorNetwork};
use messenger_chat::{AccountState, Model, TorState};
use messenger_net::{Network, TlsTrust, TorSocks};
use messenger_protocol::accounts::{AccountConfig as SavedAccount, Transport};
use messenger_session::{OtrPolicy, Session};
use messenger_ui::{Action, MessengerUi, Screen, Settings};
use std::time::{Duration, Instant};

const WAIT: Duration = Duration::from_secs(120);

struct State {
    ui: MessengerUi,
    model: Model,
    session: Session,
}

impl State {
    fn frame(&mut self, ui: &mut egui::Ui) {
        let _ = self.session.drain(&mut self.model);
        for action in self.ui.show(ui, &mut self.model) {
            self.carry_out(action);
        }
    }

    fn carry_out(&mut self, action: Action) {
        match action {
            Action::AddAccount(config) => {
                let mut saved = SavedAccount::new(
                    config.kind.into(),
                    &config.user,
                    &config.server,
                    config.port,
                )
                .expect("a valid account");
                saved.transport = if config.tls {
                    Transport::Tls
                } else {
                    Transport::Plaintext
                };
                let label = format!("{}@{}", saved.user, saved.server);
                self.session.add_account(&mut self.model, &saved, &label);
            }
            Action::Account { account, command } => {
                self.session.command(&mut self.model, account, command);
            }
            Action::Send {
                conversation,
                text,
                kind,
            } => {
                self.session.send(&mut self.model, conversation, text, kind);
            }
            _ => {}
        }
    }
}

/// Steps frames (the session works on other threads) until `done`, or panics naming `what`.
fn wait_for(harness: &mut Harness<'static, State>, what: &str, done: impl Fn(&State) -> bool) {
    let deadline = Instant::now() + WAIT;
    while !done(harness.state()) {
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        harness.step();
        std::thread::sleep(Duration::from_millis(25));
    }
    harness.step();
}

fn type_into(harness: &mut Harness<'static, State>, label: &str, text: &str) {
    harness.get_by_label(label).click();
    harness.step();
    harness.event(egui::Event::Text(text.into()));
    harness.step();
}

#[test]
fn a_user_connects_joins_and_sends_through_tor_to_ngircd() {
    let ngircd = Ngircd::start().expect("ngircd");
    let client = TorNetwork::shared_client().expect("a tor client on the private network");
    let mut bob = IrcRawPeer::connect(&ngircd, "bob").expect("bob registers");
    bob.join("#kittest").expect("bob is in the room");

    let profile = tempfile::tempdir().unwrap();
    let runtime = messenger_session::spawn_runtime().unwrap();
    let network = Network {
        socks: TorSocks {
            addr: client.socks_addr(),
        },
        trust: TlsTrust::public_roots().unwrap(),
    };
    let session = Session::start(
        runtime,
        network,
        &profile.path().join("otr"),
        OtrPolicy::default(),
        || {},
    );
    let mut model = Model::new();
    // The window learns this from tor's control port; the client here is ready.
    model.tor = TorState::Ready;
    let state = State {
        ui: MessengerUi::new(Settings {
            first_run_done: true,
            ..Settings::default()
        }),
        model,
        session,
    };
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1100.0, 720.0))
        .build_ui_state(|ui, state: &mut State| state.frame(ui), state);

    // Add the account in the form: IRC, the server's name (resolved by tor's exits to the
    // local ngircd), its port, no TLS (this ngircd is plaintext), a nickname.
    harness.state_mut().ui.set_screen(Screen::Accounts);
    harness.step();
    type_into(&mut harness, "Server address", ngircd.server_name());
    harness.get_by_label("Port").click();
    harness.step();
    for _ in 0..4 {
        harness.key_press(egui::Key::Backspace);
    }
    harness.event(egui::Event::Text(ngircd.port().to_string()));
    harness.step();
    harness
        .get_by_label("Encrypt the connection to the server (TLS)")
        .click();
    harness.step();
    type_into(&mut harness, "Nickname", "alice");
    harness.get_by_label("Add account").click();
    harness.run_steps(2);
    assert_eq!(harness.state().model.accounts().count(), 1, "account added");

    harness.get_by_label("Connect").click();
    wait_for(&mut harness, "the account to be online", |state| {
        state
            .model
            .accounts()
            .any(|(_, a)| matches!(a.state, AccountState::Online { .. }))
    });
    harness.get_by_label_contains("Online as alice");

    // Join the room from the conversation list, then type and press Enter.
    harness.state_mut().ui.set_screen(Screen::Chats);
    harness.step();
    type_into(&mut harness, "Start a conversation", "#kittest");
    harness.get_by_label("Join").click();
    harness.run_steps(2);
    bob.expect_within(WAIT, "alice joining", |line| {
        line.contains("JOIN") && line.starts_with(":alice")
    })
    .expect("alice joined the room");
    let field = harness
        .get_all_by_role(egui::accesskit::Role::TextInput)
        .max_by(|a, b| a.rect().top().total_cmp(&b.rect().top()))
        .expect("the message field");
    field.click();
    harness.step();
    harness.event(egui::Event::Text("hello from kittest".into()));
    harness.step();
    harness.key_press(egui::Key::Enter);
    harness.run_steps(2);
    let received = bob
        .expect_within(WAIT, "the message", |line| {
            line.contains("PRIVMSG #kittest")
        })
        .expect("the server delivered the message");
    assert!(
        received.starts_with(":alice") && received.ends_with(":hello from kittest"),
        "{received}"
    );
    // And the user sees it in the room.
    wait_for(&mut harness, "the message to be shown", |_| true);
    harness.get_by_label("hello from kittest");
}
