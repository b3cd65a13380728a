//! Sample screens for the documentation screenshots (`--showcase NAME`, used only by
//! `scripts/screenshots`): the real UI over a model filled with invented content, with no
//! network at all.

use clap::ValueEnum;
use messenger_chat::{Model, OtrDetail, OtrStatus, TorState};
use messenger_protocol::{
    Command, Conversation, DisconnectReason, Event, IncomingMessage, MessageKind, OutgoingId,
    ProtocolKind,
};
use messenger_ui::{MessengerUi, Screen};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// When the sample conversations start: a fixed time (2026-05-14 08:00 UTC), not the clock,
/// so the screenshots are the same at every run.
const START_SECONDS: u64 = 1_778_745_600;

/// Which screen to show.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum Showcase {
    /// The first-run explanation.
    FirstRun,
    /// Tor still bootstrapping, accounts offline.
    Bootstrap,
    /// Accounts with a pin mismatch and an online account.
    Accounts,
    /// A busy IRC room with 5,000 members.
    Room,
    /// A private XMPP conversation, OTR private but unverified, from an unrecognized computer.
    Private,
    /// The verify dialog.
    Verify,
    /// Settings.
    Settings,
    /// The update dialog after a check found a newer release.
    Update,
    /// Persian text drawn by egui as is (left) and after shaping and ordering (right).
    Rtl,
}

/// Fills `model` and sets up `ui` for `showcase`.
pub(crate) fn populate(showcase: Showcase, model: &mut Model, ui: &mut MessengerUi) {
    model.tor = TorState::Ready;
    let oftc = model.add_account("OFTC", ProtocolKind::Irc);
    let xmpp = model.add_account("jabber.calyxinstitute.org", ProtocolKind::Xmpp);
    let start = UNIX_EPOCH + Duration::from_secs(START_SECONDS);
    // What the model stamps itself (typed messages, notes) gets fixed times too.
    model.freeze_clock(start + Duration::from_secs(2990));
    match showcase {
        Showcase::FirstRun => {}
        Showcase::Bootstrap => {
            model.tor = TorState::Bootstrapping { progress: 45 };
            ui.set_screen(Screen::Accounts);
        }
        Showcase::Accounts => {
            model.apply(
                oftc,
                Event::Disconnected {
                    reason: DisconnectReason::TlsRefused(
                        "certificate does not match its pin".into(),
                    ),
                    retry_in: None,
                },
                false,
            );
            model.apply(
                xmpp,
                Event::Connected {
                    own_name: "river@jabber.calyxinstitute.org".into(),
                },
                false,
            );
            ui.set_screen(Screen::Accounts);
        }
        Showcase::Room | Showcase::Settings => {
            fill_room(model, oftc, start);
            fill_private(model, xmpp, start);
            if showcase == Showcase::Settings {
                ui.set_screen(Screen::Settings);
            }
        }
        Showcase::Private | Showcase::Verify => {
            fill_room(model, oftc, start);
            let id = fill_private(model, xmpp, start);
            model.activate(id);
            if ui.language().is_right_to_left() {
                // Shows egui's text field with Persian being typed, and the preview above it.
                ui.set_input(id, "پل‌های تازه را امتحان کردم، کار می‌کنند");
            }
            if showcase == Showcase::Verify {
                ui.open_verify(id);
            }
        }
        Showcase::Update => {
            let id = fill_private(model, xmpp, start);
            model.activate(id);
            ui.set_updates_configured(true);
            ui.set_update_status(
                messenger_ui::UpdateStatus::Available {
                    version: "0.2.0".into(),
                    size: 98_765_432,
                },
                true,
            );
        }
        Showcase::Rtl => {}
    }
}

fn fill_room(model: &mut Model, account: messenger_chat::AccountId, start: SystemTime) {
    model.apply(
        account,
        Event::Connected {
            own_name: "river".into(),
        },
        false,
    );
    let room = "#tor".to_string();
    let members: Vec<String> = (0..5_000)
        .map(|i| format!("{}{}", NAMES[i % NAMES.len()], i / NAMES.len()))
        .collect();
    model.apply(
        account,
        Event::Members {
            room: room.clone(),
            members,
        },
        false,
    );
    model.apply(
        account,
        Event::Topic {
            room: room.clone(),
            topic: "Tor support | be kind | never paste secrets".into(),
        },
        false,
    );
    for (i, line) in ROOM_LINES.iter().cycle().take(400).enumerate() {
        let (from, body) = line;
        model.apply(
            account,
            Event::Message(IncomingMessage {
                from: (*from).into(),
                conversation: Conversation::Room(room.clone()),
                body: (*body).into(),
                kind: MessageKind::Normal,
                received: start + Duration::from_secs(i as u64 * 9),
            }),
            false,
        );
    }
    let id = model.open(account, Conversation::Room(room));
    model.activate(id);
    let _ = Command::Connect;
}

