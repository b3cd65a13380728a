//! Persian and Chinese draw with the fonts the bundle ships (kittest fails on any missing
//! glyph), on every screen. The fonts are read from the system paths the bundle copies them
//! from (Debian: fonts-noto-core, fonts-droid-fallback).

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use messenger_chat::{Model, OtrStatus, TorState};
use messenger_protocol::{Conversation, Event, IncomingMessage, MessageKind, ProtocolKind};
use messenger_ui::fonts::{ScriptFont, candidates};
use messenger_ui::{Language, MessengerUi, Screen, Script, Settings, bidi};
use std::time::SystemTime;

fn font(script: Script) -> ScriptFont {
    let path = candidates(script)
        .iter()
        .find(|p| p.starts_with('/') && std::path::Path::new(p).exists())
        .unwrap_or_else(|| {
            panic!("no font for {script:?}: install fonts-noto-core and fonts-droid-fallback")
        });
    ScriptFont {
        script,
        bytes: std::fs::read(path).expect("the font file is readable"),
    }
}

struct State {
    ui: MessengerUi,
    model: Model,
    fonts: Option<Vec<ScriptFont>>,
}

fn harness(language: Language) -> Harness<'static, State> {
    let mut fonts = vec![font(Script::Arabic)];
    if language == Language::SimplifiedChinese {
        fonts.push(font(Script::Han));
    }
    let mut model = Model::new();
    model.tor = TorState::Ready;
    let account = model.add_account("OFTC", ProtocolKind::Irc);
    model.apply(
        account,
        Event::Message(IncomingMessage {
            from: "omid".into(),
            conversation: Conversation::Direct("omid".into()),
            body: "سلام، کسی می‌داند پل‌های جدید کار می‌کنند؟".into(),
            kind: MessageKind::Normal,
            received: SystemTime::now(),
        }),
        false,
    );
    let id = model
        .find(account, &Conversation::Direct("omid".into()))
        .expect("opened by the message");
    model.activate(id);
    model.set_otr_status(id, OtrStatus::Unverified, "ok");
    if let Some(conversation) = model.conversation_mut(id) {
        conversation.otr_detail.unrecognized = true;
    }
    let settings = Settings {
        first_run_done: true,
        language,
        ..Settings::default()
    };
    Harness::builder()
        .with_size(egui::vec2(1100.0, 700.0))
        .build_ui_state(
            |ui, state: &mut State| {
                if let Some(fonts) = state.fonts.take() {
                    state.ui.install_fonts(ui.ctx(), &fonts);
                }
                let _ = state.ui.show(ui, &mut state.model);
            },
            State {
                ui: MessengerUi::new(settings),
                model,
                fonts: Some(fonts),
            },
        )
}

fn visit_every_screen(harness: &mut Harness<'static, State>) {
    for screen in [Screen::Chats, Screen::Accounts, Screen::Settings] {
        harness.state_mut().ui.set_screen(screen);
        harness.run();
    }
}

#[test]
fn persian_draws_shaped_and_in_visual_order() {
    let mut harness = harness(Language::Persian);
    harness.run();
    // Labels carry the shaped, visually ordered text that egui draws.
    assert!(harness.query_all_by_label(&bidi::visual("گفتگوها")).count() >= 1);
    harness.get_by_label(&bidi::visual("خصوصی، تأییدنشده"));
    harness.get_by_label(&bidi::visual("سلام، کسی می‌داند پل‌های جدید کار می‌کنند؟"));
    visit_every_screen(&mut harness);
    assert_eq!(
        harness.query_all_by_label(&bidi::visual("تنظیمات")).count(),
        2
    );
}

#[test]
fn chinese_draws_with_the_cjk_font() {
    let mut harness = harness(Language::SimplifiedChinese);
    harness.run();
    assert!(harness.query_all_by_label("对话").count() >= 1);
    harness.get_by_label("私密，未验证");
    visit_every_screen(&mut harness);
    assert_eq!(
        harness.query_all_by_label("设置").count(),
        2,
        "menu and heading"
    );
}

#[test]
fn the_language_menu_names_languages_in_their_own_script_once_fonts_are_loaded() {
    let mut harness = harness(Language::English);
    harness.state_mut().ui.set_screen(Screen::Settings);
    harness.run();
    harness
        .get_by_role_and_label(egui::accesskit::Role::ComboBox, "Language")
        .click();
    harness.run();
    harness.get_by_label(&bidi::visual("فارسی"));
    // No CJK font loaded for an English UI: Chinese is named in Latin letters, not boxes.
    harness.get_by_label("Zhongwen (jianti)");
}
