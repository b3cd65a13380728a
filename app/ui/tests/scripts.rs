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
    assert!(
        harness
            .query_all_by_label(&bidi::visual_right_to_left("گفتگوها"))
            .count()
            >= 1
    );
    harness.get_by_label(&bidi::visual_right_to_left("خصوصی، تأییدنشده"));
    harness.get_by_label(&bidi::visual("سلام، کسی می‌داند پل‌های جدید کار می‌کنند؟"));
    visit_every_screen(&mut harness);
    assert_eq!(
        harness
            .query_all_by_label(&bidi::visual_right_to_left("تنظیمات"))
            .count(),
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

/// How egui 0.37 itself lays out Arabic script, found here (DESIGN.md section 9): it shapes
/// with harfrust, one run per font, and each Arabic run right to left, but runs (words,
/// since spaces come from the Latin font) stay in logical order, so a Persian sentence reads
/// backwards word by word. `bidi::visual` therefore reorders runs only.
fn glyph_chars_left_to_right(text: &str) -> Vec<char> {
    let ctx = egui::Context::default();
    messenger_ui::fonts::install(&ctx, &[font(Script::Arabic)]);
    let mut output = ctx.run_ui(egui::RawInput::default(), |_| {});
    output.textures_delta.clear();
    let galley = ctx.fonts_mut(|fonts| {
        fonts.layout_no_wrap(
            text.to_owned(),
            egui::FontId::proportional(20.0),
            egui::Color32::WHITE,
        )
    });
    let mut glyphs: Vec<(f32, char)> = galley
        .rows
        .iter()
        .flat_map(|row| row.row.glyphs.iter().map(|g| (g.pos.x, g.chr)))
        .collect();
    glyphs.sort_by(|a, b| a.0.total_cmp(&b.0));
    // The font atlas changed while laying out; nothing uploads it here.
    let mut output = ctx.run_ui(egui::RawInput::default(), |_| {});
    output.textures_delta.clear();
    glyphs.into_iter().map(|(_, c)| c).collect()
}

#[test]
fn egui_reverses_an_arabic_word_but_not_the_order_of_words() {
    // One word: drawn right to left by egui already (first letter rightmost).
    let word = glyph_chars_left_to_right("سلام");
    println!("سلام drawn as {word:?}");
    assert_eq!(word.first(), Some(&'م'), "{word:?}");
    // Two words: egui keeps the first word on the left (wrong for Persian).
    let raw = glyph_chars_left_to_right("سلام دنیا");
    println!("raw sentence drawn as {raw:?}");
    let first_word_at = raw.iter().position(|c| *c == 'س').unwrap();
    let second_word_at = raw.iter().position(|c| *c == 'د').unwrap();
    assert!(first_word_at < second_word_at, "egui alone: {raw:?}");
    // After `bidi::visual` the first word is on the right, each still drawn right to left.
    let fixed = glyph_chars_left_to_right(&bidi::visual("سلام دنیا"));
    println!("ordered sentence drawn as {fixed:?}");
    let first_word_at = fixed.iter().position(|c| *c == 'س').unwrap();
    let second_word_at = fixed.iter().position(|c| *c == 'د').unwrap();
    assert!(first_word_at > second_word_at, "after bidi: {fixed:?}");
    assert_eq!(
        fixed.first(),
        Some(&'ا'),
        "last letter of the second word is leftmost"
    );
}
