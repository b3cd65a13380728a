//! The UI driven like a user would, with egui_kittest, over a real model: find widgets by
//! their label, click, type, and check the actions the UI hands to the binary.

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use messenger_chat::{Model, OtrDetail, OtrProgress, OtrStatus, TorState};
use messenger_protocol::accounts::SaslChoice;
use messenger_protocol::{
    Command, Conversation, DisconnectReason, Event, IncomingMessage, MessageKind, ProtocolKind,
};
use messenger_ui::{
    AccountKind, Action, CertificateRequest, Language, MessengerUi, OtrRequest, Screen, Settings,
    UpdateStatus,
};
use std::time::SystemTime;

struct State {
    ui: MessengerUi,
    model: Model,
    actions: Vec<Action>,
}

fn harness(settings: Settings, model: Model) -> Harness<'static, State> {
    let state = State {
        ui: MessengerUi::new(settings),
        model,
        actions: Vec::new(),
    };
    Harness::builder()
        .with_size(egui::vec2(1100.0, 700.0))
        .build_ui_state(
            |ui, state: &mut State| {
                let actions = state.ui.show(ui, &mut state.model);
                state.actions.extend(actions);
            },
            state,
        )
}

fn seen() -> Settings {
    Settings {
        first_run_done: true,
        ..Settings::default()
    }
}

fn ready_model() -> Model {
    let mut model = Model::new();
    model.tor = TorState::Ready;
    model
}

fn incoming(from: &str, conversation: Conversation, body: &str) -> Event {
    Event::Message(IncomingMessage {
        from: from.into(),
        conversation,
        body: body.into(),
        kind: MessageKind::Normal,
        received: SystemTime::now(),
    })
}

#[test]
fn first_run_screen_shows_once() {
    let mut harness = harness(Settings::default(), ready_model());
    harness.run();
    harness.get_by_label_contains("servers still see");
    harness.get_by_label("I understand, continue").click();
    harness.run();
    assert!(
        harness
            .query_by_label_contains("servers still see")
            .is_none()
    );
    let state = harness.state();
    assert!(state.ui.settings().first_run_done);
    assert!(state.actions.contains(&Action::FirstRunDone));
    assert!(
        state
            .actions
            .iter()
            .any(|a| matches!(a, Action::SettingsChanged(s) if s.first_run_done),),
        "the binary is told to save it, so the screen is not shown again"
    );
}

#[test]
fn adding_an_account_emits_it_and_nothing_connects() {
    let mut harness = harness(seen(), ready_model());
    harness.state_mut().ui.set_screen(Screen::Accounts);
    harness.run();
    harness.get_by_label("Add account").click();
    harness.run();
    harness.get_by_label_contains("Enter a server address");
    // Choose the OFTC preset: it is offered, marked recommended, never preselected.
    harness
        .get_by_role_and_label(egui::accesskit::Role::ComboBox, "Server")
        .click();
    harness.run();
    harness.get_by_label("OFTC (recommended)").click();
    harness.run();
    harness
        .get_by_role_and_label(egui::accesskit::Role::TextInput, "Nickname")
        .click();
    harness.run();
    nick_field_type(&mut harness, "journalist");
    harness.get_by_label("Add account").click();
    harness.run();
    let added: Vec<_> = harness
        .state()
        .actions
        .iter()
        .filter_map(|a| match a {
            Action::AddAccount(config) => Some(config.clone()),
            _ => None,
        })
        .collect();
    assert_eq!(added.len(), 1, "{:?}", harness.state().actions);
    assert_eq!(added[0].server, "irc.oftc.net");
    assert_eq!(added[0].port, 6697);
    assert_eq!(added[0].kind, AccountKind::Irc);
    assert_eq!(added[0].user, "journalist");
    assert!(added[0].password.is_none());
    assert!(
        !harness
            .state()
            .actions
            .iter()
            .any(|a| matches!(a, Action::Account { .. })),
        "adding never connects"
    );
}

