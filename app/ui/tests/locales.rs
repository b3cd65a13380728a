//! Every locale has every key of the English file, no extra or duplicate keys, parses
//! without errors, and every key the code asks for exists.

use fluent_bundle::FluentResource;
use messenger_ui::i18n::keys_of;
use messenger_ui::{Language, Localizer};
use std::collections::BTreeSet;
use std::path::Path;

#[test]
fn every_locale_parses_and_has_exactly_the_english_keys() {
    let english: BTreeSet<String> = keys_of(Language::English.source()).into_iter().collect();
    assert!(english.len() > 100, "{} keys", english.len());
    for language in Language::ALL {
        let source = language.source();
        if let Err((_, errors)) = FluentResource::try_new(source.to_owned()) {
            panic!("{}: Fluent syntax errors: {errors:?}", language.code());
        }
        let keys = keys_of(source);
        let unique: BTreeSet<String> = keys.iter().cloned().collect();
        assert_eq!(
            keys.len(),
            unique.len(),
            "{}: duplicate keys",
            language.code()
        );
        let missing: Vec<_> = english.difference(&unique).collect();
        let extra: Vec<_> = unique.difference(&english).collect();
        assert!(missing.is_empty(), "{} lacks {missing:?}", language.code());
        assert!(
            extra.is_empty(),
            "{} has unknown {extra:?}",
            language.code()
        );
        for key in &unique {
            assert!(
                Localizer::has_key(language, key),
                "{}: {key}",
                language.code()
            );
        }
    }
}

#[test]
fn translations_are_not_copies_of_english() {
    for language in Language::ALL.into_iter().skip(1) {
        let localizer = Localizer::new(language);
        let english = Localizer::new(Language::English);
        let same = [
            "first-run-protects",
            "nav-settings",
            "otr-not-private",
            "verify-title",
        ]
        .into_iter()
        .filter(|key| localizer.t(key) == english.t(key))
        .count();
        assert_eq!(same, 0, "{} still has English text", language.code());
    }
}

#[test]
fn placeholders_and_plurals_are_filled() {
    use messenger_ui::i18n::Arg;
    let german = Localizer::new(Language::German);
    assert_eq!(
        german.f("members-title", &[("count", Arg::Number(1.0))]),
        "1 Mitglied"
    );
    assert_eq!(
        german.f("members-title", &[("count", Arg::Number(5000.0))]),
        "5000 Mitglieder"
    );
    let russian = Localizer::new(Language::Russian);
    let few = russian.f("members-title", &[("count", Arg::Number(3.0))]);
    assert!(few.starts_with('3'), "{few}");
}

#[test]
fn every_key_used_in_the_code_exists() {
    let english: BTreeSet<String> = keys_of(Language::English.source()).into_iter().collect();
    let mut used = BTreeSet::new();
    collect_keys(
        Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/src")),
        &mut used,
    );
    assert!(
        used.len() > 80,
        "found only {} keys in the code",
        used.len()
    );
    let unknown: Vec<_> = used.difference(&english).collect();
    assert!(unknown.is_empty(), "keys used but not defined: {unknown:?}");
}

/// Finds string literals that look like message keys (`"word-word"`) in the sources.
fn collect_keys(dir: &Path, keys: &mut BTreeSet<String>) {
    for entry in std::fs::read_dir(dir).expect("the source folder is readable") {
        let path = entry.expect("a directory entry").path();
        if path.is_dir() {
            collect_keys(&path, keys);
        } else if path.extension().is_some_and(|e| e == "rs") {
            let text = std::fs::read_to_string(&path).expect("a source file is readable");
            for literal in text.split('"').skip(1).step_by(2) {
                let is_key = literal.contains('-')
                    && literal
                        .chars()
                        .all(|c| c.is_ascii_lowercase() || c == '-' || c.is_ascii_digit())
                    && literal.starts_with(|c: char| c.is_ascii_lowercase());
                let is_bare_key = matches!(literal, "topic");
                if (is_key || is_bare_key) && !NOT_KEYS.contains(&literal) {
                    keys.insert(literal.to_owned());
                }
            }
        }
    }
}

/// Literals of that shape that are not message keys.
const NOT_KEYS: &[&str] = &["pt-br"];
