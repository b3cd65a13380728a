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
            let ordered = info.reorder_line(paragraph, paragraph.range.clone());
            restore_arabic_runs(&ordered, &mut out);
        }
    }
    Cow::Owned(out)
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
mod tests {
    use super::*;

    #[test]
    fn latin_text_is_not_copied() {
        assert!(matches!(visual("hello"), Cow::Borrowed("hello")));
    }

    #[test]
    fn one_persian_word_is_left_to_egui() {
        assert_eq!(visual("سلام"), "سلام");
    }

    #[test]
    fn persian_words_are_put_in_right_to_left_order() {
        assert_eq!(visual("سلام دنیا"), "دنیا سلام");
        assert_eq!(visual("یک دو سه"), "سه دو یک");
    }

    #[test]
    fn latin_inside_persian_keeps_its_own_order_on_the_left() {
        assert_eq!(visual("سلام Tor 123"), "Tor 123 سلام");
    }

    #[test]
    fn a_persian_ui_string_starting_with_latin_is_still_right_to_left() {
        // Auto direction would make this a left-to-right paragraph.
        assert_eq!(visual("Tor را ببند"), "Tor ببند را");
        assert_eq!(visual_right_to_left("Tor را ببند"), "ببند را Tor");
    }

    #[test]
    fn joiners_stay_inside_their_word_and_controls_go() {
        let shown = visual("حساب\u{200C}ها \u{200E}x");
        assert!(shown.contains("حساب\u{200C}ها"), "{shown:?}");
        assert!(!shown.contains('\u{200E}'));
    }

    #[test]
    fn persian_digits_keep_their_order() {
        assert_eq!(visual("مرحله ۱۲"), "۱۲ مرحله");
    }
}
