//! Fonts beyond egui's defaults, for scripts the default fonts lack (Arabic script, Chinese).
//!
//! The files are not compiled in (they are large): the binary reads them at run time from
//! the bundle's `fonts/` folder or the system's font folder, and only for a language that
//! needs them, then hands the bytes to [`install`].

use crate::i18n::Script;
use std::sync::Arc;

/// A font file's bytes for one script.
#[derive(Debug, Clone)]
pub struct ScriptFont {
    /// The script it covers.
    pub script: Script,
    /// The TrueType data.
    pub bytes: Vec<u8>,
}

/// File names to look for, in order, for `script`: first in the bundle's `fonts/`
/// folder, then as absolute system paths (Debian packages fonts-noto-core and
/// fonts-droid-fallback).
pub fn candidates(script: Script) -> &'static [&'static str] {
    match script {
        // Noto Sans Arabic (OFL) maps the Arabic presentation forms that `bidi` produces.
        Script::Arabic => &[
            "NotoSansArabic-Regular.ttf",
            "/usr/share/fonts/truetype/noto/NotoSansArabic-Regular.ttf",
        ],
        // Droid Sans Fallback (Apache 2.0) covers the CJK ideographs.
        Script::Han => &[
            "DroidSansFallbackFull.ttf",
            "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
        ],
    }
}

/// Installs egui's default fonts plus `extra` as fallbacks for both font families.
pub fn install(ctx: &egui::Context, extra: &[ScriptFont]) {
    let mut definitions = egui::FontDefinitions::default();
    for font in extra {
        let name = match font.script {
            Script::Arabic => "arabic",
            Script::Han => "han",
        };
        definitions.font_data.insert(
            name.to_owned(),
            Arc::new(egui::FontData::from_owned(font.bytes.clone())),
        );
        for family in [egui::FontFamily::Proportional, egui::FontFamily::Monospace] {
            definitions
                .families
                .entry(family)
                .or_default()
                .push(name.to_owned());
        }
    }
    ctx.set_fonts(definitions);
}
