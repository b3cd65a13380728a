//! Persian and Chinese draw with the fonts the bundle ships (kittest fails on any missing
//! glyph), on every screen. The fonts are read from the system paths the bundle copies them
//! from (Debian: fonts-noto-core, fonts-droid-fallback).

use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
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

/// How egui 0.37 itself lays out Arabic script, found here (docs/ARCHITECTURE.md section 13): it shapes
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

/// A harness over `model` in `language` with the Arabic-script font.
fn harness_with(language: Language, model: Model) -> Harness<'static, State> {
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
                fonts: Some(vec![font(Script::Arabic)]),
            },
        )
}

fn message(from: &str, body: &str) -> Event {
    Event::Message(IncomingMessage {
        from: from.into(),
        conversation: Conversation::Direct(from.into()),
        body: body.into(),
        kind: MessageKind::Normal,
        received: SystemTime::now(),
    })
}

#[test]
fn a_persian_message_is_right_aligned_and_breaks_in_reading_order() {
    let mut model = Model::new();
    model.tor = TorState::Ready;
    let account = model.add_account("OFTC", ProtocolKind::Irc);
    let short = "سلام دوست من";
    let words = [
        "امروز",
        "پل",
        "تازه",
        "کار",
        "می‌کند",
        "و",
        "پیام‌ها",
        "از",
        "راه",
        "Tor",
        "می‌روند",
    ];
    let long = std::iter::repeat_n(words.join(" "), 6)
        .collect::<Vec<_>>()
        .join(" ")
        + " پایان";
    model.apply(account, message("omid", short), false);
    model.apply(account, message("omid", "hello in English"), false);
    model.apply(account, message("omid", &long), false);
    let id = model
        .find(account, &Conversation::Direct("omid".into()))
        .unwrap();
    model.activate(id);
    let mut harness = harness_with(Language::English, model);
    harness.run();
    let persian = harness.get_by_label(&bidi::visual(short)).rect();
    let english = harness.get_by_label("hello in English").rect();
    assert!(
        persian.right() > english.right() + 200.0,
        "right-aligned: {persian:?} vs {english:?}"
    );
    assert!(persian.left() > english.left() + 200.0, "{persian:?}");
    // The long paragraph: several lines, the first holding its first words, each line in
    // right-to-left order, all aligned right.
    let node = harness
        .query_all_by_role(egui::accesskit::Role::Label)
        .find(|node| {
            node.accesskit_node()
                .value()
                .is_some_and(|label| label.contains('\n') && label.contains("پایان"))
        })
        .unwrap_or_else(|| {
            let labels: Vec<String> = harness
                .query_all_by_role(egui::accesskit::Role::Label)
                .filter_map(|node| node.accesskit_node().value())
                .collect();
            panic!("the long Persian message is not drawn: {labels:?}")
        });
    let label = node.accesskit_node().value().unwrap();
    let lines: Vec<&str> = label.lines().collect();
    assert!(lines.len() >= 2, "{lines:?}");
    assert!(
        lines[0].contains(&bidi::visual("امروز پل").into_owned()),
        "{lines:?}"
    );
    assert!(lines.last().unwrap().contains("پایان"), "{lines:?}");
    assert!(
        (node.rect().right() - persian.right()).abs() < 2.0,
        "{:?} vs {persian:?}",
        node.rect()
    );
}

#[test]
fn the_persian_ui_is_mirrored() {
    let mut harness = harness(Language::Persian);
    harness.run();
    // The conversation list is on the right, the Send button on the left of the field.
    let list = harness
        .get_all_by_label(&bidi::visual_right_to_left("گفتگوها"))
        .map(|node| node.rect())
        .find(|rect| rect.top() > 30.0)
        .expect("the list heading");
    assert!(list.left() > 800.0, "list heading at {list:?}");
    let send = harness
        .get_by_label(&bidi::visual_right_to_left("فرستادن"))
        .rect();
    let field = message_field(&harness).rect();
    assert!(send.right() <= field.left() + 1.0, "{send:?} {field:?}");
    // A message row reads from the right: time, then the name with its colon on the left.
    let prefix = harness
        .query_all_by_role(egui::accesskit::Role::Label)
        .filter_map(|node| node.accesskit_node().value())
        .find(|text| text.starts_with(":omid "))
        .expect("the message's name and time");
    assert!(prefix.ends_with(|c: char| c.is_ascii_digit()), "{prefix:?}");
    // The menu entries sit at the right end of the top bar.
    let menu = harness
        .get_by_label(&bidi::visual_right_to_left("فهرست"))
        .rect();
    assert!(menu.left() > 550.0, "{menu:?}");
}

#[test]
fn typed_persian_is_right_aligned_and_previewed_in_reading_order() {
    let mut harness = harness(Language::English);
    harness.run();
    message_field(&harness).click();
    harness.run();
    harness.event(egui::Event::Text("سلام دنیا".into()));
    harness.run();
    // egui's field shows logical order; the preview above shows how it will read.
    harness.get_by_label(&bidi::visual("سلام دنیا"));
}

/// The message input: the lowest text field.
fn message_field<'h>(harness: &'h Harness<'static, State>) -> egui_kittest::Node<'h> {
    harness
        .get_all_by_role(egui::accesskit::Role::TextInput)
        .max_by(|a, b| a.rect().top().total_cmp(&b.rect().top()))
        .expect("a text field")
}

#[test]
fn a_wrapped_persian_ui_paragraph_starts_with_its_first_words() {
    let settings = Settings {
        language: Language::Persian,
        ..Settings::default()
    };
    let mut harness = Harness::builder()
        .with_size(egui::vec2(900.0, 700.0))
        .build_ui_state(
            |ui, state: &mut State| {
                if let Some(fonts) = state.fonts.take() {
                    state.ui.install_fonts(ui.ctx(), &fonts);
                }
                let _ = state.ui.show(ui, &mut state.model);
            },
            State {
                ui: MessengerUi::new(settings),
                model: Model::new(),
                fonts: Some(vec![font(Script::Arabic)]),
            },
        );
    harness.run();
    let logical =
        messenger_ui::Localizer::new(Language::Persian).logical("first-run-protects", &[]);
    let first_words: Vec<&str> = logical.split(' ').take(2).collect();
    let last_word = logical.split(' ').next_back().unwrap();
    let shown = harness
        .query_all_by_role(egui::accesskit::Role::Label)
        .filter_map(|node| node.accesskit_node().value())
        .find(|text| {
            text.contains('\n') && text.contains(&bidi::visual_in(last_word, true).into_owned())
        })
        .expect("the first-run paragraph, wrapped");
    let lines: Vec<&str> = shown.lines().collect();
    assert!(lines.len() >= 2, "{lines:?}");
    assert!(
        lines[0].contains(&bidi::visual_in(&first_words.join(" "), true).into_owned()),
        "first line {:?} should hold {first_words:?}",
        lines[0]
    );
    assert!(
        lines
            .last()
            .unwrap()
            .contains(&bidi::visual_in(last_word, true).into_owned())
    );
}
