use super::*;

#[test]
fn pieces_fit_and_concatenate_to_the_original() {
    let text: String = "héllo wörld 😀 ".repeat(150);
    for budget in [32, 100, 401] {
        let pieces = split_text(&text, budget);
        assert!(pieces.iter().all(|p| p.len() <= budget && !p.is_empty()));
        assert_eq!(pieces.concat(), text);
        // Servers strip trailing spaces: no piece may end with one here.
        // (The text itself ends with one, so the last piece does.)
        let (_, head) = pieces.split_last().unwrap();
        assert!(head.iter().all(|p| !p.ends_with(' ')), "{pieces:?}");
    }
}

#[test]
fn short_and_empty_texts_are_one_piece() {
    assert_eq!(split_text("hi", 10), vec!["hi"]);
    assert_eq!(split_text("", 10), vec![""]);
}

#[test]
fn budget_leaves_room_for_the_worst_prefix() {
    let nick = "n".repeat(9);
    let target = "#".repeat(50);
    let budget = text_budget(&nick, &target, "PRIVMSG", 0);
    let line = format!(
        ":{nick}!~{}@{} PRIVMSG {target} :{}\r\n",
        "u".repeat(9),
        "h".repeat(63),
        "x".repeat(budget)
    );
    assert!(line.len() <= MAX_LINE, "{}", line.len());
}