/// The Libera.Chat preset over Tor, filled in as the form asks: the onion address, TLS with
/// the certificate name the network documents, SASL EXTERNAL with a certificate generated for
/// this account, and the network's note shown.
#[test]
fn the_libera_preset_over_its_onion_asks_for_a_certificate_login() {
    let mut harness = harness(seen(), ready_model());
    harness.state_mut().ui.set_screen(Screen::Accounts);
    harness.run();
    harness
        .get_by_role_and_label(egui::accesskit::Role::ComboBox, "Server")
        .click();
    harness.run();
    harness.get_by_label("Libera.Chat").click();
    harness.run();
    harness.get_by_label_contains("needs an account registered by email");
    harness
        .get_by_label("Use the server's .onion address")
        .click();
    harness.run();
    harness.get_by_label("palladium.libera.chat");
    harness
        .get_by_role_and_label(egui::accesskit::Role::TextInput, "Nickname")
        .click();
    harness.run();
    nick_field_type(&mut harness, "journalist");
    harness.get_by_label("Add account").click();
    harness.run();
    let added: Vec<_> = harness
        .state()
        .actions
        .iter()
        .filter_map(|a| match a {
            Action::AddAccount(config) => Some(config.clone()),
            _ => None,
        })
        .collect();
    assert_eq!(added.len(), 1, "{:?}", harness.state().actions);
    assert_eq!(
        added[0].server,
        "libera75jm6of4wxpxt4aynol3xjmbtxgfyjpu34ss4d7r7q2v5zrpyd.onion"
    );
    assert!(added[0].tls);
    assert_eq!(added[0].tls_name.as_deref(), Some("palladium.libera.chat"));
    assert_eq!(added[0].sasl, SaslChoice::External);
    assert_eq!(added[0].certificate, Some(CertificateRequest::Generate));
}

fn message_field<'a>(harness: &'a Harness<'static, State>) -> egui_kittest::Node<'a> {
    // The message line is the lowest text field (the other one starts conversations).
    harness
        .query_all_by_role(egui::accesskit::Role::TextInput)
        .max_by(|a, b| a.rect().min.y.total_cmp(&b.rect().min.y))
        .expect("a message field")
}

fn nick_field_type(harness: &mut Harness<'static, State>, text: &str) {
    harness.event(egui::Event::Text(text.into()));
    harness.run();
}

#[test]
fn connect_is_offered_only_once_tor_is_ready() {
    let mut model = Model::new();
    let account = model.add_account("OFTC", ProtocolKind::Irc);
    let mut harness = harness(seen(), model);
    harness.state_mut().ui.set_screen(Screen::Accounts);
    harness.run();
    // While tor bootstraps, the connection screen stands in for the accounts.
    harness.get_by_label("Connecting to Tor");
    assert!(harness.query_by_label("Connect").is_none());
    // Tor unreachable (no control port): the accounts, with Connect disabled.
    harness.state_mut().model.tor = TorState::Unavailable;
    harness.run();
    harness.get_by_label("Connect").click();
    harness.run();
    assert!(
        harness.state().actions.is_empty(),
        "disabled while tor is unavailable"
    );
    harness.state_mut().model.tor = TorState::Ready;
    harness.run();
    harness.get_by_label("Connect").click();
    harness.run();
    assert_eq!(
        harness.state().actions,
        [Action::Account {
            account,
            command: Command::Connect
        }]
    );
}

