//! Right-to-left text on egui 0.37.
//!
//! What egui 0.37 does, found with `tests/scripts.rs` and `docs/screenshots/rtl-before-after.png`:
//! it shapes text with harfrust, one run per font, and lays each Arabic-script run out right
//! to left with correct joining; but it has no bidirectional algorithm, so runs stay in
//! logical order. Spaces come from the Latin font, so every Persian word is its own run and
//! a sentence reads backwards word by word (and Latin words or numbers inside it land in
//! the wrong place).
//!
//! The fix here: order the text with the Unicode Bidirectional Algorithm (`unicode-bidi`),
//! then put each Arabic-script run back in logical order, because egui reverses those runs
//! itself when it shapes them. Joining and ligatures stay harfrust's job (no presentation
//! forms). Text without right-to-left characters is returned untouched after one scan.

use std::borrow::Cow;
use unicode_bidi::{BidiInfo, Level};

/// `text` in the order egui must receive it, with the paragraph direction taken from the
/// first strong character (messages, names).
pub fn visual(text: &str) -> Cow<'_, str> {
    order(text, None)
}

/// `text` in the order egui must receive it, in a right-to-left paragraph (the UI strings of
/// a right-to-left language, which may start with a Latin name).
pub fn visual_right_to_left(text: &str) -> Cow<'_, str> {
    order(text, Some(Level::rtl()))
}

/// `text` in the order egui must receive it, in a paragraph of the given direction (one line
/// of a paragraph broken by [`break_lines`] keeps the paragraph's direction).
pub fn visual_in(text: &str, right_to_left: bool) -> Cow<'_, str> {
    let level = if right_to_left {
        Level::rtl()
    } else {
        Level::ltr()
    };
    order(text, Some(level))
}

/// Whether a paragraph is right to left: its first strong character is (Unicode rule P2;
/// a text without any strong character is left to right).
pub fn is_right_to_left_paragraph(text: &str) -> bool {
    // Fast path: no right-to-left character at all.
    text.chars().any(is_right_to_left)
        && unicode_bidi::get_base_direction(text) == unicode_bidi::Direction::Rtl
}

/// Breaks `text` (logical order) into lines no wider than `max_width`, at spaces, measuring
/// a piece with `measure`. Breaking must happen in logical order, before [`visual_in`]
/// orders each line: egui breaks the text it is given from left to right, which for a
/// right-to-left paragraph would put its end on the first line. A word wider than the line
/// gets a line of its own. Explicit newlines are kept as line ends.
pub fn break_lines(text: &str, max_width: f32, mut measure: impl FnMut(&str) -> f32) -> Vec<&str> {
    let mut lines = Vec::new();
    let space = measure(" ");
    for paragraph in text.split('\n') {
        let mut start: Option<usize> = None;
        let mut end = 0;
        let mut width = 0.0;
        for (at, word) in words(paragraph) {
            let word_width = measure(word);
            match start {
                None => {
                    start = Some(at);
                    width = word_width;
                }
                Some(from) if width + space + word_width > max_width => {
                    lines.push(&paragraph[from..end]);
                    start = Some(at);
                    width = word_width;
                }
                Some(_) => width += space + word_width,
            }
            end = at + word.len();
        }
        match start {
            Some(from) => lines.push(&paragraph[from..end]),
            None => lines.push(""),
        }
    }
    lines
}

/// The words of `text` (split at spaces) with their byte offsets.
fn words(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.split(' ')
        .scan(0, |at, word| {
            let start = *at;
            *at += word.len() + 1;
            Some((start, word))
        })
        .filter(|(_, word)| !word.is_empty())
}

fn order(text: &str, base: Option<Level>) -> Cow<'_, str> {
    if !text.chars().any(is_right_to_left) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    for (index, line) in text.split('\n').enumerate() {
        if index > 0 {
            out.push('\n');
        }
        let info = BidiInfo::new(line, base);
        for paragraph in &info.paragraphs {
            let ordered = reorder_mirrored(&info, paragraph);
            restore_arabic_runs(&ordered, &mut out);
        }
    }
    Cow::Owned(out)
}

/// The paragraph in visual order: runs placed by the bidi algorithm, right-to-left runs
/// reversed, and in them paired brackets mirrored (Unicode rule L4: "(" at a right-to-left
/// level is drawn as ")"; neither `unicode-bidi`'s `reorder_line` nor egui does it, and
/// "XMPP (جابر)" in a Persian string would show as ")جابر( XMPP").
fn reorder_mirrored(info: &BidiInfo<'_>, paragraph: &unicode_bidi::ParagraphInfo) -> String {
    let line = paragraph.range.clone();
    let (levels, runs) = info.visual_runs(paragraph, line);
    let mut ordered = String::with_capacity(paragraph.range.len());
    for run in runs {
        let Some(text) = info.text.get(run.clone()) else {
            continue;
        };
        if levels.get(run.start).is_some_and(|level| level.is_rtl()) {
            ordered.extend(text.chars().rev().map(mirrored));
        } else {
            ordered.push_str(text);
        }
    }
    ordered
}

/// The mirror image of a paired bracket (the common ones; Bidi_Mirroring_Glyph).
fn mirrored(c: char) -> char {
    match c {
        '(' => ')',
        ')' => '(',
        '[' => ']',
        ']' => '[',
        '{' => '}',
        '}' => '{',
        '<' => '>',
        '>' => '<',
        '«' => '»',
        '»' => '«',
        '‹' => '›',
        '›' => '‹',
        other => other,
    }
}

/// Copies `visual` to `out`, reversing each run of characters egui will shape right to left
/// (so that its reversal gives the visual order back), and dropping bidi controls (their
/// work is done, and egui would draw them as boxes).
fn restore_arabic_runs(visual: &str, out: &mut String) {
    let mut run: Vec<char> = Vec::new();
    for c in visual.chars().filter(|c| !is_bidi_control(*c)) {
        if is_shaped_right_to_left(c) {
            run.push(c);
        } else {
            out.extend(run.drain(..).rev());
            out.push(c);
        }
    }
    out.extend(run.drain(..).rev());
}

/// Whether `c` belongs to a right-to-left script (Hebrew, Arabic and their forms).
pub fn is_right_to_left(c: char) -> bool {
    matches!(c as u32, 0x0590..=0x08FF | 0xFB1D..=0xFDFF | 0xFE70..=0xFEFF)
}

/// Characters that end up in an Arabic-script run egui shapes right to left: letters and
/// marks of those scripts and the joiners, not digits (a run of digits is shaped left to
/// right).
fn is_shaped_right_to_left(c: char) -> bool {
    let digit = matches!(c as u32, 0x0660..=0x0669 | 0x06F0..=0x06F9);
    (is_right_to_left(c) && !digit) || matches!(c, '\u{200C}' | '\u{200D}')
}

/// Directional formatting characters.
fn is_bidi_control(c: char) -> bool {
    matches!(c as u32, 0x200E | 0x200F | 0x202A..=0x202E | 0x2066..=0x2069 | 0x061C)
}

#[cfg(test)]
mod tests;
