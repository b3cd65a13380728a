use super::*;
use messenger_bridges::Transport;

fn choosing() -> StallPrompt {
    StallPrompt {
        interactive: true,
        lines: None,
        state: State::Choosing(vec![
            StallChoice::BuiltIn(Transport::Snowflake),
            StallChoice::EnterBridges,
            StallChoice::KeepWaiting,
        ]),
    }
}

#[test]
fn a_number_chooses() {
    let mut prompt = choosing();
    assert_eq!(
        prompt.answer(Some(" 1 ".into())),
        Answer::Chose(StallChoice::BuiltIn(Transport::Snowflake))
    );
    assert!(!prompt.is_asking());
}

#[test]
fn anything_else_asks_again() {
    let mut prompt = choosing();
    for wrong in ["0", "4", "snowflake", ""] {
        assert!(
            matches!(prompt.answer(Some(wrong.into())), Answer::Invalid(_)),
            "{wrong}"
        );
        assert!(prompt.is_asking());
    }
}

#[test]
fn entering_bridges_collects_lines_until_an_empty_one() {
    let mut prompt = choosing();
    assert_eq!(
        prompt.answer(Some("2".into())),
        Answer::Chose(StallChoice::EnterBridges)
    );
    assert_eq!(prompt.answer(Some("line one".into())), Answer::Collecting);
    assert_eq!(prompt.answer(Some("line two".into())), Answer::Collecting);
    assert_eq!(
        prompt.answer(Some("  ".into())),
        Answer::Pasted("line one\nline two\n".into())
    );
    assert!(!prompt.is_asking());
}

#[test]
fn end_of_input_stops_asking() {
    let mut prompt = choosing();
    assert_eq!(prompt.answer(None), Answer::Closed);
    assert!(!prompt.interactive());
    assert!(!prompt.is_asking());
}
