use super::*;

#[test]
fn history_walks_back_and_returns_to_the_draft() {
    let mut line = InputLine::default();
    for text in ["one", "two"] {
        line.text = text.into();
        line.take();
    }
    line.text = "dra".into();
    line.older();
    assert_eq!(line.text, "two");
    line.older();
    assert_eq!(line.text, "one");
    line.older();
    assert_eq!(line.text, "one", "stops at the oldest");
    line.newer();
    assert_eq!(line.text, "two");
    line.newer();
    assert_eq!(line.text, "dra", "back to what was being typed");
}

#[test]
fn history_is_bounded() {
    let mut line = InputLine::default();
    for i in 0..(HISTORY + 10) {
        line.text = i.to_string();
        line.take();
    }
    assert_eq!(line.history.len(), HISTORY);
}