#[test]
fn opening_a_conversation_and_sending_emits_the_typed_text() {
    let mut model = ready_model();
    let account = model.add_account("OFTC", ProtocolKind::Irc);
    model.apply(
        account,
        incoming("alice", Conversation::Direct("alice".into()), "hello there"),
        false,
    );
    let mut harness = harness(seen(), model);
    harness.run();
    // Unread count in the list, then open it.
    harness.get_by_label_contains("1 unread").click();
    harness.run();
    let id = harness.state().model.active().expect("opened");
    assert_eq!(harness.state().model.conversation(id).unwrap().unread, 0);
    harness.get_by_label("hello there");
    message_field(&harness).click();
    harness.run();
    harness.event(egui::Event::Text("see you at 5".into()));
    harness.run();
    harness.key_press(egui::Key::Enter);
    harness.run();
    assert!(
        harness.state().actions.contains(&Action::Send {
            conversation: id,
            text: "see you at 5".into(),
            kind: MessageKind::Normal,
        }),
        "{:?}",
        harness.state().actions
    );
    // Up recalls the line just sent.
    harness.key_press(egui::Key::ArrowUp);
    harness.run();
    assert!(harness.query_all_by_value("see you at 5").next().is_some());
}

#[test]
fn failed_messages_are_marked_and_links_stay_text() {
    let mut model = ready_model();
    let account = model.add_account("OFTC", ProtocolKind::Irc);
    let id = model.open(account, Conversation::Direct("bob".into()));
    model.activate(id);
    model.record_outgoing(
        id,
        messenger_protocol::OutgoingId(1),
        "read https://example.org",
        MessageKind::Normal,
    );
    model.apply(
        account,
        Event::SendFailed {
            id: messenger_protocol::OutgoingId(1),
            reason: "offline".into(),
        },
        false,
    );
    model.apply(
        account,
        incoming(
            "bob",
            Conversation::Direct("bob".into()),
            "\x0304red\x03 text",
        ),
        false,
    );
    let mut harness = harness(seen(), model);
    harness.run();
    harness.get_by_label_contains("not sent");
    harness.get_by_label("read https://example.org");
    assert_eq!(
        harness
            .query_all_by_role(egui::accesskit::Role::Link)
            .count(),
        0,
        "no link anywhere"
    );
    harness.get_by_label("red text");
}

#[test]
fn otr_state_changes_are_shown_in_words() {
    let mut model = ready_model();
    let account = model.add_account("x", ProtocolKind::Xmpp);
    let id = model.open(account, Conversation::Direct("alice@example.org".into()));
    model.activate(id);
    let mut harness = harness(seen(), model);
    harness.run();
    harness.get_by_label("Not private");
    harness.get_by_label("Start private conversation").click();
    harness.run();
    assert!(harness.state().actions.contains(&Action::Otr {
        conversation: id,
        request: OtrRequest::Start
    }));
    harness
        .state_mut()
        .model
        .conversation_mut(id)
        .unwrap()
        .otr_detail
        .progress = Some(OtrProgress::GeneratingKey);
    harness.run_steps(2);
    harness.get_by_label_contains("Creating your private key");
    {
        let model = &mut harness.state_mut().model;
        model.conversation_mut(id).unwrap().otr_detail = OtrDetail {
            unrecognized: true,
            peer_fingerprint: Some("AAAA BBBB".into()),
            ..OtrDetail::default()
        };
        model.set_otr_status(id, OtrStatus::Unverified, "private conversation started");
    }
    harness.run();
    harness.get_by_label("Private, not verified");
    harness.get_by_label_contains("using a computer you have not seen before");
    harness
        .state_mut()
        .model
        .set_otr_status(id, OtrStatus::Verified, "verified");
    harness.run();
    harness.get_by_label("Private and verified");
    harness
        .state_mut()
        .model
        .set_otr_status(id, OtrStatus::Finished, "ended");
    harness.run();
    harness.get_by_label("Private conversation ended");
}

