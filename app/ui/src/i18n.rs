//! Every word the UI shows comes from Fluent files under `locales/<language>/main.ftl`,
//! compiled into the binary. A key missing in a translation falls back to English.

use crate::bidi;
use fluent_bundle::{FluentArgs, FluentBundle, FluentResource, FluentValue};
use serde::{Deserialize, Serialize};
use unic_langid::LanguageIdentifier;

/// A language the UI ships.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum Language {
    /// English (the reference).
    #[default]
    #[serde(rename = "en")]
    English,
    /// German.
    #[serde(rename = "de")]
    German,
    /// French.
    #[serde(rename = "fr")]
    French,
    /// Spanish.
    #[serde(rename = "es")]
    Spanish,
    /// Russian.
    #[serde(rename = "ru")]
    Russian,
    /// Brazilian Portuguese.
    #[serde(rename = "pt-BR")]
    BrazilianPortuguese,
    /// Turkish.
    #[serde(rename = "tr")]
    Turkish,
    /// Persian (written right to left in Arabic script).
    #[serde(rename = "fa")]
    Persian,
    /// Simplified Chinese.
    #[serde(rename = "zh-CN")]
    SimplifiedChinese,
}

/// The writing systems that need a font beyond egui's defaults.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Script {
    /// Arabic script (Persian).
    Arabic,
    /// Chinese characters.
    Han,
}

impl Language {
    /// Every shipped language, in the order the settings list shows them.
    pub const ALL: [Language; 9] = [
        Language::English,
        Language::German,
        Language::French,
        Language::Spanish,
        Language::Russian,
        Language::BrazilianPortuguese,
        Language::Turkish,
        Language::Persian,
        Language::SimplifiedChinese,
    ];

    /// The BCP 47 tag, also the folder name under `locales/`.
    pub fn code(self) -> &'static str {
        match self {
            Language::English => "en",
            Language::German => "de",
            Language::French => "fr",
            Language::Spanish => "es",
            Language::Russian => "ru",
            Language::BrazilianPortuguese => "pt-BR",
            Language::Turkish => "tr",
            Language::Persian => "fa",
            Language::SimplifiedChinese => "zh-CN",
        }
    }

    /// The language's name in itself, as the language menu shows it.
    pub fn native_name(self) -> &'static str {
        match self {
            Language::English => "English",
            Language::German => "Deutsch",
            Language::French => "Français",
            Language::Spanish => "Español",
            Language::Russian => "Русский",
            Language::BrazilianPortuguese => "Português (Brasil)",
            Language::Turkish => "Türkçe",
            Language::Persian => "فارسی",
            Language::SimplifiedChinese => "简体中文",
        }
    }

    /// The name in Latin letters, for when the language's own script has no font loaded.
    pub fn latin_name(self) -> &'static str {
        match self {
            Language::Persian => "Farsi",
            Language::SimplifiedChinese => "Zhongwen (jianti)",
            other => other.native_name(),
        }
    }

    /// The language with tag `code`, if shipped.
    pub fn from_code(code: &str) -> Option<Language> {
        Language::ALL.into_iter().find(|l| l.code() == code)
    }

    /// Whether it is written right to left.
    pub fn is_right_to_left(self) -> bool {
        matches!(self, Language::Persian)
    }

    /// The script beyond Latin, Cyrillic and Greek it needs a font for, if any.
    pub fn script(self) -> Option<Script> {
        match self {
            Language::Persian => Some(Script::Arabic),
            Language::SimplifiedChinese => Some(Script::Han),
            _ => None,
        }
    }

    /// The Fluent source of this language.
    pub fn source(self) -> &'static str {
        match self {
            Language::English => include_str!("../locales/en/main.ftl"),
            Language::German => include_str!("../locales/de/main.ftl"),
            Language::French => include_str!("../locales/fr/main.ftl"),
            Language::Spanish => include_str!("../locales/es/main.ftl"),
            Language::Russian => include_str!("../locales/ru/main.ftl"),
            Language::BrazilianPortuguese => include_str!("../locales/pt-BR/main.ftl"),
            Language::Turkish => include_str!("../locales/tr/main.ftl"),
            Language::Persian => include_str!("../locales/fa/main.ftl"),
            Language::SimplifiedChinese => include_str!("../locales/zh-CN/main.ftl"),
        }
    }
}

