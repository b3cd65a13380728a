use super::*;

#[test]
fn strips_codes_and_keeps_text() {
    assert_eq!(strip_formatting("\x02bold\x02 \x1Fu\x1F"), "bold u");
    assert_eq!(strip_formatting("\x0304,12red\x03 plain"), "red plain");
    assert_eq!(strip_formatting("\x034red"), "red");
    assert_eq!(strip_formatting("\x03,5x"), ",5x");
    assert_eq!(strip_formatting("\x0312,tea"), ",tea");
    assert_eq!(strip_formatting("\x04FF0000,00FF00hex\x0F"), "hex");
    assert_eq!(strip_formatting("a\x16b\x1Dc\x1Ed\x11e\tf"), "abcde\tf");
    assert_eq!(strip_formatting("\x03"), "");
    assert_eq!(strip_formatting("ünï 😀"), "ünï 😀");
}