#[test]
fn verify_dialog_asks_a_question_and_compares_fingerprints() {
    let mut model = ready_model();
    let account = model.add_account("x", ProtocolKind::Xmpp);
    let id = model.open(account, Conversation::Direct("alice@example.org".into()));
    model.activate(id);
    model.set_otr_status(id, OtrStatus::Unverified, "started");
    model
        .conversation_mut(id)
        .unwrap()
        .otr_detail
        .peer_fingerprint = Some("12345678 9ABCDEF0".into());
    let mut harness = harness(seen(), model);
    harness.run();
    harness
        .get_all_by_label("Verify contact's identity")
        .next()
        .unwrap()
        .click();
    harness.run();
    harness.get_by_label("How do you want to verify?");
    harness
        .get_by_role_and_label(egui::accesskit::Role::TextInput, "Question")
        .click();
    harness.run();
    harness.event(egui::Event::Text("Where did we meet?".into()));
    harness.run();
    harness
        .get_by_role_and_label(egui::accesskit::Role::PasswordInput, "Answer")
        .click();
    harness.run();
    harness.event(egui::Event::Text("the library".into()));
    harness.run();
    harness.get_by_label("Verify").click();
    harness.run();
    assert!(
        harness.state().actions.contains(&Action::Otr {
            conversation: id,
            request: OtrRequest::AskQuestion {
                question: "Where did we meet?".into(),
                answer: "the library".into()
            }
        }),
        "{:?}",
        harness.state().actions
    );
    assert!(
        harness
            .query_by_label("How do you want to verify?")
            .is_none(),
        "closed"
    );

    // Fingerprint: only after the user says they checked it.
    harness
        .get_all_by_label("Verify contact's identity")
        .next()
        .unwrap()
        .click();
    harness.run();
    harness.get_by_label("Compare fingerprints").click();
    harness.run();
    harness.get_by_label("12345678 9ABCDEF0");
    harness
        .get_by_label("I have checked: the fingerprint matches")
        .click();
    harness.run();
    harness.get_by_label("Verify").click();
    harness.run();
    assert!(harness.state().actions.contains(&Action::Otr {
        conversation: id,
        request: OtrRequest::TrustFingerprint
    }));
    // SMP progress is shown.
    harness
        .state_mut()
        .model
        .conversation_mut(id)
        .unwrap()
        .otr_detail
        .progress = Some(OtrProgress::Verifying { step: 2, of: 4 });
    harness.run();
    harness.get_by_label_contains("step 2 of 4");
}

#[test]
fn required_encryption_never_sends_plaintext() {
    let mut model = ready_model();
    let account = model.add_account("x", ProtocolKind::Xmpp);
    let id = model.open(account, Conversation::Direct("bob@example.org".into()));
    model.activate(id);
    let settings = Settings {
        require_encryption: true,
        ..seen()
    };
    let mut harness = harness(settings, model);
    harness.run();
    message_field(&harness).click();
    harness.run();
    harness.event(egui::Event::Text("secret plan".into()));
    harness.run();
    harness.key_press(egui::Key::Enter);
    harness.run();
    let actions = &harness.state().actions;
    assert!(
        !actions.iter().any(|a| matches!(a, Action::Send { .. })),
        "{actions:?}"
    );
    assert!(actions.contains(&Action::Otr {
        conversation: id,
        request: OtrRequest::Start
    }));
    harness.get_by_label_contains("requires encryption");
    assert!(
        harness.query_all_by_value("secret plan").next().is_some(),
        "the text stays in the field"
    );
}

#[test]
fn a_pin_mismatch_is_explained_in_plain_words() {
    let mut model = ready_model();
    let account = model.add_account("OFTC", ProtocolKind::Irc);
    model.apply(
        account,
        Event::Disconnected {
            reason: DisconnectReason::TlsRefused("certificate does not match its pin".into()),
            retry_in: None,
        },
        false,
    );
    let mut harness = harness(seen(), model);
    harness.state_mut().ui.set_screen(Screen::Accounts);
    harness.run();
    harness.get_by_label("Not connected");
    harness.get_by_label_contains("Someone may be intercepting the connection");
    harness.get_by_label_contains("Do not log in");
}

#[test]
fn switching_language_shows_german() {
    let mut harness = harness(seen(), ready_model());
    harness.state_mut().ui.set_screen(Screen::Settings);
    harness.run();
    harness
        .get_by_role_and_label(egui::accesskit::Role::ComboBox, "Language")
        .click();
    harness.run();
    harness.get_by_label("Deutsch").click();
    harness.run();
    assert!(harness.query_all_by_label("Einstellungen").count() >= 1);
    harness.get_by_role_and_label(egui::accesskit::Role::ComboBox, "Sprache");
    assert_eq!(harness.state().ui.language(), Language::German);
    assert!(
        harness
            .state()
            .actions
            .iter()
            .any(|a| matches!(a, Action::SettingsChanged(s) if s.language == Language::German))
    );
}

