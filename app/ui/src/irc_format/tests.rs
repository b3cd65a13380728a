use super::*;

#[test]
fn colours_and_styles_are_removed() {
    assert_eq!(
        strip("\x0304,12red\x03 \x02bold\x02 \x1Fu\x1F\x0F"),
        "red bold u"
    );
    assert_eq!(strip("\x033green"), "green");
    assert_eq!(strip("\x03,5 comma stays"), ",5 comma stays");
    assert_eq!(strip("\x04ff0000hex"), "hex");
    assert_eq!(strip("score 3\x03,x"), "score 3,x");
}

#[test]
fn plain_text_is_untouched() {
    assert!(matches!(
        strip("https://example.org"),
        std::borrow::Cow::Borrowed(_)
    ));
}
