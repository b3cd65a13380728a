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
fn paragraph_direction_comes_from_the_first_strong_character() {
    assert!(is_right_to_left_paragraph("سلام Tor"));
    assert!(is_right_to_left_paragraph("123 سلام"));
    assert!(!is_right_to_left_paragraph("Tor سلام"));
    assert!(!is_right_to_left_paragraph("hello"));
    assert!(!is_right_to_left_paragraph("123"));
}

#[test]
fn lines_break_in_logical_order_at_spaces() {
    // One unit per character: "یک دو" fits in 5.
    let lines = break_lines("یک دو سه چهار", 5.0, |s| s.chars().count() as f32);
    assert_eq!(lines, ["یک دو", "سه", "چهار"]);
    // Each line is then ordered right to left on its own: the first line holds the
    // paragraph's first words.
    assert_eq!(visual_in(lines[0], true), "دو یک");
}

#[test]
fn a_long_word_gets_its_own_line_and_newlines_are_kept() {
    let lines = break_lines("a bbbbbbbb c\nd", 4.0, |s| s.chars().count() as f32);
    assert_eq!(lines, ["a", "bbbbbbbb", "c", "d"]);
    assert_eq!(break_lines("", 4.0, |_| 1.0), [""]);
    assert_eq!(break_lines("a  b", 10.0, |s| s.len() as f32), ["a  b"]);
}

#[test]
fn a_right_to_left_line_with_latin_inside_is_ordered_right_to_left() {
    assert_eq!(visual_in("Tor را ببند", true), "ببند را Tor");
    assert_eq!(visual_in("Tor را ببند", false), "Tor ببند را");
}

#[test]
fn brackets_at_a_right_to_left_level_are_mirrored() {
    // Drawn left to right: the Latin word left, then the Persian word in parentheses,
    // whose opening parenthesis is on its right.
    assert_eq!(visual_right_to_left("XMPP (جابر)"), "(جابر) XMPP");
    assert_eq!(visual_right_to_left("رمزگذاری (TLS)"), "(TLS) رمزگذاری");
    assert_eq!(visual("a (b) c"), "a (b) c");
}

#[test]
fn persian_digits_keep_their_order() {
    assert_eq!(visual("مرحله ۱۲"), "۱۲ مرحله");
}