#[test]
fn a_room_shows_its_members_virtualised() {
    let mut model = ready_model();
    let account = model.add_account("OFTC", ProtocolKind::Irc);
    let members: Vec<String> = (0..5_000).map(|i| format!("member{i:04}")).collect();
    model.apply(
        account,
        Event::Members {
            room: "#tor".into(),
            members,
        },
        false,
    );
    let id = model
        .find(account, &Conversation::Room("#tor".into()))
        .unwrap();
    model.activate(id);
    let mut harness = harness(seen(), model);
    harness.run();
    harness.get_by_label("5000 members");
    harness.get_by_label("member0000");
    assert!(
        harness.query_by_label("member4999").is_none(),
        "names out of view are not laid out"
    );
    harness.get_by_label_contains("Rooms are never private");
}

#[test]
fn idle_frames_request_no_repaint() {
    let mut model = ready_model();
    let account = model.add_account("OFTC", ProtocolKind::Irc);
    model.apply(
        account,
        incoming("alice", Conversation::Room("#tor".into()), "hi"),
        false,
    );
    let mut harness = harness(seen(), model);
    // `run` stops once egui no longer asks for another frame; a repaint loop would hit the
    // step limit and fail.
    let steps = harness.run();
    assert!(steps < 5, "{steps} frames for a still screen");
}

fn label_rect(harness: &Harness<'static, State>, text: &str) -> egui::Rect {
    harness.get_by_label(text).rect()
}

#[test]
fn a_long_message_wraps_onto_several_lines() {
    let mut model = ready_model();
    let account = model.add_account("OFTC", ProtocolKind::Irc);
    let long = "this message is long enough to need several lines in the message view, \
                because people paste whole paragraphs into chats and every word of them \
                must stay readable instead of being cut off at the edge of the window. "
        .repeat(3);
    let long = long.trim_end().to_owned();
    let conversation = Conversation::Direct("alice".into());
    model.apply(
        account,
        incoming("alice", conversation.clone(), "short"),
        false,
    );
    model.apply(
        account,
        incoming("alice", conversation.clone(), &long),
        false,
    );
    model.apply(
        account,
        incoming("alice", conversation.clone(), "after"),
        false,
    );
    let id = model.find(account, &conversation).unwrap();
    model.activate(id);
    let mut harness = harness(seen(), model);
    harness.run();
    let short = label_rect(&harness, "short");
    let wrapped = label_rect(&harness, &long);
    let after = label_rect(&harness, "after");
    assert!(
        wrapped.height() > 2.5 * short.height(),
        "wrapped {wrapped:?}, one line {short:?}"
    );
    assert!(wrapped.right() <= 1100.0, "inside the window: {wrapped:?}");
    // The rows do not overlap: the next message starts below the whole wrapped one.
    assert!(
        after.top() >= wrapped.bottom(),
        "{wrapped:?} then {after:?}"
    );
}