/// Looks up UI strings in the chosen language, falling back to English.
pub struct Localizer {
    language: Language,
    chosen: FluentBundle<FluentResource>,
    english: FluentBundle<FluentResource>,
}

impl std::fmt::Debug for Localizer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Localizer")
            .field("language", &self.language)
            .finish_non_exhaustive()
    }
}

impl Localizer {
    /// A localizer for `language`.
    pub fn new(language: Language) -> Localizer {
        Localizer {
            language,
            chosen: bundle(language),
            english: bundle(Language::English),
        }
    }

    /// The language it speaks.
    pub fn language(&self) -> Language {
        self.language
    }

    /// The text of `key`, ready to draw (right-to-left text already in visual order).
    pub fn t(&self, key: &str) -> String {
        self.format(key, None)
    }

    /// The text of `key` with named arguments (`{ $name }` in the Fluent source).
    pub fn f(&self, key: &str, args: &[(&str, Arg<'_>)]) -> String {
        self.format(key, Some(&fluent_args(args)))
    }

    /// The text of `key` (with `args`) in logical order, for a paragraph that is broken
    /// into lines before it is ordered for display (`layout::paragraph`).
    pub fn logical(&self, key: &str, args: &[(&str, Arg<'_>)]) -> String {
        self.raw(key, Some(&fluent_args(args)))
    }

    fn raw(&self, key: &str, args: Option<&FluentArgs<'_>>) -> String {
        format_in(&self.chosen, key, args)
            .or_else(|| format_in(&self.english, key, args))
            // A key missing everywhere is a bug the key test catches; show the key, not nothing.
            .unwrap_or_else(|| key.to_owned())
    }

    fn format(&self, key: &str, args: Option<&FluentArgs<'_>>) -> String {
        let text = self.raw(key, args);
        if self.language.is_right_to_left() {
            bidi::visual_right_to_left(&text).into_owned()
        } else {
            bidi::visual(&text).into_owned()
        }
    }

    /// Whether `key` exists in `language`'s own file (no fallback).
    pub fn has_key(language: Language, key: &str) -> bool {
        bundle(language).has_message(key)
    }
}

/// A value for a placeholder.
#[derive(Debug, Clone, Copy)]
pub enum Arg<'a> {
    /// Text (a name, a question).
    Text(&'a str),
    /// A number (selects plural forms).
    Number(f64),
}

fn fluent_args<'a>(args: &[(&'a str, Arg<'a>)]) -> FluentArgs<'a> {
    let mut fluent_args = FluentArgs::new();
    for (name, value) in args {
        match value {
            Arg::Text(text) => fluent_args.set(*name, FluentValue::from(*text)),
            Arg::Number(number) => fluent_args.set(*name, FluentValue::from(*number)),
        }
    }
    fluent_args
}

fn bundle(language: Language) -> FluentBundle<FluentResource> {
    let id: LanguageIdentifier = language.code().parse().unwrap_or_default();
    let mut bundle = FluentBundle::new(vec![id]);
    // Isolation marks would reach the screen as boxes; bidi ordering is done by `bidi`.
    bundle.set_use_isolating(false);
    let resource = match FluentResource::try_new(language.source().to_owned()) {
        Ok(resource) => resource,
        // A syntax error keeps the messages that parsed; the locale test fails on any error.
        Err((resource, _errors)) => resource,
    };
    // Duplicate keys keep the first definition; the locale test rejects duplicates.
    let _ = bundle.add_resource(resource);
    bundle
}

fn format_in(
    bundle: &FluentBundle<FluentResource>,
    key: &str,
    args: Option<&FluentArgs<'_>>,
) -> Option<String> {
    let pattern = bundle.get_message(key)?.value()?;
    let mut errors = Vec::new();
    Some(
        bundle
            .format_pattern(pattern, args, &mut errors)
            .into_owned(),
    )
}

/// The message keys of a Fluent source, in file order.
pub fn keys_of(source: &str) -> Vec<String> {
    source
        .lines()
        .filter(|line| line.starts_with(|c: char| c.is_ascii_lowercase()))
        .filter_map(|line| line.split_once('=').map(|(key, _)| key.trim().to_owned()))
        .collect()
}
