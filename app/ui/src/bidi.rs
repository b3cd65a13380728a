//! Right-to-left text for a renderer that only draws left to right.
//!
//! egui 0.37 lays glyphs out in logical order, one glyph per character, with no shaping:
//! Persian came out reversed and with every letter in its isolated form (see
//! `docs/screenshots/rtl-before.png`). Here Arabic-script text is first shaped into Unicode
//! presentation forms (`ar-reshaper`, which knows Persian letters), then put in visual order
//! with the Unicode Bidirectional Algorithm (`unicode-bidi`), so egui draws it correctly.
//! Text without right-to-left characters is returned untouched and costs one scan.

use std::borrow::Cow;
use unicode_bidi::BidiInfo;

/// `text` in the order its glyphs must be drawn from left to right.
pub fn visual(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_right_to_left) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    for (index, line) in text.split('\n').enumerate() {
        if index > 0 {
            out.push('\n');
        }
        // Shape in logical order first: joining depends on the logical neighbours.
        let shaped = ar_reshaper::reshape_line(line);
        let info = BidiInfo::new(&shaped, None);
        for paragraph in &info.paragraphs {
            let ordered = info.reorder_line(paragraph, paragraph.range.clone());
            out.extend(ordered.chars().filter(|c| !is_invisible_control(*c)));
        }
    }
    Cow::Owned(out)
}

/// Whether `c` belongs to a right-to-left script (Hebrew, Arabic and their forms).
pub fn is_right_to_left(c: char) -> bool {
    matches!(c as u32, 0x0590..=0x08FF | 0xFB1D..=0xFDFF | 0xFE70..=0xFEFF)
}

/// Format characters that have done their work once the text is shaped and ordered; egui
/// would draw them as boxes.
fn is_invisible_control(c: char) -> bool {
    matches!(c as u32, 0x200C..=0x200F | 0x202A..=0x202E | 0x2066..=0x2069)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn latin_text_is_not_copied() {
        assert!(matches!(visual("hello"), Cow::Borrowed("hello")));
    }

    #[test]
    fn persian_is_shaped_and_reversed() {
        // "سلام" (hello): seen from the left, the last letter comes first, in final form.
        let shown = visual("سلام");
        let chars: Vec<char> = shown.chars().collect();
        assert_eq!(chars.len(), 3, "lam-alef becomes one ligature: {shown:?}");
        assert_eq!(chars[0], '\u{FEE1}', "final meem is drawn first (leftmost)");
        assert_eq!(
            chars[2], '\u{FEB3}',
            "initial seen is drawn last (rightmost)"
        );
        assert!(
            shown
                .chars()
                .all(|c| !('\u{0600}'..='\u{06FF}').contains(&c))
        );
    }

    #[test]
    fn latin_inside_persian_keeps_its_own_order() {
        let shown = visual("سلام Tor 123");
        assert!(shown.contains("Tor"), "{shown:?}");
        assert!(shown.contains("123"), "{shown:?}");
    }

    #[test]
    fn zero_width_non_joiner_is_consumed() {
        let shown = visual("حساب\u{200C}ها");
        assert!(!shown.contains('\u{200C}'));
    }
}