#[test]
fn removing_an_account_asks_first_and_offers_to_delete_its_otr_key() {
    use egui_kittest::kittest::NodeT;
    const FORGET: &str = "Also delete this account's OTR key and the fingerprints of its contacts (cannot be undone)";
    let ticked = |harness: &Harness<'static, State>| {
        harness.get_by_label(FORGET).accesskit_node().toggled()
            == Some(egui::accesskit::Toggled::True)
    };
    let mut model = ready_model();
    let oftc = model.add_account("OFTC", ProtocolKind::Irc);
    let other = model.add_account("Calyx", ProtocolKind::Xmpp);
    model.apply(
        oftc,
        incoming("alice", Conversation::Direct("alice".into()), "hi"),
        false,
    );
    let mut harness = harness(seen(), model);
    harness.state_mut().ui.set_screen(Screen::Accounts);
    harness.run();
    harness.get_all_by_label("Remove…").next().unwrap().click();
    harness.run();
    harness.get_by_label("Remove OFTC?");
    assert!(!ticked(&harness), "the key stays unless the user asks");
    // Ticked, then cancelled: nothing happens, and the box is clear again next time.
    harness.get_by_label(FORGET).click();
    harness.run();
    assert!(ticked(&harness));
    harness.get_by_label("Cancel").click();
    harness.run();
    assert!(harness.query_by_label("Remove OFTC?").is_none());
    assert!(
        harness.state().actions.is_empty(),
        "nothing without confirmation"
    );
    harness.get_all_by_label("Remove…").next().unwrap().click();
    harness.run();
    assert!(!ticked(&harness));
    harness.get_by_label("Remove account").click();
    harness.run();
    assert_eq!(
        harness.state().actions,
        vec![Action::RemoveAccount {
            account: oftc,
            forget_otr: false
        }],
        "the binary stops it and deletes it from accounts.toml"
    );
    assert!(
        harness.query_by_label("OFTC").is_none(),
        "gone from the list"
    );
    harness.get_by_label("Calyx");
    let model = &harness.state().model;
    assert!(model.account(oftc).is_none(), "gone from the model");
    assert!(
        model.conversations().all(|(_, c)| c.account != oftc),
        "its conversations and their messages are gone"
    );
    harness.state_mut().ui.set_screen(Screen::Chats);
    harness.run();
    assert!(
        harness.query_by_label("OFTC").is_none(),
        "not in the sidebar either"
    );

    // The other one, with its OTR key.
    harness.state_mut().actions.clear();
    harness.state_mut().ui.set_screen(Screen::Accounts);
    harness.run();
    harness.get_all_by_label("Remove…").next().unwrap().click();
    harness.run();
    harness.get_by_label("Remove Calyx?");
    harness.get_by_label(FORGET).click();
    harness.run();
    harness.get_by_label("Remove account").click();
    harness.run();
    assert_eq!(
        harness.state().actions,
        vec![Action::RemoveAccount {
            account: other,
            forget_otr: true
        }]
    );
    assert_eq!(harness.state().model.accounts().count(), 0);
}

#[test]
fn a_failed_registration_is_explained_with_what_to_do() {
    let mut harness = harness(seen(), ready_model());
    harness.state_mut().ui.set_screen(Screen::Accounts);
    harness.run();
    harness.get_by_label("XMPP (Jabber)").click();
    harness.run();
    harness.get_by_label("Server address").click();
    harness.run();
    harness.event(egui::Event::Text("xmpp.test".into()));
    harness.run();
    harness
        .get_by_label("Create a throwaway account on this server")
        .click();
    // A spinner turns while the server is asked: step instead of waiting for a still frame.
    harness.run_steps(2);
    assert!(
        harness
            .state()
            .actions
            .contains(&Action::RegisterThrowaway {
                server: "xmpp.test".into(),
                port: 5222
            })
    );
    harness.get_by_label_contains("Creating a throwaway account on xmpp.test through Tor");
    // The session's reason, as messenger-xmpp words it.
    harness.state_mut().ui.registration_finished(Err(
        "This server does not allow creating accounts from a client.".into(),
    ));
    harness.run();
    harness.get_by_label("No account was created on xmpp.test.");
    harness.get_by_label_contains("does not allow creating accounts from a client");
    harness.get_by_label_contains("Try again in a few minutes, or choose another server");
    harness.get_by_label("OK").click();
    harness.run();
    assert!(
        harness
            .query_by_label_contains("No account was created")
            .is_none()
    );
}

#[test]
fn a_successful_registration_says_so() {
    let mut harness = harness(seen(), ready_model());
    harness.state_mut().ui.set_screen(Screen::Accounts);
    harness
        .state_mut()
        .ui
        .registration_finished(Ok("tm0123456789ab@xmpp.test".into()));
    harness.run();
    harness.get_by_label_contains("tm0123456789ab@xmpp.test was created");
}