fn fill_private(
    model: &mut Model,
    account: messenger_chat::AccountId,
    start: SystemTime,
) -> messenger_chat::ConversationId {
    model.apply(
        account,
        Event::Connected {
            own_name: "river@jabber.calyxinstitute.org".into(),
        },
        false,
    );
    let alice = "alice@jabber.ccc.de".to_string();
    for (contact, available) in [(alice.as_str(), true), ("sam@jabber.systemli.org", false)] {
        model.apply(
            account,
            Event::Presence {
                contact: contact.into(),
                available,
            },
            false,
        );
    }
    let id = model.open(account, Conversation::Direct(alice.clone()));
    model.set_otr_status(
        id,
        OtrStatus::Unverified,
        "Private conversation started (not verified).",
    );
    if let Some(conversation) = model.conversation_mut(id) {
        conversation.otr_detail = OtrDetail {
            own_fingerprint: Some("3F2A91C0 5D7E8B14 A6C9022F 71E4B3D8 0C5A6E19".into()),
            peer_fingerprint: Some("B81C44E2 09F7A3D6 5E2C8B91 D40F6A73 19E5C2B8".into()),
            unrecognized: true,
            ..OtrDetail::default()
        };
    }
    let lines = [
        (false, "Hi, are you there?"),
        (true, "Yes. Is this the new laptop?"),
        (
            false,
            "It is. See https://example.org/notes for the draft (paste the link yourself).",
        ),
        (true, "Let's verify first, then I send the contact list."),
        (
            false,
            "Fine. While you check: the meeting moved to Thursday, the old address is no longer \
             safe, and everyone should bring the printed fingerprints we exchanged last month, \
             so that we can compare them in person before anything sensitive is shared again.",
        ),
        (
            false,
            "سلام، کسی می‌داند پل‌های جدید کار می‌کنند؟ من از دیروز نمی‌توانم بدون پل وصل شوم و \
             می‌خواهم پیش از جلسه مطمئن شوم.",
        ),
    ];
    for (i, (mine, text)) in lines.iter().enumerate() {
        if *mine {
            model.freeze_clock(start + Duration::from_secs(3000 + i as u64 * 40));
            model.record_outgoing(id, OutgoingId(i as u64), text, MessageKind::Normal);
            model.apply(
                account,
                Event::Sent {
                    id: OutgoingId(i as u64),
                },
                false,
            );
        } else {
            model.apply(
                account,
                Event::Message(IncomingMessage {
                    from: alice.clone(),
                    conversation: Conversation::Direct(alice.clone()),
                    body: (*text).into(),
                    kind: MessageKind::Normal,
                    received: start + Duration::from_secs(3000 + i as u64 * 40),
                }),
                true,
            );
        }
    }
    model.freeze_clock(start + Duration::from_secs(3000 + lines.len() as u64 * 40));
    model.record_outgoing(
        id,
        OutgoingId(99),
        "Are you still online?",
        MessageKind::Normal,
    );
    model.apply(
        account,
        Event::SendFailed {
            id: OutgoingId(99),
            reason: "not connected".into(),
        },
        false,
    );
    id
}

const NAMES: &[&str] = &[
    "ada", "bashir", "chen", "dana", "emre", "farah", "gabo", "hana", "ivo", "jun", "kofi", "lena",
    "mina", "nilo", "omid", "pia",
];

const ROOM_LINES: &[(&str, &str)] = &[
    (
        "ada3",
        "Does anyone know if the new bridges work from here?",
    ),
    (
        "omid1",
        "obfs4 worked for me this morning, snowflake is slower",
    ),
    (
        "chen0",
        "\u{3}04Reminder:\u{3} never share your bridge lines in public channels",
    ),
    ("farah2", "thanks, obfs4 it is"),
    (
        "jun7",
        "is https://example.org a safe mirror? (links here are only text)",
    ),
    ("lena1", "check the signature, not the site: gpg --verify"),
    ("emre5", "سلام، کسی می‌داند پل‌های جدید کار می‌کنند؟"),
    ("mina0", "hello from Tor Messenger, over Tor all the way"),
];

/// The window that compares Persian as egui draws it with and without our shaping.
pub(crate) struct RtlCompare;

impl eframe::App for RtlCompare {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        let samples = [
            "سلام دنیا",
            "گفتگوی خصوصی شروع شد",
            "تأیید هویت مخاطب",
            "پیامی بنویسید و Enter را بزنید",
            "مرحلهٔ ۲ از ۴: Tor 0.4.9",
        ];
        egui::CentralPanel::default().show(ui, |ui| {
            ui.heading("egui 0.37 and Persian (right-to-left, Arabic script)");
            ui.add_space(12.0);
            egui::Grid::new("rtl")
                .num_columns(2)
                .spacing([60.0, 18.0])
                .show(ui, |ui| {
                    ui.strong("egui alone (before)");
                    ui.strong("with messenger-ui::bidi (unicode-bidi run order)");
                    ui.end_row();
                    for text in samples {
                        ui.label(egui::RichText::new(text).size(26.0));
                        ui.label(egui::RichText::new(messenger_ui::bidi::visual(text)).size(26.0));
                        ui.end_row();
                    }
                });
        });
    }
}