#[test]
fn check_for_updates_is_in_the_menu_and_shows_its_progress() {
    let mut harness = harness(seen(), ready_model());
    harness.run();
    harness.get_by_label("Menu").click();
    harness.run();
    harness.get_by_label("Check for updates").click();
    harness.run_steps(2);
    assert!(harness.state().actions.contains(&Action::CheckForUpdates));
    harness.get_by_label_contains("Asking for the signed list of releases through Tor");
    harness.state_mut().ui.set_update_status(
        UpdateStatus::UpToDate {
            current: "0.1.0".into(),
            latest: "0.1.0".into(),
        },
        true,
    );
    harness.run();
    harness.get_by_label("Up to date: you run 0.1.0, the latest release is 0.1.0.");
    harness.get_by_label("Close").click();
    harness.run();
    assert!(harness.query_by_label_contains("Up to date").is_none());
}

#[test]
fn a_periodic_check_only_leaves_a_notice() {
    let mut harness = harness(seen(), ready_model());
    harness.run();
    // Up to date: nothing to say.
    harness.state_mut().ui.set_update_status(
        UpdateStatus::UpToDate {
            current: "0.1.0".into(),
            latest: "0.1.0".into(),
        },
        false,
    );
    harness.run();
    assert!(harness.query_by_label_contains("Up to date").is_none());
    harness.state_mut().ui.set_update_status(
        UpdateStatus::Available {
            version: "0.2.0".into(),
            size: 1_000_000,
        },
        false,
    );
    harness.run();
    assert!(
        harness
            .query_by_label_contains("Nothing was downloaded")
            .is_none()
    );
    harness.get_by_label("Version 0.2.0 is available").click();
    harness.run();
    harness.get_by_label_contains("Nothing was downloaded");
    // The setting, off by default, is in the menu and in Settings.
    assert!(!harness.state().ui.settings().check_updates_periodically);
}

#[test]
fn the_periodic_check_setting_is_saved() {
    let mut harness = harness(seen(), ready_model());
    harness.state_mut().ui.set_screen(Screen::Settings);
    harness.run();
    harness
        .get_by_label("Check for updates once a day while Tor Messenger runs")
        .click();
    harness.run();
    assert!(harness.state().ui.settings().check_updates_periodically);
    assert!(
        harness
            .state()
            .actions
            .iter()
            .any(|a| matches!(a, Action::SettingsChanged(s) if s.check_updates_periodically))
    );
}

#[test]
fn a_long_room_stays_at_its_end_from_one_frame_to_the_next() {
    let mut model = ready_model();
    let account = model.add_account("OFTC", ProtocolKind::Irc);
    let room = Conversation::Room("#tor".into());
    for i in 0..400 {
        model.apply(
            account,
            incoming("bob", room.clone(), &format!("line {i}")),
            false,
        );
    }
    let id = model.find(account, &room).unwrap();
    model.activate(id);
    let mut harness = harness(seen(), model);
    harness.run();
    // Every further frame shows the end too (the view once swung between the end and an
    // empty stretch past it, frame after frame, and stopped on either).
    for frame in 0..6 {
        harness.step();
        assert!(
            harness.query_by_label("line 399").is_some(),
            "the last line is shown in frame {frame}"
        );
    }
}

#[test]
fn an_otr_key_that_could_not_be_deleted_is_reported_until_closed() {
    let mut harness = harness(seen(), ready_model());
    harness.state_mut().ui.account_removal_failed(
        "the account was removed, but its OTR key could not be deleted: disk full".into(),
    );
    harness.run();
    harness.get_by_label("The OTR key was not deleted");
    harness.get_by_label_contains("could not be deleted: disk full");
    harness.get_by_label("Close").click();
    harness.run();
    assert!(
        harness
            .query_by_label("The OTR key was not deleted")
            .is_none()
    );
}
